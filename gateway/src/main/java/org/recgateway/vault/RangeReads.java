package org.recgateway.vault;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.NonWritableChannelException;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ConcurrentLinkedDeque;

/**
 * A sealed file's ciphertext read with {@code FileChannel}: the bytes a plaintext read needs
 * ({@link #willRead}) in one positional read into a native buffer, then handed to Tink segment by
 * segment from there; anything else read straight from the file. The buffers (ciphertext only) are
 * reused: at {@link #close()} a buffer goes back to a small shared pool ({@value #POOLED} buffers of at
 * most 4 MiB), so a cut does not pay for allocating, zeroing and freeing half a megabyte of memory.
 */
final class RangeReads implements Ciphertext {
    private static final int POOLED = 8;
    private static final int POOLED_MAX_BYTES = 4 << 20;
    /** The most read ahead at once (and so the largest buffer): 4 MiB, about 2 minutes of 16 kHz 16-bit mono. */
    private static final int CHUNK_BYTES = POOLED_MAX_BYTES;
    private static final int ROUND_TO = 256 << 10;
    private static final ConcurrentLinkedDeque<ByteBuffer> FREE = new ConcurrentLinkedDeque<>();

    private final FileChannel file;
    private final Path path;
    private ByteBuffer held;
    private long heldFrom;
    /** The end of the range last announced by {@link #willRead}; 0 when none. */
    private long wantedTo;
    private long position;
    private int fileReads;

    private RangeReads(FileChannel file, Path path) {
        this.file = file;
        this.path = path;
    }

    static RangeReads open(Path path) throws IOException {
        return new RangeReads(FileChannel.open(path, StandardOpenOption.READ), path);
    }

    /**
     * Reads {@code [from, to)} (clamped to the file) ahead, at most {@value #CHUNK_BYTES} bytes at a time:
     * a longer range is read on in chunks as Tink reaches the end of the one held.
     */
    @Override
    public void willRead(long from, long to) throws IOException {
        wantedTo = Math.min(to, file.size());
        fill(from);
    }

    private void fill(long from) throws IOException {
        long end = Math.min(wantedTo, from + CHUNK_BYTES);
        if (end - from <= 0) {
            return;
        }
        int n = (int) (end - from);
        if (held == null || held.capacity() < n) {
            release(held);
            held = take(n);
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

    private boolean holds(long at) {
        return held != null && at >= heldFrom && at < heldFrom + held.limit();
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        int start = dst.position();
        if (held != null && position >= heldFrom + held.limit() && position < wantedTo) {
            fill(position);  // the next chunk of a long range, as Tink moves on through it
        }
        if (holds(position)) {
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
                release(held);
                held = null;
            }
        }
    }

    /** A pooled buffer of at least {@code n} bytes, or a new one (rounded up to 256 KB). */
    private static ByteBuffer take(int n) {
        for (ByteBuffer b; (b = FREE.pollFirst()) != null; ) {
            if (b.capacity() >= n) {
                return b.clear();
            }
            // too small for this read: dropped, the garbage collector frees it
        }
        long size = Math.min(Integer.MAX_VALUE, ((long) n + ROUND_TO - 1) / ROUND_TO * ROUND_TO);
        return ByteBuffer.allocateDirect((int) size);
    }

    private static void release(ByteBuffer b) {
        if (b != null && b.capacity() <= POOLED_MAX_BYTES && FREE.size() < POOLED) {
            FREE.offerFirst(b.clear());
        }
    }
}
