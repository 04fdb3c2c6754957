package org.recgateway.recording;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recgateway.metrics.GatewayMetrics;
import org.recgateway.policy.LegalBasis;
import org.recgateway.policy.Purpose;
import org.recgateway.testing.InMemoryAuditTrail;
import org.recgateway.testing.InMemoryRecordingStore;

class StopAndDeleteTest {
    private static final Instant T = Instant.parse("2026-11-29T10:00:00Z");

    @TempDir
    Path dir;

    private final InMemoryRecordingStore store = new InMemoryRecordingStore();
    private final List<String> stopped = new ArrayList<>();
    private final Clock clock = Clock.fixed(T.plusSeconds(30), ZoneOffset.UTC);
    private final InMemoryAuditTrail trail = new InMemoryAuditTrail(clock);
    private final RecordingFiler filer = new RecordingFiler(store, clock, GatewayMetrics.NOOP, Duration.ofMillis(1), new AuditNotes(trail));
    private final StopAndDelete stopAndDelete = new StopAndDelete(store, filer, new Recorder() {
        @Override
        public String start(String channel, String file) {
            return "0x1";
        }

        @Override
        public void stop(String channel, String mixMonitorId) {
            stopped.add(channel + " " + mixMonitorId);
        }
    }, clock,
            GatewayMetrics.NOOP, Duration.ofMillis(1));

    private Recording active(String id, List<RecordedPurpose> purposes) throws Exception {
        Path file = Files.write(dir.resolve(id + ".wav"), new byte[] {1, 2, 3});
        Recording r = new Recording(id, "1.1", "1.0", "PJSIP/sipp-1", "0612", "1001", purposes.getFirst().purpose(),
                purposes.getFirst().basis(), "rule", java.time.Duration.ofDays(30), null, T, null, null, file.toString(), null, null,
                RecordingStatus.ACTIVE, purposes, null);
        store.insert(r);
        store.mixMonitorStarted(id, "0x7f-" + id);
        return r;
    }

    @Test
    void objectionStopsTheRecordingDeletesTheAudioAndKeepsTheFact() throws Exception {
        Recording r = active("a", List.of(new RecordedPurpose(Purpose.QUALITY, LegalBasis.LEGITIMATE_INTEREST, java.time.Duration.ofDays(30))));

        StopAndDelete.Result result = stopAndDelete.stopAndDelete("a", "agent:PJSIP/agent");

        assertTrue(result.done(), result.reason());
        assertEquals(List.of("PJSIP/sipp-1 0x7f-a"), stopped, "stopped by the id of the gateway's own MixMonitor");
        assertFalse(Files.exists(Path.of(r.filePath())));
        Recording deleted = store.byId("a").orElseThrow();
        assertEquals(RecordingStatus.DELETED, deleted.status());
        assertEquals(3L, deleted.sizeBytes());
        assertEquals("039058c6f2c0cb492c533b0a4d14ef77cc0f78abccced5287d84a1a2011cfb81", deleted.sha256(), "hash of what was deleted");
        assertEquals(T.plusSeconds(30), deleted.ended());
        var events = trail.forRecording("a");
        assertEquals(1, events.size());
        assertEquals(org.recgateway.audit.AuditAction.RECORDING_DELETED, events.getFirst().action());
        assertEquals("agent:PJSIP/agent", events.getFirst().actor());
        assertEquals(deleted.sha256(), events.getFirst().details().get("sha256"));
    }

    @Test
    void aRecordingTheContractNeedsIsNotStoppedByAnObjection() throws Exception {
        Recording r = active("b", List.of(new RecordedPurpose(Purpose.CONTRACT_EVIDENCE, LegalBasis.CONTRACT, java.time.Duration.ofDays(365)),
                new RecordedPurpose(Purpose.TRAINING, LegalBasis.CONSENT, java.time.Duration.ofDays(90))));

        StopAndDelete.Result result = stopAndDelete.stopAndDelete("b", "agent:PJSIP/agent");

        assertFalse(result.done());
        assertTrue(result.reason().contains("contract-evidence (contract)"), result.reason());
        assertTrue(stopped.isEmpty());
        assertTrue(Files.exists(Path.of(r.filePath())));
        assertEquals(RecordingStatus.ACTIVE, store.byId("b").orElseThrow().status());
    }

    @Test
    void aRecordingWithoutAStoredMixMonitorIdIsNotStoppedSoNoOtherMixMonitorIsTouched() throws Exception {
        Path file = Files.write(dir.resolve("e.wav"), new byte[] {1, 2, 3});
        store.insert(new Recording("e", "1.1", "1.0", "PJSIP/sipp-1", "0612", "1001", Purpose.QUALITY,
                LegalBasis.LEGITIMATE_INTEREST, "rule", java.time.Duration.ofDays(30), null, T, null, null, file.toString(), null, null,
                RecordingStatus.ACTIVE));

        StopAndDelete.Result result = stopAndDelete.stopAndDelete("e", "agent:PJSIP/agent");

        assertFalse(result.done());
        assertTrue(result.reason().contains("no MixMonitor id"), result.reason());
        assertTrue(stopped.isEmpty(), "no StopMixMonitor without an id");
        assertTrue(Files.exists(file));
    }

    @Test
    void aFinishedRecordingIsNotStoppedHere() throws Exception {
        Recording r = active("c", List.of(new RecordedPurpose(Purpose.QUALITY, LegalBasis.LEGITIMATE_INTEREST, java.time.Duration.ofDays(30))));
        store.update(r.filed(T.plusSeconds(5), 3, "x", RecordingStatus.FILED));

        StopAndDelete.Result result = stopAndDelete.stopAndDelete("c", "agent:PJSIP/agent");

        assertFalse(result.done());
        assertTrue(result.reason().contains("is filed"), result.reason());
    }

    @Test
    void theCallsRunningRecordingsAreFoundByLinkedId() throws Exception {
        active("d", List.of(new RecordedPurpose(Purpose.QUALITY, LegalBasis.LEGITIMATE_INTEREST, java.time.Duration.ofDays(30))));

        assertEquals(List.of("d"), stopAndDelete.activeInCall("1.0").stream().map(Recording::id).toList());
        assertTrue(stopAndDelete.activeInCall("9.9").isEmpty());
    }
}
