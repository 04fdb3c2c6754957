package org.recgateway.store;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

import org.recgateway.diagnostics.DiagnosticsStore;
import org.recgateway.listening.ListeningStore;
import org.recgateway.recording.DataKeys;
import org.recgateway.recording.LegalHolds;
import org.recgateway.recording.PhoneNumbers;
import org.recgateway.recording.WorkClaims;

/**
 * The one handle on the gateway's database, the same shape for the embedded SQLite file and for a
 * shared PostgreSQL database: it migrates the schema (Flyway) when it opens and hands out every store
 * on that database. Open one per process and close it last; the stores it handed out are unusable after.
 */
public final class Database implements AutoCloseable {

    private final JdbcRecordingStore recordings;
    private final HikariDataSource pool;
    private final String where;
    private final WorkClaims claims;

    private Database(JdbcRecordingStore recordings, HikariDataSource pool, String where) {
        this.recordings = recordings;
        this.pool = pool;
        this.where = where;
        this.claims = new JdbcWorkClaims(recordings, Clock.systemUTC(), WorkClaims.thisProcess());
    }

    /**
     * Opens (creating it if needed) and migrates the SQLite file {@code file}.
     *
     * @throws StoreException when the file cannot be opened or migrated; its message says what to do
     */
    public static Database sqlite(Path file, PhoneNumbers numbers) {
        JdbcRecordingStore store = JdbcRecordingStore.open(file, numbers);
        return new Database(store, null, store.file().toString());
    }

    /**
     * Connects a HikariCP pool of {@code poolSize} connections (at least 2: the group-commit writer's and
     * the reader's) to the PostgreSQL database at {@code url} and migrates it.
     *
     * @param url a {@code jdbc:postgresql://host:port/database} URL without credentials (it is logged)
     * @throws StoreException when the server cannot be reached or the schema not migrated
     */
    public static Database postgresql(String url, String user, String password, int poolSize, PhoneNumbers numbers) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setUsername(user);
        config.setPassword(password);
        config.setMaximumPoolSize(Math.max(2, poolSize));
        config.setPoolName("recording-store");
        config.setConnectionTimeout(10_000);
        // parameters bound with setString are typed by the column (the text timestamps, numbers kept as text)
        config.addDataSourceProperty("stringtype", "unspecified");
        config.addDataSourceProperty("ApplicationName", "recording-gateway");
        HikariDataSource pool;
        try {
            pool = new HikariDataSource(config);
        } catch (RuntimeException e) {
            throw new StoreException("cannot connect to the PostgreSQL store at " + url + ": " + e.getMessage()
                    + "; check store.url, the user and password in the environment, and that the server accepts connections", e);
        }
        try {
            return new Database(JdbcRecordingStore.open(pool, url, numbers), pool, url);
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
    }

    /** The recordings (metadata, evidence, call facts), written through group commit. */
    public JdbcRecordingStore recordings() {
        return recordings;
    }

    /** Tickets, diagnostic links, slots and markers. */
    public DiagnosticsStore diagnostics() {
        return recordings.diagnostics();
    }

    /** Legal holds. */
    public LegalHolds legalHolds() {
        return recordings.legalHolds();
    }

    /** Listening windows and plays. */
    public ListeningStore listening() {
        return JdbcListeningStore.of(recordings);
    }

    /**
     * Claims in this database, held across every process that opens it (several gateways on PostgreSQL; a gateway
     * and the command line on one SQLite file): for deletions and quarantines, which any of them may start.
     */
    public WorkClaims claims() {
        return claims;
    }

    /**
     * Claims for the work every gateway does on AMI events (filing at hangup, stopping for a new party, diagnostic
     * stops): the shared claims on PostgreSQL, where several gateways watch the same calls; claims in this process on
     * SQLite, whose one file serves one gateway, so that filing costs no extra synchronous commit there.
     */
    public WorkClaims callClaims() {
        return pool != null ? claims : localCallClaims;
    }

    private final WorkClaims localCallClaims = WorkClaims.local();

    /** The wrapped data keys of sealed recordings. */
    public DataKeys dataKeys() {
        return JdbcDataKeys.of(recordings);
    }

    /**
     * The audit trail, linked with the HMAC key in {@code keyFile} and checkpointing its head in {@code headFile}.
     *
     * @throws StoreException when the key file is missing for a trail that has events, or unusable
     */
    public JdbcAuditTrail auditTrail(Clock clock, Path keyFile, Path headFile) {
        return recordings.auditTrail(clock, keyFile, headFile);
    }

    /** Writes the health row through the same writer as every recording (readiness). */
    public void probeWrite(Instant now) {
        recordings.probeWrite(now);
    }

    /**
     * Why the database cannot write now (its last transaction failed and none has committed since), or empty
     * while it writes; turns back by itself at the next commit, e.g. {@link #probeWrite}.
     */
    public java.util.Optional<String> unavailable() {
        return recordings.unavailable();
    }

    /**
     * Writes queued for the one store writer and not yet taken into a transaction (the
     * {@code gateway.store.queued.writes} gauge): near 0 while the writer keeps up; a number that grows under load
     * says the writer is behind (issue 13).
     */
    public int queuedWrites() {
        return recordings.queuedWrites();
    }

    /** Reports the duration of every group commit from now on (a metric), on the writer thread. */
    public void commitTimes(JdbcRecordingStore.CommitTimes times) {
        recordings.commitTimes(times);
    }

    /** How numbers are keyed for search. */
    public PhoneNumbers numbers() {
        return recordings.numbers();
    }

    /** Where the database is, for logs and messages: the SQLite file, or the PostgreSQL URL (never with credentials). */
    public String where() {
        return where;
    }

    /** Commits what is queued, closes the store, then the pool. */
    @Override
    public void close() {
        try {
            recordings.close();
        } finally {
            if (pool != null) {
                pool.close();
            }
        }
    }
}
