package org.recgateway.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

import org.recgateway.recording.PhoneNumbers;
import org.recgateway.recording.Recording;
import org.recgateway.recording.RecordingQuery;
import org.recgateway.recording.RecordingStatus;
import org.recgateway.recording.RecordingStore;

/**
 * The recording store over JDBC, the same code for both {@link Dialect}s: the embedded SQLite file (WAL mode
 * with {@code synchronous=FULL}) or a shared PostgreSQL database; either way a write is on disk when the method
 * returns. Writes go through a {@link GroupCommitWriter}: one
 * thread commits everything queued in one transaction (one fsync for many callers), each write in
 * its own savepoint. Reads use a second, query-only connection, so they do not wait for the writer
 * and see every write acknowledged before they start. A {@link StoreException} reports database
 * failures, an {@link IllegalArgumentException} an insert of an existing id or an update of a missing one.
 */
public final class JdbcRecordingStore implements RecordingStore {

    private final ReentrantLock writeLock = new ReentrantLock(true);
    private final ReentrantLock readLock = new ReentrantLock();
    private final Path file;
    private final GroupCommitWriter writer;
    private final WriteSide writeSide;
    private final PhoneNumbers numbers;
    /** {@link PhoneNumbers#key} of {@link #numbers}; replaceable by tests ({@link #keyNumbersWith}). */
    private volatile java.util.function.UnaryOperator<String> numberKey;
    /** The keys each active recording's insert computed, for its filing update (issue 13). */
    private final InsertedKeys insertedKeys = new InsertedKeys();
    private final Dialect dialect;
    private Connection readConnection;
    /** The read connection's statements, prepared once (issue 13: re-preparing every read was ~5 % of a filing); under {@link #readLock}. */
    private StatementCache readStatements;

    private JdbcRecordingStore(Path file, Connection writeConnection, Connection readConnection, PhoneNumbers numbers,
                                 Dialect dialect, StoreConnections.WriterSource writers) {
        this.file = file;
        this.numbers = numbers;
        this.numberKey = numbers::key;
        this.dialect = dialect;
        this.readConnection = readConnection;
        this.readStatements = new StatementCache(readConnection);
        this.writeSide = new WriteSide(file, writeConnection, writers, java.time.Clock.systemUTC());
        this.writer = new GroupCommitWriter(file, writeSide, writeLock, dialect);
    }

    /**
     * Opens (creating it and its parent directories if needed) and migrates the database at {@code dbFile};
     * numbers are keyed with no default region (only {@code +}-numbers are placed).
     */
    public static JdbcRecordingStore open(Path dbFile) {
        return open(dbFile, PhoneNumbers.international());
    }

    /** Opens and migrates the database at {@code dbFile}; numbers are filed and searched by their {@code numbers} key. */
    public static JdbcRecordingStore open(Path dbFile, PhoneNumbers numbers) {
        Path file = dbFile.toAbsolutePath();
        return opened(file, StoreConnections.open(file), numbers);
    }

    /**
     * The same store on a PostgreSQL database (migrated first), its writer's and reader's connections
     * taken from {@code pool}; {@code where} names the database in messages (never with credentials).
     */
    static JdbcRecordingStore open(javax.sql.DataSource pool, String where, PhoneNumbers numbers) {
        return opened(Path.of(where), StoreConnections.open(pool, where), numbers);
    }

    /** The store over connections already opened and migrated; {@code where} names it in messages (tests watch the writer). */
    static JdbcRecordingStore open(StoreConnections connections, Path where, PhoneNumbers numbers) {
        return opened(where, connections, numbers);
    }

    private static JdbcRecordingStore opened(Path where, StoreConnections connections, PhoneNumbers numbers) {
        JdbcRecordingStore store = new JdbcRecordingStore(where, connections.write(), connections.read(), numbers,
                connections.dialect(), connections.writers());
        store.locked("key the numbers of older recordings", c -> NumberKeys.fill(c, numbers));
        return store;
    }

    /** Which database this store writes. */
    Dialect dialect() {
        return dialect;
    }

    /**
     * Writes one row through the same writer and transaction path as every recording, so a store that
     * cannot write (disk full, locked, I/O error) fails here too.
     *
     * @throws StoreException when the write fails; its message says why
     */
    public void probeWrite(java.time.Instant now) {
        writer.write("health probe", c -> {
            try (PreparedStatement s = c.prepareStatement("INSERT INTO health_probe (id, at) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET at = excluded.at")) {
                s.setString(1, now.toString());
                return s.executeUpdate();
            }
        });
    }

    @Override
    public void insert(Recording recording) {
        RecordingRows.Keys keys = insertedKeys.atInsert(numberKey, recording);  // on the caller's thread, not the serial writer
        try {
            // ahead of the queued writes: a live call waits for this row before MixMonitor starts, and its id is new
            writer.writeFirst("insert recording " + recording.id(), c -> RecordingRows.insert(writeSide.statements(), keys, recording));
        } catch (RuntimeException e) {
            insertedKeys.forget(recording.id());
            throw e;
        }
    }

    @Override
    public void update(Recording recording) {
        // the insert's keys when the numbers are the same; only the changing columns when the others are as inserted
        InsertedKeys.Update u = insertedKeys.atUpdate(numberKey, recording);
        writer.write("update recording " + recording.id(),
                c -> RecordingRows.update(writeSide.statements(), u.keys(), recording, u.fixedAsInserted()));
    }

    /**
     * Keys numbers with {@code key} instead of {@link PhoneNumbers#key} from now on; for tests that watch which
     * thread computes the keys (it must not be the writer's).
     */
    void keyNumbersWith(java.util.function.UnaryOperator<String> key) {
        numberKey = key;
    }

    @Override
    public List<String> overdue(Instant now, int limit) {
        return read("list recordings past a retention deadline", c -> {
            // Driven by the partial due index: left to itself SQLite walks a million filed rows by status
            // (seconds) instead of the few purposes that are due (milliseconds); see BENCHMARKS.md.
            try (PreparedStatement s = c.prepareStatement("SELECT DISTINCT p.recording_id FROM " + dialect.purposesByDue()
                    + " ON r.id = p.recording_id"
                    + " WHERE p.ended_at IS NULL AND p.due <= ?"
                    + " AND r.status IN ('filed', 'incomplete', 'missing') AND NOT EXISTS (" + HoldRows.COVERING + ") LIMIT ?")) {
                s.setString(1, Timestamps.format(now));
                s.setInt(2, limit);
                List<String> ids = new ArrayList<>();
                try (ResultSet rows = s.executeQuery()) {
                    while (rows.next()) {
                        ids.add(rows.getString(1));
                    }
                }
                return List.copyOf(ids);
            }
        });
    }

    @Override
    public List<Recording> unfinishedDeletions() {
        return read("list unfinished deletions", c -> {
            return readAll(readStatements.get(RecordingRows.SELECT + " WHERE deletion_done = 0 ORDER BY deletion_at"));
        });
    }

    @Override
    public List<Recording> ofNumber(String number) {
        String key = numbers.key(number);
        return read("list the recordings of a number", c -> {
            PreparedStatement s = readStatements.get(RecordingRows.SELECT + " WHERE caller_key = ?"
                    + " UNION " + RecordingRows.SELECT + " WHERE called_key = ? ORDER BY started DESC, id DESC");
            s.setString(1, key);
            s.setString(2, key);
            return readAll(s);
        });
    }

    /** How this store keys phone numbers. */
    public PhoneNumbers numbers() {
        return numbers;
    }

    /** Legal holds in the same database, written through the group commit. */
    @Override
    public JdbcLegalHolds legalHolds() {
        return new JdbcLegalHolds(this, numbers);
    }

    /** The parties each recording holds and the notice each heard, in this database. */
    @Override
    public JdbcRecordedParties parties() {
        return new JdbcRecordedParties(this);
    }

    @Override
    public Optional<Recording> byId(String id) {
        List<Recording> found = select("read recording " + id, RecordingRows.SELECT + " WHERE id = ?", id);
        return found.stream().findFirst();
    }

    @Override
    public List<Recording> find(RecordingQuery query) {
        QuerySql sql = QuerySql.of(query, numbers);
        return read("search recordings", c -> readAll(sql.prepare(readStatements)));
    }

    @Override
    public List<Recording> active() {
        return select("list active recordings",
                RecordingRows.SELECT + " WHERE status = ? ORDER BY started DESC, id DESC", RecordingStatus.ACTIVE.id());
    }

    @Override
    public boolean knowsFile(String filePath) {
        return read("look up file " + filePath, c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT 1 FROM recordings WHERE file_path = ?"
                    + " AND status NOT IN ('missing', 'deleted') LIMIT 1")) {
                s.setString(1, filePath);
                try (ResultSet rows = s.executeQuery()) {
                    return rows.next();
                }
            }
        });
    }

    @Override
    public void mixMonitorStarted(String recordingId, String mixMonitorId) {
        upsertCall(recordingId, "mixmonitor_id", mixMonitorId, "mixmonitor_id = excluded.mixmonitor_id",
                "store the MixMonitor id of recording ");
    }

    @Override
    public void mixMonitorStartedLater(String recordingId, String mixMonitorId,
                                       java.util.function.Consumer<? super RuntimeException> failed) {
        String what = "store the MixMonitor id of recording ";
        writer.queue(what + recordingId, upsertCallWork(recordingId, "mixmonitor_id", mixMonitorId,
                "mixmonitor_id = excluded.mixmonitor_id", what), null, failed);
    }

    @Override
    public void awaitQueuedWrites() {
        writer.awaitQueued();
    }

    @Override
    public void bridged(String recordingId, Instant at) {
        upsertCall(recordingId, "bridged_at", Timestamps.format(at),
                "bridged_at = COALESCE(recording_calls.bridged_at, excluded.bridged_at)", "mark bridged recording ");
    }

    @Override
    public void endReason(String recordingId, String reason) {
        upsertCall(recordingId, "end_reason", reason, "end_reason = excluded.end_reason", "store why it ended for recording ");
    }

    @Override
    public Optional<CallFacts> callFacts(String recordingId) {
        return read("read the call of recording " + recordingId, c -> {
            PreparedStatement s = readStatements.get("SELECT k.mixmonitor_id, k.bridged_at, k.end_reason FROM recordings r "
                    + "LEFT JOIN recording_calls k ON k.recording_id = r.id WHERE r.id = ?");
            s.setString(1, recordingId);
            try (ResultSet rows = s.executeQuery()) {
                if (!rows.next()) {
                    return Optional.<CallFacts>empty();
                }
                String bridged = rows.getString(2);
                return Optional.of(new CallFacts(rows.getString(1), bridged == null ? null : Timestamps.parse(bridged),
                        rows.getString(3)));
            }
        });
    }

    /** One query of ten columns ({@link SummaryRows}), not the full row with its purposes and consent evidence. */
    @Override
    public Optional<Summary> summary(String id) {
        return read("read the summary of recording " + id, c -> SummaryRows.byId(readStatements, id));
    }

    /** One query of ten columns ({@link SummaryRows}) for all of the call's recordings. */
    @Override
    public List<Summary> summariesOfCall(String linkedId) {
        return read("read the recordings of call " + linkedId, c -> SummaryRows.where(readStatements, SummaryRows.BY_CALL, linkedId));
    }

    /** One query of ten columns ({@link SummaryRows}) for all of the channel's recordings. */
    @Override
    public List<Summary> summariesOfChannel(String uniqueId) {
        return read("read the recordings of channel " + uniqueId,
                c -> SummaryRows.where(readStatements, SummaryRows.BY_CHANNEL, uniqueId));
    }

    /** One query of ten columns ({@link SummaryRows}) for all active recordings, with no query per recording. */
    @Override
    public List<Summary> activeSummaries() {
        return read("list active recordings", c -> SummaryRows.withStatus(readStatements, RecordingStatus.ACTIVE));
    }

    @Override
    public List<String> idsWithStatus(RecordingStatus status) {
        return read("list " + status.id() + " recordings", c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT id FROM recordings WHERE status = ? ORDER BY started, id")) {
                s.setString(1, status.id());
                List<String> ids = new ArrayList<>();
                try (ResultSet rows = s.executeQuery()) {
                    while (rows.next()) {
                        ids.add(rows.getString(1));
                    }
                }
                return List.copyOf(ids);
            }
        });
    }

    /** Sets one column of the recording's {@code recording_calls} row (created on first use); fails when the recording does not exist. */
    private void upsertCall(String recordingId, String column, String value, String onConflict, String what) {
        writer.write(what + recordingId, upsertCallWork(recordingId, column, value, onConflict, what));
    }

    private SqlWork<Void> upsertCallWork(String recordingId, String column, String value, String onConflict, String what) {
        return c -> {
            PreparedStatement s = writeSide.statements().get("INSERT INTO recording_calls (recording_id, " + column + ") "
                    + "SELECT id, ? FROM recordings WHERE id = ? ON CONFLICT (recording_id) DO UPDATE SET " + onConflict);
            s.setString(1, value);
            s.setString(2, recordingId);
            if (s.executeUpdate() == 0) {
                throw new IllegalArgumentException("no recording with id " + recordingId + "; cannot " + what + recordingId);
            }
            return null;
        };
    }

    /** Transactions the writer has committed since this store was opened (one per group of writes). */
    public long commits() {
        return writer.commits();
    }

    /** Tickets, diagnostic links and markers in the same database, on the writing connection and its lock. */
    public JdbcDiagnosticsStore diagnostics() {
        return new JdbcDiagnosticsStore(this::locked);
    }

    /** Runs JDBC work with the connection while the lock is held; for the other tables of this database. */
    interface Locked {
        <T> T run(String what, SqlWork<T> work);
    }

    /**
     * The audit trail in this same database file, on the writing connection and its lock: an audit
     * append is serialised with recording writes and is on disk when it returns. Valid until this
     * store is closed.
     */
    public JdbcAuditTrail auditTrail(Clock clock) {
        return auditTrail(clock, file.resolveSibling("audit-chain.key"), file.resolveSibling("audit-head.json"));
    }

    /**
     * The audit trail, linked with the HMAC key in {@code keyFile} (made when it does not exist and the
     * trail is still empty) and checkpointing its head in {@code headFile}.
     *
     * @throws StoreException when the key file is missing for a trail that has events, or unusable
     */
    public JdbcAuditTrail auditTrail(Clock clock, Path keyFile, Path headFile) {
        boolean empty = locked("count audit events", c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT 1 FROM audit_events LIMIT 1");
                 ResultSet rows = s.executeQuery()) {
                return !rows.next();
            }
        });
        org.recgateway.audit.HashChain chain;
        try {
            chain = org.recgateway.audit.ChainKeyFile.load(keyFile, empty);
        } catch (java.io.IOException e) {
            throw new StoreException(e.getMessage(), e);
        }
        AuditHead head = new AuditHead(headFile);
        writer.afterCommit(head::flush);  // one checkpoint per committed group, before its callers are released
        return new JdbcAuditTrail(this, clock, chain, head);
    }

    /** The database file, for messages. */
    Path file() {
        return file;
    }

    /** Commits the writes already queued, then closes; later calls fail with an {@link IllegalStateException}. */
    @Override
    public void close() {
        writer.close();
        writeLock.lock();
        readLock.lock();
        try {
            Connection read = readConnection;
            readConnection = null;
            try (read) {
                readStatements.close();
                writeSide.close();  // before the reader: closing the last writer checkpoints the WAL into the database file
            }
        } catch (SQLException e) {
            throw new StoreException("closing the recording store " + file + " failed: " + e.getMessage(), e);
        } finally {
            readLock.unlock();
            writeLock.unlock();
        }
    }

    /**
     * Runs JDBC work on the writing connection between group commits, with the connection in
     * auto-commit mode (the work may run its own transaction); it must not call this store's writes.
     */
    <T> T locked(String what, SqlWork<T> work) {
        writeLock.lock();
        try {
            try {
                writeSide.healIfBroken();
            } catch (SQLException e) {
                writeSide.failed(e);
                throw new StoreException("could not " + what + " in " + file + ": the writing connection could not be rebuilt ("
                        + e.getMessage() + "); check the disk and retry", e);
            }
            return run(writeLock, writeSide::connection, what, c -> {
                try {
                    return work.run(c);
                } catch (SQLException e) {
                    if (!dialect.refusal(e)) {
                        writeSide.failed(e);
                    }
                    throw e;
                }
            });
        } finally {
            writeLock.unlock();
        }
    }

    /**
     * Why the store cannot write now (its last transaction failed and none has committed since), or
     * empty while it writes. Turns back by itself at the next commit, e.g. {@link #probeWrite}.
     */
    public java.util.Optional<String> unavailable() {
        return java.util.Optional.ofNullable(writeSide.unavailable());
    }

    /** Runs {@code work} on the writing connection now and on every one rebuilt after a failure (tests limit its size). */
    void onWriterOpen(SqlWork<Void> work) {
        locked("configure the writing connection", c -> {
            writeSide.onOpen(work);
            return null;
        });
    }

    /**
     * Runs JDBC work as one group-committed write: inside the writer's transaction (already holding
     * SQLite's write lock) and its own savepoint; returns when it is durable. The work must not begin,
     * commit or roll back a transaction. For writes to this database's other tables (e.g. an audit append).
     */
    <T> T write(String what, SqlWork<T> work) {
        return writer.write(what, work);
    }

    /**
     * Queues JDBC work as one group-committed write and returns at once ({@link GroupCommitWriter#queue}): ordered
     * after every write queued before and before every later one; {@code onFailure} is told on the writer thread
     * when it is not durable (it must not write to this store: the writer would wait for itself).
     */
    <T> void queue(String what, SqlWork<T> work, java.util.function.Consumer<? super T> onCommit,
                   java.util.function.Consumer<? super RuntimeException> onFailure) {
        writer.queue(what, work, onCommit, onFailure);
    }

    /**
     * As {@link #write(String, SqlWork)}; {@code onCommit} is told the result on the writer thread once the
     * transaction holding it committed (never when it failed), before this call returns.
     */
    <T> T write(String what, SqlWork<T> work, java.util.function.Consumer<? super T> onCommit) {
        return writer.write(what, work, onCommit);
    }

    /**
     * The writing connection's prepared statements; only for work running inside {@link #write} or {@link #locked}
     * (it holds the connection), and never closed by the caller.
     */
    StatementCache writeStatements() {
        return writeSide.statements();
    }

    /** Writes waiting for the writer thread, in both of its queues. */
    int queuedWrites() {
        return writer.queuedWrites();
    }

    /** False once {@link #close()} has begun (for tests). */
    boolean acceptsWrites() {
        return writer.acceptsWrites();
    }

    <T> T read(String what, SqlWork<T> work) {
        return run(readLock, () -> readConnection, what, work);
    }

    private List<Recording> select(String what, String sql, String parameter) {
        return read(what, c -> {
            PreparedStatement s = readStatements.get(sql);
            s.setString(1, parameter);
            return readAll(s);
        });
    }

    /** Runs a cached read statement (bound already) and completes each recording; call under {@link #readLock}. */
    private List<Recording> readAll(PreparedStatement statement) throws SQLException {
        List<Recording> result = new ArrayList<>();
        try (ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                result.add(PurposeRows.complete(readStatements, RecordingRows.read(rows), rows));
            }
        }
        return List.copyOf(result);
    }

    private <T> T run(ReentrantLock lock, Supplier<Connection> connection, String what, SqlWork<T> work) {
        lock.lock();
        try {
            Connection c = connection.get();
            if (c == null) {
                throw new IllegalStateException("the recording store " + file + " is closed; cannot " + what);
            }
            return work.run(c);
        } catch (SQLException e) {
            throw new StoreException("could not " + what + " in " + file + ": " + e.getMessage(), e);
        } finally {
            lock.unlock();
        }
    }

    /** Told, on the writer thread, how long each store transaction took (BEGIN to COMMIT or failure). */
    @FunctionalInterface
    public interface CommitTimes {
        void took(long nanos, boolean committed);
    }

    /** Reports each transaction's time to {@code times} from now on (e.g. to the store-latency meter). */
    public void commitTimes(CommitTimes times) {
        writer.commitTimes(times);
    }

    /** A unit of JDBC work run with a connection while its lock is held. */
    @FunctionalInterface
    interface SqlWork<T> {
        T run(Connection connection) throws SQLException;
    }
}
