package org.recgateway.store;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The two queues that feed {@link GroupCommitWriter}'s batches, under one lock. The ordinary queue is taken strictly
 * in the order its writes were queued. The first queue holds writes that a live call waits for and that no earlier
 * write can affect (a new recording's ACTIVE row); every batch empties it before it takes ordinary writes, and its
 * writes keep their own order among themselves. Because each queue is taken in order, a count of the writes finished
 * from each is enough to wait for everything queued before a moment ({@link #awaitFinished}). Thread-safe.
 */
final class WriteQueues {
    private final Path file;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition queued = lock.newCondition();
    private final Condition finished = lock.newCondition();
    private final ArrayDeque<QueuedWrite<?>> inOrder = new ArrayDeque<>();
    private final ArrayDeque<QueuedWrite<?>> first = new ArrayDeque<>();
    private boolean closed;
    /** Writes ever queued into each queue, and how many of each the writer has finished. */
    private long queuedInOrder, queuedFirst, finishedInOrder, finishedFirst;

    /** @param file the store's file, named in the message of a write refused after {@link #close()} */
    WriteQueues(Path file) {
        this.file = file;
    }

    /**
     * Queues a write at the end of the first queue ({@code first}) or of the ordinary one.
     *
     * @throws IllegalStateException when closed (nothing was queued); the message names the store and the write
     */
    void add(QueuedWrite<?> write, boolean first) {
        lock.lock();
        try {
            if (closed) {
                throw new IllegalStateException("the recording store " + file + " is closed; cannot " + write.what());
            }
            if (first) {
                this.first.add(write);
                queuedFirst++;
            } else {
                inOrder.add(write);
                queuedInOrder++;
            }
            queued.signal();
        } finally {
            lock.unlock();
        }
    }

    /** Waits until a write is queued; false when closed and nothing is left. */
    boolean awaitWork() {
        lock.lock();
        try {
            while (inOrder.isEmpty() && first.isEmpty() && !closed) {
                queued.awaitUninterruptibly();
            }
            return !inOrder.isEmpty() || !first.isEmpty();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Moves up to {@code max} writes into {@code batch}: the first queue's, then the ordinary queue's, each in order.
     *
     * @return how many of them came from the first queue (for {@link #finished})
     */
    int take(List<QueuedWrite<?>> batch, int max) {
        lock.lock();
        try {
            while (!first.isEmpty() && batch.size() < max) {
                batch.add(first.poll());
            }
            int firstOnes = batch.size();
            while (!inOrder.isEmpty() && batch.size() < max) {
                batch.add(inOrder.poll());
            }
            return firstOnes;
        } finally {
            lock.unlock();
        }
    }

    /** Counts a batch as finished (committed or failed), as {@link #take} split it between the queues. */
    void finished(int firstOnes, int ordinary) {
        lock.lock();
        try {
            finishedFirst += firstOnes;
            finishedInOrder += ordinary;
            finished.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Returns once every write queued before this call, in either queue, is {@link #finished}. */
    void awaitFinished() {
        lock.lock();
        try {
            long ordinary = queuedInOrder;
            long firstOnes = queuedFirst;
            while (finishedInOrder < ordinary || finishedFirst < firstOnes) {
                finished.awaitUninterruptibly();
            }
        } finally {
            lock.unlock();
        }
    }

    /** Refuses writes from now on; what is queued stays to be taken. */
    void close() {
        lock.lock();
        try {
            closed = true;
            queued.signal();
        } finally {
            lock.unlock();
        }
    }

    /** False once {@link #close()} was called. */
    boolean open() {
        lock.lock();
        try {
            return !closed;
        } finally {
            lock.unlock();
        }
    }

    /** Writes waiting in both queues. */
    int size() {
        lock.lock();
        try {
            return inOrder.size() + first.size();
        } finally {
            lock.unlock();
        }
    }
}
