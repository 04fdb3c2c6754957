package org.recgateway.vault;

import java.nio.ByteBuffer;
import java.util.concurrent.ArrayBlockingQueue;

/**
 * The 64 KB buffers that sealing reads a recording through (plaintext in, sealed copy back for the check), reused from
 * one filing to the next: allocated afresh they were a fifth of all the gateway's allocation at 1,000 calls/s (issue 13,
 * BENCHMARKS.md session 7), and every filing runs on a new virtual thread, so a thread-local would not keep them. At
 * most {@link #KEPT} wait for reuse; a filing that finds none allocates one. Thread-safe.
 */
final class ReusedBuffers {
    /** Bytes per buffer. */
    static final int SIZE = 64 * 1024;
    /** Buffers kept for reuse at most (1 MB). */
    static final int KEPT = 16;

    private final ArrayBlockingQueue<ByteBuffer> free = new ArrayBlockingQueue<>(KEPT);

    /** A cleared heap buffer of {@link #SIZE} bytes, owned by the caller until {@link #give}. */
    ByteBuffer take() {
        ByteBuffer b = free.poll();
        return b != null ? b.clear() : ByteBuffer.allocate(SIZE);
    }

    /** Returns {@code b} (taken here, no longer used by the caller) for reuse. */
    void give(ByteBuffer b) {
        free.offer(b.clear());
    }

    /** How many buffers wait for reuse now. */
    int kept() {
        return free.size();
    }
}
