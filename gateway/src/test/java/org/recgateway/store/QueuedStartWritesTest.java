package org.recgateway.store;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recgateway.audit.Actors;
import org.recgateway.audit.AuditAction;
import org.recgateway.audit.AuditEvent;
import org.recgateway.audit.Verification;
import org.recgateway.metrics.MicrometerGatewayMetrics;
import org.recgateway.policy.LegalBasis;
import org.recgateway.policy.Purpose;
import org.recgateway.recording.AuditNotes;
import org.recgateway.recording.Evidence;
import org.recgateway.recording.PurposeSet;
import org.recgateway.recording.RecordedCall;
import org.recgateway.recording.Recording;
import org.recgateway.recording.RecordingFiler;
import org.recgateway.recording.RecordingFiles;
import org.recgateway.recording.RecordingStart;
import org.recgateway.recording.RecordingStatus;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * Issue 13: the FastAGI session waits a group commit only for the ACTIVE row (durable before MixMonitor starts); the
 * MixMonitor id and the {@code recording-started} event are queued behind it in the one writer queue. The tests hold
 * the store's writer so that nothing queued can commit, and show what still holds: the session is not held, a stop
 * that comes before the id is durable still finds it, the started event is chained before the filing that follows at
 * once, and a queued write that fails is counted, never lost silently.
 */
class QueuedStartWritesTest {
    private static final Instant STARTED = Instant.parse("2026-12-01T02:00:00Z");
    /** Not a time limit on speed: only how long a test waits before it calls a step stuck (it should not wait at all). */
    private static final long STUCK_SECONDS = 60;

    @TempDir
    Path dir;
    private JdbcRecordingStore store;
    private JdbcAuditTrail trail;
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final MicrometerGatewayMetrics metrics = new MicrometerGatewayMetrics(registry);
    private RecordingFiles files;
    private RecordingFiler filer;
    private RecordingStart start;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final CountDownLatch release = new CountDownLatch(1);

    @BeforeEach
    void open() {
        store = TestStores.open(dir.resolve("r.db"));
        trail = store.auditTrail(Clock.systemUTC());
        AuditNotes notes = new AuditNotes(trail, metrics);
        files = new RecordingFiles("/var/spool/asterisk/rg", dir.resolve("rec"), "wav");
        filer = new RecordingFiler(store, Clock.systemUTC(), metrics, Duration.ZERO, notes);
        start = new RecordingStart(store, files, filer, metrics);
    }

    @AfterEach
    void close() {
        release.countDown();
        threads.shutdownNow();
        store.close();
    }

    @Test
    void theSessionWaitsOnlyForTheActiveRowAndAStopStillFindsTheQueuedId() throws Exception {
        Recording r = recording();
        Future<Optional<String>> started = threads.submit(() -> start.fileActiveThenStart(r, file -> {
            holdWriter();  // from here on nothing the session queues can commit
            writeAudio(r);
            return Optional.of("mm-1");
        }));
        assertEquals(Optional.of("mm-1"), started.get(STUCK_SECONDS, TimeUnit.SECONDS), "the id is not waited for");
        threads.submit(() -> start.audited(r, "started", Actors.GATEWAY, Map.of("rule", "default")))
                .get(STUCK_SECONDS, TimeUnit.SECONDS);  // the started event is not waited for either

        assertEquals(2, store.queuedWrites(), "the id and the started event wait in the writer's queue");
        assertNull(store.callFacts(r.id()).orElseThrow().mixMonitorId(), "nothing of them is durable yet");
        assertEquals(RecordingStatus.ACTIVE, store.byId(r.id()).orElseThrow().status(), "the row was durable before MixMonitor");

        // An objection or transfer comes before the id is durable: it waits for the queue and finds it.
        Future<String> stop = threads.submit(() -> store.mixMonitorId(r.id()));
        Thread.sleep(200);  // not a timing assertion: with the writer held the stop cannot have found the id, however long
        assertFalse(stop.isDone(), "the stop waits for the queued id (the writer is held, so it cannot be durable)");
        // The call hangs up at once: its filing queues behind the started event.
        Future<Boolean> filed = threads.submit(() -> filer.file(r));
        awaitQueued(3);
        release.countDown();

        assertEquals("mm-1", stop.get(STUCK_SECONDS, TimeUnit.SECONDS));
        assertTrue(filed.get(STUCK_SECONDS, TimeUnit.SECONDS));
        List<AuditAction> chain = trail.forRecording(r.id()).stream().map(AuditEvent::action).toList();
        assertEquals(List.of(AuditAction.RECORDING_STARTED, AuditAction.RECORDING_FILED), chain);
        assertInstanceOf(Verification.Intact.class, trail.verify());
        assertEquals(List.of(), trail.verifyRecordings(), "each event's evidence digest matches the rows");
        assertEquals(0.0, failures("audit-append") + failures("mixmonitor-id"));
    }

    @Test
    void aQueuedAppendThatFailsIsCountedAndLeavesTheChainIntact() {
        AuditNotes notes = new AuditNotes(trail, metrics);
        notes.noteLater(Actors.GATEWAY, AuditAction.RECORDING_STARTED, null, Map.of("Not a key", "x"));  // refused by the chain
        notes.noteLater(Actors.GATEWAY, AuditAction.OBJECTION, null, Map.of("during", "notice"));
        store.awaitQueuedWrites();

        assertEquals(1.0, failures("audit-append"));
        assertEquals(List.of(AuditAction.OBJECTION), trail.since(0, 10).stream().map(AuditEvent::action).toList());
        assertInstanceOf(Verification.Intact.class, trail.verify());
    }

    @Test
    void aQueuedIdThatCannotBeStoredIsToldToItsCaller() {
        List<RuntimeException> failed = new CopyOnWriteArrayList<>();
        store.mixMonitorStartedLater("no-such-recording", "mm-9", failed::add);
        store.awaitQueuedWrites();

        assertEquals(1, failed.size());
        assertInstanceOf(IllegalArgumentException.class, failed.getFirst());
        assertTrue(failed.getFirst().getMessage().contains("no-such-recording"), failed.getFirst().getMessage());
    }

    @Test
    void aQueuedAppendOnAClosedStoreIsCountedNotThrown() {
        store.close();
        AuditNotes notes = new AuditNotes(trail, metrics);
        assertDoesNotThrow(() -> notes.noteLater(Actors.GATEWAY, AuditAction.OBJECTION, null, Map.of("during", "notice")));
        assertEquals(1.0, failures("audit-append"));
        store = TestStores.open(dir.resolve("r.db"));  // for close()
    }

    private double failures(String write) {
        return registry.counter("gateway.writes.failed", "write", write).count();
    }

    private Recording recording() {
        String id = RecordingFiles.newId();
        return Recording.active(id, new RecordedCall("u-" + id, "l-" + id, "PJSIP/x-1", "0611", "1001"),
                new Evidence("default", null, null), new PurposeSet(Purpose.QUALITY, LegalBasis.LEGITIMATE_INTEREST,
                        Duration.ofDays(30), null, List.of()), files.localPath(id, STARTED).toString(), STARTED);
    }

    private static void writeAudio(Recording r) {
        try {
            Path file = Path.of(r.filePath());
            Files.createDirectories(file.getParent());
            Files.write(file, new byte[4_096]);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Takes the store's connection lock on another thread until {@link #release}: the writer cannot commit meanwhile. */
    private void holdWriter() {
        CountDownLatch held = new CountDownLatch(1);
        threads.submit(() -> store.locked("hold the writer", c -> {
            held.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return null;
        }));
        try {
            held.await();
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private void awaitQueued(int writes) throws InterruptedException {
        while (store.queuedWrites() < writes) {
            Thread.sleep(5);
        }
    }
}
