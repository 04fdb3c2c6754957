package org.recgateway.recording;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recgateway.metrics.GatewayMetrics;
import org.recgateway.policy.LegalBasis;
import org.recgateway.policy.Purpose;
import org.recgateway.testing.InMemoryAuditTrail;
import org.recgateway.testing.InMemoryRecordingStore;

/**
 * Two reconciliations over the same active recordings at once (a restart's and the periodic one in one gateway, or two
 * gateways on one store): each recording is filed once, and the counts they return add up to the recordings, not more
 * (session 4 saw "1" and "2 filed" for two recordings when a count re-read the row another run had filed).
 */
class ConcurrentReconciliationTest {
    private static final Instant STARTED = Instant.parse("2026-11-29T10:00:00Z");
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-29T10:05:00Z"), ZoneOffset.UTC);
    private static final int ROWS = 12;
    private static final int ROUNDS = 4;

    @TempDir
    Path dir;

    private final InMemoryRecordingStore store = new InMemoryRecordingStore();
    private final InMemoryAuditTrail trail = new InMemoryAuditTrail(Clock.systemUTC());

    @Test
    void twoReconciliationsInOneGatewayCountEachFiledRecordingOnce() throws Exception {
        RecordingFiler filer = filer(WorkClaims.local(CLOCK));
        for (int round = 0; round < ROUNDS; round++) {
            List<String> ids = activeRecordings("one" + round);
            assertCountsAddUp(ids, filer, filer);
        }
    }

    @Test
    void twoGatewaysReconcilingOneStoreCountEachFiledRecordingOnce() throws Exception {
        WorkClaims shared = WorkClaims.local(CLOCK);  // the claims table both gateways' store holds
        RecordingFiler one = filer(shared);
        RecordingFiler two = filer(shared);
        for (int round = 0; round < ROUNDS; round++) {
            List<String> ids = activeRecordings("two" + round);
            assertCountsAddUp(ids, one, two);
        }
    }

    @Test
    void fileSaysWhetherThisCallFiledTheRecording() throws Exception {
        RecordingFiler filer = filer(WorkClaims.local(CLOCK));
        String id = activeRecordings("once").getFirst();

        assertTrue(filer.file(store.byId(id).orElseThrow()), "the first filing files it");
        assertEquals(false, filer.file(store.byId(id).orElseThrow()), "a second filing finds it filed and says so");
    }

    private void assertCountsAddUp(List<String> ids, RecordingFiler a, RecordingFiler b) throws Exception {
        CyclicBarrier together = new CyclicBarrier(2);
        Callable<Integer> first = () -> {
            together.await();
            return a.reconciliation().reconcile(AsteriskServers.ANY, Set.of());
        };
        Callable<Integer> second = () -> {
            together.await();
            return b.reconciliation().reconcile(AsteriskServers.ANY, Set.of());
        };
        try (ExecutorService pool = Executors.newFixedThreadPool(2)) {
            Future<Integer> one = pool.submit(first);
            Future<Integer> two = pool.submit(second);
            int sum = one.get() + two.get();
            assertEquals(ids.size(), sum, "counts " + one.get() + " + " + two.get() + " for " + ids.size() + " recordings");
        }
        for (String id : ids) {
            assertEquals(RecordingStatus.FILED, store.byId(id).orElseThrow().status(), id);
        }
        long filedEvents = trail.events().stream().filter(e -> ids.contains(e.recordingId())
                && e.action() == org.recgateway.audit.AuditAction.RECORDING_FILED).count();
        assertEquals(ids.size(), filedEvents, "each recording filed once");
    }

    private RecordingFiler filer(WorkClaims calls) {
        return new RecordingFiler(store, CLOCK, GatewayMetrics.NOOP, Duration.ofMillis(3), new AuditNotes(trail),
                AudioVault.plaintext(), calls, WorkClaims.local(CLOCK));
    }

    private List<String> activeRecordings(String prefix) throws Exception {
        List<String> ids = new java.util.ArrayList<>();
        for (int i = 0; i < ROWS; i++) {
            String id = prefix + "-" + i;
            Path file = Files.write(dir.resolve(id + ".raw"), new byte[100 + i]);
            store.insert(Recording.active(id, new RecordedCall("u." + id, "l." + id, "PJSIP/x-" + i, "0611", "1001"),
                    new Evidence("default", null, null),
                    new PurposeSet(Purpose.QUALITY, LegalBasis.LEGITIMATE_INTEREST, Duration.ofDays(30), null, List.of()),
                    file.toString(), STARTED));
            ids.add(id);
        }
        return ids;
    }
}
