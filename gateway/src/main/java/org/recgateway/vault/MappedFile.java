package org.recgateway.vault;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.channels.NonWritableChannelException;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A file read through a read-only memory map of the whole file, e.g. a sealed file's ciphertext under
 * Tink's decrypting channel: each of Tink's segment reads is one copy out of the mapped pages, instead of a {@code pread} system call into a
 * temporary native buffer and a second copy into Tink's array. Only the pages a cut touches are read
 * from the page cache or the disk. The map is released at {@link #close()} (a confined arena, not the
 * garbage collector), so the channel must be read and closed by the thread that opened it. A file that
 * shrinks while it is mapped ends the read with an {@link IOException} instead of a JVM fault. {@link #size()} is the
 * file's size when it was opened.
 */
public final class MappedFile implements Ciphertext {
    private final Arena arena;
    private final MemorySegment bytes;
    private final Path file;
    private long position;
    private boolean open = true;

    private MappedFile(Arena arena, MemorySegment bytes, Path file) {
        this.arena = arena;
        this.bytes = bytes;
        this.file = file;
    }

    /**
     * Maps {@code file} read-only; the file descriptor is closed at once (the map keeps the file).
     *
     * @throws IOException when the file cannot be opened or mapped
     */
    public static MappedFile open(Path file) throws IOException {
        Arena arena = Arena.ofConfined();
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            MemorySegment bytes = size == 0 ? MemorySegment.NULL : channel.map(FileChannel.MapMode.READ_ONLY, 0, size, arena);
            return new MappedFile(arena, bytes, file);
        } catch (IOException | RuntimeException e) {
            arena.close();
            throw e;
        }
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        if (!open) {
            throw new ClosedChannelException();
        }
        long size = bytes.byteSize();
        if (position >= size) {
            return -1;
        }
        int n = (int) Math.min(dst.remaining(), size - position);
        try {
            if (dst.hasArray()) {
                MemorySegment.copy(bytes, ValueLayout.JAVA_BYTE, position, dst.array(), dst.arrayOffset() + dst.position(), n);
            } else {
                MemorySegment.copy(bytes, position, MemorySegment.ofBuffer(dst), 0, n);
            }
        } catch (InternalError e) {
            // SIGBUS: the file was cut shorter than the map while it was read.
            throw new IOException("the file " + file + " shrank while it was read (" + e.getMessage() + ")", e);
        }
        dst.position(dst.position() + n);
        position += n;
        return n;
    }

    /**
     * Asks the kernel to read bytes {@code [from, to)} of the map (clamped to the file) in one go and
     * maps them now ({@code MemorySegment.load}): on a cold file one large read instead of a page fault
     * per few pages.
     *
     * @throws IOException when the file shrank below the map
     */
    @Override
    public void willRead(long from, long to) throws IOException {
        long end = Math.min(to, bytes.byteSize());
        if (!open || end <= from || from < 0) {
            return;
        }
        try {
            bytes.asSlice(from, end - from).load();
        } catch (InternalError e) {
            throw new IOException("the file " + file + " shrank while it was read (" + e.getMessage() + ")", e);
        }
    }

    @Override
    public int write(ByteBuffer src) {
        throw new NonWritableChannelException();
    }

    @Override
    public long position() {
        return position;
    }

    @Override
    public SeekableByteChannel position(long newPosition) {
        if (newPosition < 0) {
            throw new IllegalArgumentException("a position is zero or more, got " + newPosition);
        }
        position = newPosition;
        return this;
    }

    @Override
    public long size() {
        return bytes.byteSize();
    }

    @Override
    public SeekableByteChannel truncate(long size) {
        throw new NonWritableChannelException();
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    @Override
    public void close() {
        if (open) {
            open = false;
            arena.close();
        }
    }
}
