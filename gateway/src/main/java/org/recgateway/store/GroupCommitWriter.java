package org.recgateway.store;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Group commit: callers queue writes, and one writer thread takes everything queued (up to
 * {@link #MAX_BATCH}) and runs it in one transaction, each write inside its own savepoint so that a
 * failing write is rolled back alone and fails only its caller. A caller is released when the
 * transaction holding its write has committed, so acknowledged means durable. The writer holds the
 * connection lock while it runs a batch; other work on the connection takes the same lock between
 * batches.
 *
 * <p>Two queues feed the batches ({@link WriteQueues}). Most writes go into one queue and are taken strictly in the
 * order they were queued. A write that a live call waits for and that no earlier write can affect ({@link #writeFirst}, a new
 * recording's ACTIVE row) goes into a second queue that each batch empties first. Without it, a new call's row
 * waited behind every write queued before it: at 1,000 calls/s on a cold JVM that backlog reached thousands of
 * writes (issue 13, BENCHMARKS.md "the warm-up stall"), the caller's side gave up waiting before MixMonitor started,
 * and the call went unrecorded.
 */
final class GroupCommitWriter {
    private static final Logger LOG = LoggerFactory.getLogger(GroupCommitWriter.class);

    /** At most this many writes go into one transaction. */
    static final int MAX_BATCH = 512;

    private final Path file;
    private final WriteSide side;
    private final ReentrantLock connectionLock;
    private final Dialect dialect;
    private final WriteQueues queues;
    private final AtomicLong commits = new AtomicLong();
    private final Thread thread;
    private volatile JdbcRecordingStore.CommitTimes commitTimes = (nanos, committed) -> { };
    private final List<Runnable> afterCommit = new CopyOnWriteArrayList<>();

    GroupCommitWriter(Path file, WriteSide side, ReentrantLock connectionLock, Dialect dialect) {
        this.dialect = dialect;
        this.file = file;
        this.side = side;
        this.connectionLock = connectionLock;
        this.queues = new WriteQueues(file);
        this.thread = Thread.ofPlatform().daemon().name("recording-store-writer").unstarted(this::run);
        thread.start();
    }

    /** Queues the write and waits until it is durable; its exceptions are rethrown here. */
    <T> T write(String what, JdbcRecordingStore.SqlWork<T> work) {
        return write(what, work, null);
    }

    /**
     * Queues the write and waits until it is durable; {@code onCommit} (may be null) is told its result on
     * the writer thread once its transaction committed, before the {@link #afterCommit} hooks run and before
     * this call returns.
     */
    <T> T write(String what, JdbcRecordingStore.SqlWork<T> work, Consumer<? super T> onCommit) {
        refuseUnderConnectionLock(what);
        QueuedWrite<T> write = new QueuedWrite<>(what, work, file, onCommit);
        queues.add(write, false);
        return write.await();
    }

    /**
     * Queues the write ahead of every write not yet taken, and waits until it is durable; its exceptions are
     * rethrown here. The next batch takes it before any write of the ordinary queue (writes queued with this method
     * keep their own order among themselves). For a write that a live call waits for and whose outcome no write
     * queued before it can change: rows under a fresh key, bound by no constraint across rows, e.g. a new recording's
     * ACTIVE row (its id is new, so nothing queued before can refer to it). A write that reads or updates existing
     * rows, or is bound by a limit across rows (diagnostic slots), must use {@link #write} instead.
     */
    <T> T writeFirst(String what, JdbcRecordingStore.SqlWork<T> work) {
        refuseUnderConnectionLock(what);
        QueuedWrite<T> write = new QueuedWrite<>(what, work, file, null);
        queues.add(write, true);
        return write.await();
    }

    private void refuseUnderConnectionLock(String what) {
        if (connectionLock.isHeldByCurrentThread()) {
            throw new IllegalStateException("cannot " + what + " while holding the recording store's connection;"
                    + " do the write with the connection the locked work was given");
        }
    }

    /**
     * Queues the write and returns at once, without waiting for it to be durable (issue 13: the FastAGI session
     * thread need not wait for a write nothing in the session depends on). The write is ordered like every other:
     * after each write queued before this call, before each one queued after it (one queue, one writer, batches in
     * order), so a later write or {@link #awaitQueued} sees it. On the writer thread, once its batch is done:
     * {@code onCommit} (may be null) is told the result when it committed, {@code onFailure} the failure otherwise
     * (a failure in {@code onFailure} is logged). {@link #close()} still commits it.
     *
     * @throws IllegalStateException when the store is closed (nothing was queued)
     */
    <T> void queue(String what, JdbcRecordingStore.SqlWork<T> work, Consumer<? super T> onCommit,
                   Consumer<? super RuntimeException> onFailure) {
        queues.add(new QueuedWrite<>(what, work, file, onCommit, Objects.requireNonNull(onFailure, "onFailure")), false);
    }

    /**
     * Returns once every write queued before this call, in either queue, has been committed or has failed; for a
     * reader that must see a write some other thread {@link #queue queued} without waiting for it. Costs no
     * transaction: each queue is taken in order, so a count of the writes finished from each is enough.
     */
    void awaitQueued() {
        queues.awaitFinished();
    }

    /** Stops taking writes, commits everything already queued, then ends the writer thread. */
    void close() {
        queues.close();
        boolean interrupted = false;
        while (thread.isAlive()) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** Told how long each transaction took, committed or not. */
    void commitTimes(JdbcRecordingStore.CommitTimes times) {
        commitTimes = times;
    }

    /**
     * Runs {@code hook} on the writer thread once after every committed transaction (after the writes'
     * {@code onCommit}, before their callers are released), e.g. to checkpoint what the batch made durable.
     * A hook's exception is logged and does not fail the writes, which are durable already.
     */
    void afterCommit(Runnable hook) {
        afterCommit.add(hook);
    }

    /** Transactions committed so far. */
    long commits() {
        return commits.get();
    }

    /** Writes waiting for the writer, in both queues (the {@code gateway.store.queued.writes} gauge). */
    int queuedWrites() {
        return queues.size();
    }

    /** False once {@link #close()} has begun (for tests). */
    boolean acceptsWrites() {
        return queues.open();
    }

    private void run() {
        List<QueuedWrite<?>> batch = new ArrayList<>(MAX_BATCH);
        while (queues.awaitWork()) {
            int firstOnes;
            connectionLock.lock();
            try {
                firstOnes = queues.take(batch, MAX_BATCH);  // with the connection lock held: writes gather meanwhile
                commit(batch);
            } finally {
                connectionLock.unlock();
            }
            for (QueuedWrite<?> write : batch) {
                write.complete();
            }
            queues.finished(firstOnes, batch.size() - firstOnes);
            batch.clear();
        }
    }

    private void commit(List<QueuedWrite<?>> batch) {
        long began = System.nanoTime();
        long committedBefore = commits.get();
        try {
            transaction(batch);
        } finally {
            commitTimes.took(System.nanoTime() - began, commits.get() > committedBefore);
        }
    }

    private void transaction(List<QueuedWrite<?>> batch) {
        try {
            side.healIfBroken();
            StatementCache statements = side.statements();
            if (statements == null || side.connection() == null) {
                throw new IllegalStateException("the recording store " + file + " is closed");
            }
            statements.execute(dialect.begin());
            try {
                for (QueuedWrite<?> write : batch) {
                    write.runInSavepoint(side.connection(), statements, dialect);
                }
                statements.execute("COMMIT");
                commits.incrementAndGet();
            } catch (SQLException | RuntimeException | Error e) {
                rollback(statements, e);
                throw e;
            }
            for (QueuedWrite<?> write : batch) {
                if (write.failedInDatabase() != null) {
                    // committed without it, but the connection may be left in a state no later write survives
                    side.failed(write.failedInDatabase());
                    committed(batch);
                    return;
                }
            }
            side.committed();
            committed(batch);
        } catch (Throwable e) {  // the transaction is gone: none of its writes is durable
            Throwable why = e;
            for (QueuedWrite<?> write : batch) {
                if (write.failedInDatabase() != null) {
                    why = write.failedInDatabase();  // e.g. SQLITE_FULL, rather than the "no such savepoint" it left behind
                    break;
                }
            }
            side.failed(why);
            for (QueuedWrite<?> write : batch) {
                write.failUnlessFailed(e);
            }
        }
    }

    /** Tells each committed write and then the hooks; never throws (the writes are durable whatever a hook does). */
    private void committed(List<QueuedWrite<?>> batch) {
        for (QueuedWrite<?> write : batch) {
            try {
                write.committed();
            } catch (RuntimeException e) {
                LOG.error("after committing, telling the result of a write failed ({}); the write itself is durable", e.toString());
            }
        }
        for (Runnable hook : afterCommit) {
            try {
                hook.run();
            } catch (RuntimeException e) {
                LOG.error("an after-commit hook of {} failed ({}); the batch itself is durable", file, e.toString());
            }
        }
    }

    private static void rollback(StatementCache statements, Throwable cause) {
        try {
            statements.execute("ROLLBACK");
        } catch (SQLException e) {
            cause.addSuppressed(e);  // SQLite may have rolled back already (e.g. disk full)
        }
    }
}
