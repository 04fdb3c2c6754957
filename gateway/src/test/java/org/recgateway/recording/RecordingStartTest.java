package org.recgateway.recording;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recgateway.audit.AuditAction;
import org.recgateway.metrics.GatewayMetrics;
import org.recgateway.policy.LegalBasis;
import org.recgateway.policy.Purpose;
import org.recgateway.testing.InMemoryAuditTrail;
import org.recgateway.testing.InMemoryRecordingStore;

class RecordingStartTest {
    private static final Instant STARTED = Instant.parse("2026-11-30T10:00:00Z");
    private static final String A = RecordingFiles.newId();
    private static final String B = RecordingFiles.newId();
    private static final String C = RecordingFiles.newId();
    private static final String D = RecordingFiles.newId();

    @TempDir
    Path dir;

    private final InMemoryRecordingStore store = new InMemoryRecordingStore();
    private final InMemoryAuditTrail trail = new InMemoryAuditTrail(Clock.systemUTC());
    private final RecordingFiler filer = new RecordingFiler(store, Clock.fixed(STARTED.plusSeconds(5), ZoneOffset.UTC),
            GatewayMetrics.NOOP, Duration.ZERO, new AuditNotes(trail));

    private RecordingStart start() {
        return new RecordingStart(store, new RecordingFiles("/var/spool/asterisk/rg", dir, "wav"), filer, GatewayMetrics.NOOP);
    }

    private Recording recording(String id) {
        return Recording.active(id, new RecordedCall("u-" + id, "l-" + id, "PJSIP/x-1", "0611", "1001"), new Evidence("default", null, null), new PurposeSet(Purpose.QUALITY, LegalBasis.LEGITIMATE_INTEREST, Duration.ofDays(30), null, List.of()), dir.resolve(id + ".wav").toString(), STARTED);
    }

    @Test
    void theRowIsActiveBeforeMixMonitorStartsAndTheIdIsStoredOnceItRuns() {
        List<RecordingStatus> seenByTheStarter = new ArrayList<>();
        List<String> files = new ArrayList<>();

        Optional<String> id = start().fileActiveThenStart(recording(A), file -> {
            seenByTheStarter.add(store.byId(A).orElseThrow().status());
            files.add(file);
            return Optional.of("mm-1");
        });

        assertEquals(Optional.of("mm-1"), id);
        assertEquals(List.of(RecordingStatus.ACTIVE), seenByTheStarter, "stored as active before MixMonitor starts");
        assertTrue(files.getFirst().startsWith("/var/spool/asterisk/rg/"), files.toString());
        assertEquals("mm-1", store.callFacts(A).orElseThrow().mixMonitorId());
        assertEquals(RecordingStatus.ACTIVE, store.byId(A).orElseThrow().status());
    }

    @Test
    void aMixMonitorAsteriskRefusedLeavesNoActiveRowAndNoId() {
        Optional<String> id = start().fileActiveThenStart(recording(B), file -> Optional.empty());

        assertEquals(Optional.empty(), id);
        assertNotEquals(RecordingStatus.ACTIVE, store.byId(B).orElseThrow().status(), "filed at once");
    }

    @Test
    void aFailingPortFilesTheRowThenPassesTheFailureOn() {
        IllegalStateException gone = new IllegalStateException("AMI is gone");

        IllegalStateException thrown = assertThrows(IllegalStateException.class,
                () -> start().fileActiveThenStart(recording(C), file -> {
                    throw gone;
                }));

        assertSame(gone, thrown);
        assertNotEquals(RecordingStatus.ACTIVE, store.byId(C).orElseThrow().status(), "nothing dangles as active");
    }

    @Test
    void theStartIsAuditedWithItsActorAndDetails() {
        Recording r = recording(D);
        start().fileActiveThenStart(r, file -> Optional.of("mm-d"));

        start().audited(r, "started", "agent:PJSIP/agent", Map.of("ticket", "LINE-1"));

        var started = trail.forRecording(D).stream().filter(e -> e.action() == AuditAction.RECORDING_STARTED).toList();
        assertEquals(1, started.size());
        assertEquals("agent:PJSIP/agent", started.getFirst().actor());
        assertEquals("LINE-1", started.getFirst().details().get("ticket"));
    }
}
