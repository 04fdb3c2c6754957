package org.recgateway.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recgateway.audit.Actors;
import org.recgateway.audit.AuditAction;
import org.recgateway.audit.AuditEvent;
import org.recgateway.audit.Verification;

/**
 * Issue 13: the audit head is checkpointed once per committed group of writes, never naming an event
 * that is not committed, and covering every event whose append has returned.
 */
class AuditHeadCheckpointTest {

    @TempDir
    Path dir;

    private JdbcRecordingStore store;
    private JdbcAuditTrail trail;
    private Path headFile;

    @BeforeEach
    void open() {
        store = TestStores.open(dir.resolve("recordings.db"));
        headFile = dir.resolve("audit-head.json");
        trail = store.auditTrail(Clock.systemUTC(), dir.resolve("audit-chain.key"), headFile);
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void appendsCommittedInOneGroupRewriteTheHeadOnceAndItNamesTheLastOfThem() throws Exception {
        trail.append(Actors.GATEWAY, AuditAction.RECORDING_STARTED, "r0", Map.of());
        long checkpointsBefore = trail.headCheckpoints();
        long commitsBefore = store.commits();
        int appends = 40;
        List<Future<AuditEvent>> appended = new ArrayList<>();
        try (ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor()) {
            store.locked("hold the writer while the appends queue up", c -> {
                for (int i = 1; i <= appends; i++) {
                    String id = "r" + i;
                    appended.add(callers.submit(() -> trail.append(Actors.GATEWAY, AuditAction.RECORDING_STARTED, id, Map.of())));
                }
                long deadline = System.nanoTime() + 10_000_000_000L;
                while (store.queuedWrites() < appends && System.nanoTime() < deadline) {
                    Thread.onSpinWait();
                }
                return null;
            });
            long last = 0;
            String lastHash = null;
            for (Future<AuditEvent> f : appended) {
                AuditEvent e = f.get();
                if (e.sequence() > last) {
                    last = e.sequence();
                    lastHash = e.hash();
                }
            }
            assertEquals(appends + 1, last);
            assertEquals(commitsBefore + 1, store.commits(), "the queued appends are one transaction");
            assertEquals(checkpointsBefore + 1, trail.headCheckpoints(), "one head checkpoint for the whole group");
            assertEquals("{\"sequence\": " + last + ", \"hash\": \"" + lastHash + "\"}\n", Files.readString(headFile));
        }
        assertInstanceOf(Verification.Intact.class, trail.verify());
    }

    @Test
    void everyEventWhoseAppendReturnedIsCoveredByTheCheckpoint() throws Exception {
        for (int i = 1; i <= 5; i++) {
            AuditEvent e = trail.append(Actors.GATEWAY, AuditAction.RECORDING_STARTED, "r" + i, Map.of());
            assertEquals("{\"sequence\": " + e.sequence() + ", \"hash\": \"" + e.hash() + "\"}\n", Files.readString(headFile),
                    "after append " + i);
        }
    }

    @Test
    void aWriteThatFailsIsNeverReportedCommittedSoTheHeadCannotNameIt() {
        AtomicReference<Object> told = new AtomicReference<>();
        assertThrows(StoreException.class, () -> store.write("fail on purpose", c -> {
            throw new SQLException("refused on purpose", "23000", 19);
        }, told::set));
        assertEquals(null, told.get(), "a refused write is not told as committed");

        assertThrows(IllegalStateException.class, () -> store.write("fail outside SQL", c -> {
            throw new IllegalStateException("no");
        }, told::set));
        assertEquals(null, told.get());

        assertEquals("done", store.write("succeed", c -> "done", told::set));
        assertEquals("done", told.get(), "told before the write returned");
    }
}
