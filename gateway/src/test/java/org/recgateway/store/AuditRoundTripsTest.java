package org.recgateway.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recgateway.audit.Actors;
import org.recgateway.audit.AuditAction;
import org.recgateway.audit.Verification;
import org.recgateway.policy.Purpose;
import org.recgateway.recording.Recording;
import org.recgateway.recording.TestRecordings;

/**
 * Round trips to PostgreSQL per audit append (issue 17 item 5), counted as the JDBC driver's Sync
 * messages (each ends one request the client waits for): an append carrying a recording's evidence digest
 * costs as many round trips as one that carries none, because the chain's lock, the last event and the
 * five evidence queries go as one ({@link ChainHeadRead}). Before that change the append with evidence took
 * 12 (lock, last event and each evidence part apart). PostgreSQL run only (SQLite has no round trips).
 */
class AuditRoundTripsTest {

    @TempDir
    Path dir;

    @Test
    void anAppendWithTheEvidenceDigestTakesSixRoundTripsAsOneWithout() {
        Assumptions.assumeTrue(TestStores.onPostgres(), "round trips are PostgreSQL's");
        try (JdbcRecordingStore store = TestStores.open(dir.resolve("recordings.db"))) {
            JdbcAuditTrail trail = store.auditTrail(Clock.systemUTC());
            Recording one = TestRecordings.active("trips-1", 0, "+31612345678", "1001", Purpose.QUALITY);
            store.insert(one);
            trail.append(Actors.GATEWAY, AuditAction.RECORDING_STARTED, one.id(), Map.of("rule", "warm"));  // statements prepared

            int withEvidence = syncs(() -> trail.append(Actors.GATEWAY, AuditAction.RECORDING_STARTED, one.id(), Map.of("rule", "r")));
            int without = syncs(() -> trail.append(Actors.CLI, AuditAction.AUDIT_VERIFIED, null, Map.of("result", "intact")));

            // BEGIN, SAVEPOINT, the chain head with the evidence (one), INSERT, RELEASE, COMMIT.
            assertEquals(6, withEvidence, "round trips of an append that carries the evidence digest");
            assertEquals(without, withEvidence, "the evidence digest adds no round trip");
            assertEquals(3, ((Verification.Intact) trail.verify()).events());
            assertEquals(List.of(), trail.verifyRecordings());
        }
    }

    /** Sync messages the driver sent while {@code work} ran (the store is idle otherwise). */
    private static int syncs(Runnable work) {
        Logger driver = Logger.getLogger("org.postgresql.core.v3.QueryExecutorImpl");
        AtomicInteger count = new AtomicInteger();
        Handler counter = new Handler() {
            @Override
            public void publish(LogRecord r) {
                if (r.getMessage() != null && r.getMessage().strip().equals("FE=> Sync")) {
                    count.incrementAndGet();
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Level before = driver.getLevel();
        counter.setLevel(Level.ALL);
        driver.addHandler(counter);
        driver.setLevel(Level.FINEST);
        try {
            work.run();
        } finally {
            driver.setLevel(before);
            driver.removeHandler(counter);
        }
        return count.get();
    }
}
