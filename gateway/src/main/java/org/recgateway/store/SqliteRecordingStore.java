package org.recgateway.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

import org.recgateway.recording.Recording;
import org.recgateway.recording.RecordingQuery;
import org.recgateway.recording.RecordingStatus;
import org.recgateway.recording.RecordingStore;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * The embedded recording store: one SQLite file in WAL mode with {@code synchronous=FULL}, so a
 * write is on disk when the method returns. One connection behind a lock (SQLite serialises writers
 * anyway); a {@link StoreException} reports database failures, an {@link IllegalArgumentException}
 * an insert of an existing id or an update of a missing one.
 */
public final class SqliteRecordingStore implements RecordingStore {

    private static final int BUSY_TIMEOUT_MILLIS = 5_000;

    private final ReentrantLock lock = new ReentrantLock();
    private final Path file;
    private Connection connection;

    private SqliteRecordingStore(Path file, Connection connection) {
        this.file = file;
        this.connection = connection;
    }

    /** Opens (creating it and its parent directories if needed) and migrates the database at {@code dbFile}. */
    public static SqliteRecordingStore open(Path dbFile) {
        Path file = dbFile.toAbsolutePath();
        try {
            Files.createDirectories(file.getParent());
        } catch (IOException e) {
            throw new StoreException("cannot create the directory " + file.getParent()
                    + " for the recording store; check that the path is right and writable", e);
        }
        Connection connection = null;
        try {
            connection = DriverManager.getConnection("jdbc:sqlite:" + file);
            configure(connection, file);
            Schema.migrate(connection);
            return new SqliteRecordingStore(file, connection);
        } catch (SQLException | RuntimeException e) {
            closeQuietly(connection, e);
            if (e instanceof StoreException se) {
                throw se;
            }
            throw new StoreException("cannot open the recording store " + file + ": " + e.getMessage()
                    + "; check that it is a SQLite database this gateway wrote and that the disk is writable", e);
        }
    }

    private static void configure(Connection connection, Path file) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("PRAGMA busy_timeout = " + BUSY_TIMEOUT_MILLIS);
            try (ResultSet mode = statement.executeQuery("PRAGMA journal_mode = WAL")) {
                String actual = mode.next() ? mode.getString(1) : "unknown";
                if (!"wal".equalsIgnoreCase(actual)) {
                    throw new StoreException("the recording store " + file + " could not switch to WAL mode (it is "
                            + actual + "); put it on a local file system");
                }
            }
            statement.execute("PRAGMA synchronous = FULL");
        }
    }

    @Override
    public void insert(Recording recording) {
        locked("insert recording " + recording.id(), c -> {
            c.setAutoCommit(false);
            try (PreparedStatement s = c.prepareStatement(RecordingRows.INSERT)) {
                s.setString(1, recording.id());
                RecordingRows.bindFields(s, recording, 2);
                s.executeUpdate();
                PurposeRows.insert(c, recording);
                c.commit();
            } catch (SQLiteException e) {
                c.rollback();
                if (e.getResultCode() == SQLiteErrorCode.SQLITE_CONSTRAINT_PRIMARYKEY) {
                    throw new IllegalArgumentException("a recording with id " + recording.id()
                            + " already exists; insert is for new recordings, use update to change one", e);
                }
                throw e;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
            return null;
        });
    }

    @Override
    public void update(Recording recording) {
        locked("update recording " + recording.id(), c -> {
            try (PreparedStatement s = c.prepareStatement(RecordingRows.UPDATE)) {
                int next = RecordingRows.bindFields(s, recording, 1);
                s.setString(next, recording.id());
                if (s.executeUpdate() == 0) {
                    throw new IllegalArgumentException("no recording with id " + recording.id()
                            + " to update; insert it first");
                }
            }
            return null;
        });
    }

    @Override
    public Optional<Recording> byId(String id) {
        List<Recording> found = select("read recording " + id, RecordingRows.SELECT + " WHERE id = ?", id);
        return found.stream().findFirst();
    }

    @Override
    public List<Recording> find(RecordingQuery query) {
        QuerySql sql = QuerySql.of(query);
        return locked("search recordings", c -> {
            try (PreparedStatement s = sql.prepare(c)) {
                return readAll(c, s);
            }
        });
    }

    @Override
    public List<Recording> active() {
        return select("list active recordings",
                RecordingRows.SELECT + " WHERE status = ? ORDER BY started DESC, id DESC", RecordingStatus.ACTIVE.id());
    }

    @Override
    public boolean knowsFile(String filePath) {
        return locked("look up file " + filePath, c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT 1 FROM recordings WHERE file_path = ? LIMIT 1")) {
                s.setString(1, filePath);
                try (ResultSet rows = s.executeQuery()) {
                    return rows.next();
                }
            }
        });
    }

    /** Tickets, diagnostic links and markers in the same database, on the same connection and lock. */
    public SqliteDiagnosticsStore diagnostics() {
        return new SqliteDiagnosticsStore(this::locked);
    }

    /** Runs JDBC work with the connection while the lock is held; for the other tables of this database. */
    interface Locked {
        <T> T run(String what, SqlWork<T> work);
    }

    /**
     * The audit trail in this same database file, sharing this store's connection and lock: an audit
     * append is serialised with recording writes, is on disk when it returns, and a later change can
     * write a recording and its audit event in one transaction. Valid until this store is closed.
     */
    public SqliteAuditTrail auditTrail(Clock clock) {
        return new SqliteAuditTrail(this, clock);
    }

    /** The database file, for messages. */
    Path file() {
        return file;
    }

    @Override
    public void close() {
        lock.lock();
        try {
            if (connection != null) {
                connection.close();
                connection = null;
            }
        } catch (SQLException e) {
            throw new StoreException("closing the recording store " + file + " failed: " + e.getMessage(), e);
        } finally {
            lock.unlock();
        }
    }

    private List<Recording> select(String what, String sql, String parameter) {
        return locked(what, c -> {
            try (PreparedStatement s = c.prepareStatement(sql)) {
                s.setString(1, parameter);
                return readAll(c, s);
            }
        });
    }

    private static List<Recording> readAll(Connection c, PreparedStatement statement) throws SQLException {
        List<Recording> result = new ArrayList<>();
        try (ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                result.add(PurposeRows.complete(c, RecordingRows.read(rows), rows));
            }
        }
        return List.copyOf(result);
    }

    /** Runs JDBC work on the one connection while holding the store's lock; also used by {@link SqliteAuditTrail}. */
    <T> T locked(String what, SqlWork<T> work) {
        lock.lock();
        try {
            if (connection == null) {
                throw new IllegalStateException("the recording store " + file + " is closed; cannot " + what);
            }
            return work.run(connection);
        } catch (SQLException e) {
            throw new StoreException("could not " + what + " in " + file + ": " + e.getMessage(), e);
        } finally {
            lock.unlock();
        }
    }

    private static void closeQuietly(Connection connection, Exception cause) {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException e) {
                cause.addSuppressed(e);
            }
        }
    }

    /** A unit of JDBC work run with the connection while the lock is held. */
    @FunctionalInterface
    interface SqlWork<T> {
        T run(Connection connection) throws SQLException;
    }
}
