package org.recgateway.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.CountDownLatch;

/**
 * One caller's write waiting in the {@link GroupCommitWriter}'s queue: its JDBC work, then its result
 * or failure, handed back to the caller when the batch holding it has committed or failed.
 */
final class QueuedWrite<T> {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(QueuedWrite.class);
    private final String what;
    private final JdbcRecordingStore.SqlWork<T> work;
    private final Path file;
    private final CountDownLatch done = new CountDownLatch(1);
    private final java.util.function.Consumer<? super T> onCommit;
    private final java.util.function.Consumer<? super RuntimeException> onFailure;
    private T result;
    private RuntimeException failure;
    private SQLException databaseFailure;

    QueuedWrite(String what, JdbcRecordingStore.SqlWork<T> work, Path file) {
        this(what, work, file, null);
    }

    /**
     * @param onCommit told the work's result on the writer thread once the transaction holding it has
     *                 committed, before the caller is released; never for a write that failed or was rolled back
     */
    QueuedWrite(String what, JdbcRecordingStore.SqlWork<T> work, Path file, java.util.function.Consumer<? super T> onCommit) {
        this(what, work, file, onCommit, null);
    }

    /**
     * A write nobody waits for ({@link GroupCommitWriter#queue}): {@code onFailure} (null for a write whose caller
     * waits) is told, on the writer thread, why it is not durable.
     */
    QueuedWrite(String what, JdbcRecordingStore.SqlWork<T> work, Path file, java.util.function.Consumer<? super T> onCommit,
                java.util.function.Consumer<? super RuntimeException> onFailure) {
        this.what = what;
        this.work = work;
        this.file = file;
        this.onCommit = onCommit;
        this.onFailure = onFailure;
    }

    /** What the write does, for messages. */
    String what() {
        return what;
    }

    /** The batch holding this write committed: tells {@code onCommit} the result unless this write failed alone. */
    void committed() {
        if (onCommit != null && failure == null) {
            onCommit.accept(result);
        }
    }

    /**
     * Runs the work inside its own savepoint of the open transaction; on failure rolls back to the
     * savepoint and keeps the failure for the caller ({@code dialect} tells a refusal from a database
     * failure). Throws only when the transaction itself is lost.
     */
    void runInSavepoint(Connection connection, StatementCache statements, Dialect dialect) throws SQLException {
        statements.execute("SAVEPOINT write");
        try {
            result = work.run(connection);
        } catch (SQLException e) {
            databaseFailure = dialect.refusal(e) ? null : e;
            failure = new StoreException("could not " + what + " in " + file + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            failure = e;
        }
        if (failure != null) {
            statements.execute("ROLLBACK TO write");
        }
        statements.execute("RELEASE write");
    }

    /** The database's own failure of this write (disk full, I/O, locked; not a constraint's refusal), or null. */
    SQLException failedInDatabase() {
        return databaseFailure;
    }

    /** The batch did not commit: this write is not durable either. */
    void failUnlessFailed(Throwable cause) {
        if (failure == null) {
            result = null;
            failure = new StoreException("could not " + what + " in " + file + ": the transaction failed ("
                    + cause.getMessage() + "); check the disk and retry", cause);
        }
    }

    /**
     * Releases the caller; called by the writer thread once the batch has committed or failed. A write nobody waits
     * for tells its {@code onFailure} instead, so a failure is never lost silently.
     */
    void complete() {
        done.countDown();
        if (onFailure != null && failure != null) {
            try {
                onFailure.accept(failure);
            } catch (RuntimeException e) {
                LOG.error("could not {} in {} ({}), and reporting that failed too ({})", what, file, failure.getMessage(), e.toString());
            }
        }
    }

    /** Waits (not interruptibly, like a lock) until the writer is done with this write. */
    T await() {
        boolean interrupted = false;
        while (true) {
            try {
                done.await();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        if (failure != null) {
            throw failure;
        }
        return result;
    }
}
