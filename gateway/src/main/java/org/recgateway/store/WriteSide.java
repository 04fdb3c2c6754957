package org.recgateway.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The store's writing connection and its prepared statements, rebuilt after a failure. A failed
 * transaction (disk full, file locked past the busy timeout, an I/O error) can leave SQLite's
 * connection inside a transaction and the cached statements unusable ("statement is not executing",
 * "cannot start a transaction within a transaction"), so that every later write fails even once the
 * cause is gone. After any such failure this side is marked broken; the next user rebuilds the
 * connection and statements from the file, and a rebuild that fails leaves it broken for the next
 * try. Whether the store can write is kept here too: it turns unavailable at the first failure and
 * available again at the first commit after it, each turn logged once. Used only under the store's
 * write lock.
 */
final class WriteSide {
    private static final Logger LOG = LoggerFactory.getLogger(WriteSide.class);

    private final Path file;
    private final Clock clock;
    private final StoreConnections.WriterSource writers;
    private volatile JdbcRecordingStore.SqlWork<Void> onOpen = c -> null;
    private Connection connection;
    private StatementCache statements;
    private boolean broken;
    private volatile String unavailable;  // null while writable; else why not
    private volatile Instant unavailableSince;

    WriteSide(Path file, Connection connection, StoreConnections.WriterSource writers, Clock clock) {
        this.file = file;
        this.writers = writers;
        this.clock = clock;
        this.connection = connection;
        this.statements = new StatementCache(connection);
    }

    /** The live connection; null once closed. */
    Connection connection() {
        return connection;
    }

    /** The live connection's statements. */
    StatementCache statements() {
        return statements;
    }

    /** Work run on every connection this side opens from now on, and on the current one (tests limit its size with it). */
    void onOpen(JdbcRecordingStore.SqlWork<Void> work) throws SQLException {
        onOpen = work;
        if (connection != null) {
            work.run(connection);
        }
    }

    /** Rebuilds the connection and statements if a failure broke them. */
    void healIfBroken() throws SQLException {
        if (!broken || connection == null) {
            return;
        }
        try {
            statements.close();
        } catch (SQLException ignored) {
            // the old statements are being thrown away with their connection
        }
        try {
            connection.close();
        } catch (SQLException ignored) {
            // SQLite rolls back whatever the dead connection held open
        }
        connection = null;
        Connection fresh = writers.open();
        try {
            onOpen.run(fresh);
        } catch (SQLException | RuntimeException e) {
            fresh.close();
            throw e;
        }
        connection = fresh;
        statements = new StatementCache(fresh);
        broken = false;
        LOG.debug("recording store {}: writing connection rebuilt after a failure", file);
    }

    /** A transaction or write on this connection failed with {@code cause}: rebuild before the next use. */
    void failed(Throwable cause) {
        broken = true;
        if (unavailable == null) {
            unavailable = String.valueOf(cause.getMessage());
            unavailableSince = clock.instant();
            LOG.error("ALARM recording store {} cannot write ({}): new calls are not recorded (RECORDING_REASON=store-unavailable) "
                    + "until it can; free disk space or end what locks the file, and it resumes by itself", file, unavailable);
        }
    }

    /** A transaction committed: the store writes again. */
    void committed() {
        if (unavailable != null) {
            LOG.info("recording store {} writes again (it could not since {}); new calls are recorded", file, unavailableSince);
            unavailable = null;
            unavailableSince = null;
        }
    }

    /** Why the store cannot write, or null while its last transaction committed. */
    String unavailable() {
        return unavailable;
    }

    /** Closes statements then the connection (which checkpoints the WAL); further use fails. */
    void close() throws SQLException {
        Connection c = connection;
        connection = null;
        if (c != null) {
            try (c) {
                statements.close();
            }
        }
    }
}
