package org.recgateway.vault;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.NonWritableChannelException;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A sealed file's ciphertext read with {@code FileChannel}: the bytes a plaintext read needs
 * ({@link #willRead}) in one positional read into a native buffer, then handed to Tink segment by
 * segment from there; anything else read straight from the file. The buffer is freed at
 * {@link #close()}; the channel is read and closed by the thread that opened it.
 */
final class RangeReads implements Ciphertext {
    private final FileChannel file;
    private final Path path;
    private final Arena arena = Arena.ofConfined();
    private ByteBuffer held;
    private long heldFrom;
    private long position;
    private int fileReads;

    private RangeReads(FileChannel file, Path path) {
        this.file = file;
        this.path = path;
    }

    static RangeReads open(Path path) throws IOException {
        return new RangeReads(FileChannel.open(path, StandardOpenOption.READ), path);
    }

    @Override
    public void willRead(long from, long to) throws IOException {
        long end = Math.min(to, file.size());
        if (end - from <= 0 || end - from > Integer.MAX_VALUE) {
            return;
        }
        int n = (int) (end - from);
        if (held == null || held.capacity() < n) {
            MemorySegment buffer = arena.allocate(n, 4096);
            held = buffer.asByteBuffer();
        }
        held.clear().limit(n);
        while (held.hasRemaining()) {
            fileReads++;
            if (file.read(held, from + held.position()) < 0) {
                break;  // the file is shorter than its size said a moment ago: Tink's own read will fail
            }
        }
        held.flip();
        heldFrom = from;
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        int start = dst.position();
        if (held != null && position >= heldFrom && position < heldFrom + held.limit()) {
            int offset = (int) (position - heldFrom);
            int n = Math.min(dst.remaining(), held.limit() - offset);
            dst.put(dst.position(), held, offset, n);
            dst.position(dst.position() + n);
            position += n;
        }
        if (dst.hasRemaining()) {
            fileReads++;
            int n = file.read(dst, position);
            if (n < 0) {
                return dst.position() == start ? -1 : dst.position() - start;
            }
            position += n;
        }
        return dst.position() - start;
    }

    /** How many positional reads of the file this channel made; for tests. */
    int fileReads() {
        return fileReads;
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
            throw new IllegalArgumentException("a position is zero or more, got " + newPosition + " in " + path);
        }
        position = newPosition;
        return this;
    }

    @Override
    public long size() throws IOException {
        return file.size();
    }

    @Override
    public SeekableByteChannel truncate(long size) {
        throw new NonWritableChannelException();
    }

    @Override
    public boolean isOpen() {
        return file.isOpen();
    }

    @Override
    public void close() throws IOException {
        if (file.isOpen()) {
            try {
                file.close();
            } finally {
                arena.close();
            }
        }
    }
}
