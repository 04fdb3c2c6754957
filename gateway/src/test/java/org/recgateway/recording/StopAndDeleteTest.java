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
        Recording r = Recording.active(id, new RecordedCall("1.1", "1.0", "PJSIP/sipp-1", "0612", "1001"), new Evidence("rule", null, null), new PurposeSet(purposes.getFirst().purpose(), purposes.getFirst().basis(), java.time.Duration.ofDays(30), null, purposes), file.toString(), T);
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
    void anObjectionEndsTheConsentAndLegitimateInterestPurposesAndTheRecordingGoesOnForTheContract() throws Exception {
        Recording r = active("b", List.of(new RecordedPurpose(Purpose.QUALITY, LegalBasis.LEGITIMATE_INTEREST, java.time.Duration.ofDays(90)),
                new RecordedPurpose(Purpose.CONTRACT_EVIDENCE, LegalBasis.CONTRACT, java.time.Duration.ofDays(365)),
                new RecordedPurpose(Purpose.TRAINING, LegalBasis.CONSENT, java.time.Duration.ofDays(180))));

        StopAndDelete.Result result = stopAndDelete.stopAndDelete("b", "caller:PJSIP/sipp-1");

        assertEquals(StopAndDelete.Outcome.PURPOSES_ENDED, result.outcome(), result.reason());
        assertTrue(stopped.isEmpty(), "the recording goes on for the contract");
        assertTrue(Files.exists(Path.of(r.filePath())));
        Recording now = store.byId("b").orElseThrow();
        assertEquals(RecordingStatus.ACTIVE, now.status());
        assertEquals(List.of(Purpose.CONTRACT_EVIDENCE), now.purposes().stream().filter(RecordedPurpose::live)
                .map(RecordedPurpose::purpose).toList(), "only the contract purpose is in force");
        assertEquals(List.of("objection", "objection"), now.purposes().stream().filter(p -> !p.live())
                .map(RecordedPurpose::endReason).toList(), "quality and training ended, and why");
        var events = trail.forRecording("b");
        assertEquals(1, events.size());
        assertEquals(org.recgateway.audit.AuditAction.PURPOSES_ENDED, events.getFirst().action());
        assertEquals("caller:PJSIP/sipp-1", events.getFirst().actor());
        assertEquals("quality (legitimate-interest), training (consent)", events.getFirst().details().get("purposesEnded"));
        assertEquals("contract-evidence (contract)", events.getFirst().details().get("purposesKept"));

        StopAndDelete.Result again = stopAndDelete.stopAndDelete("b", "agent:PJSIP/agent");
        assertEquals(StopAndDelete.Outcome.REFUSED, again.outcome(), "nothing left that an objection ends");
        assertTrue(again.reason().contains("contract-evidence (contract)"), again.reason());
    }

    /** Every basis: what an objection ends (art. 21, art. 7(3)) and what it leaves alone. */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.EnumSource(LegalBasis.class)
    void anObjectionEndsExactlyThePurposesOnLegitimateInterestOrConsent(LegalBasis basis) throws Exception {
        boolean ends = basis == LegalBasis.LEGITIMATE_INTEREST || basis == LegalBasis.CONSENT;
        Recording alone = active("alone", List.of(new RecordedPurpose(Purpose.QUALITY, basis, java.time.Duration.ofDays(30))));
        Recording mixed = active("mixed", List.of(new RecordedPurpose(Purpose.QUALITY, LegalBasis.LEGITIMATE_INTEREST, java.time.Duration.ofDays(30)),
                new RecordedPurpose(Purpose.COMPLAINT_HANDLING, basis, java.time.Duration.ofDays(60))));

        StopAndDelete.Result a = stopAndDelete.stopAndDelete("alone", "agent:PJSIP/agent");
        StopAndDelete.Result m = stopAndDelete.stopAndDelete("mixed", "agent:PJSIP/agent");

        assertEquals(ends ? StopAndDelete.Outcome.DELETED : StopAndDelete.Outcome.REFUSED, a.outcome(), a.reason());
        assertEquals(!ends, Files.exists(Path.of(alone.filePath())));
        assertEquals(ends ? StopAndDelete.Outcome.DELETED : StopAndDelete.Outcome.PURPOSES_ENDED, m.outcome(), m.reason());
        assertEquals(!ends, Files.exists(Path.of(mixed.filePath())));
        if (!ends) {
            assertEquals(List.of(Purpose.COMPLAINT_HANDLING), store.byId("mixed").orElseThrow().purposes().stream()
                    .filter(RecordedPurpose::live).map(RecordedPurpose::purpose).toList());
        }
    }

    @Test
    void aRecordingWithoutAStoredMixMonitorIdIsNotStoppedSoNoOtherMixMonitorIsTouched() throws Exception {
        Path file = Files.write(dir.resolve("e.wav"), new byte[] {1, 2, 3});
        store.insert(Recording.active("e", new RecordedCall("1.1", "1.0", "PJSIP/sipp-1", "0612", "1001"), new Evidence("rule", null, null), new PurposeSet(Purpose.QUALITY, LegalBasis.LEGITIMATE_INTEREST, java.time.Duration.ofDays(30), null, List.of()), file.toString(), T));

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

    @Test
    void onOneNamedServerACodesCallWithoutAServerFindsTheRecordingAndWithSeveralOnlyItsOwnServersCounts() throws Exception {
        filer.firstServer("asterisk");
        Recording r = Recording.active("n", new RecordedCall("1.1", "5.0", "PJSIP/sipp-1", "0612", "1001", "asterisk"),
                new Evidence("rule", null, null), new PurposeSet(Purpose.QUALITY, LegalBasis.LEGITIMATE_INTEREST,
                        java.time.Duration.ofDays(30), null, List.of()), dir.resolve("n.wav").toString(), T);
        store.insert(r);

        assertEquals(List.of("n"), stopAndDelete.activeInCall("5.0", null).stream().map(Recording::id).toList(),
                "one server: a proven session names no server, and its call's recording is found");
        assertEquals(List.of("n"), stopAndDelete.activeInCall("5.0", "asterisk").stream().map(Recording::id).toList());
        assertTrue(stopAndDelete.activeInCall("5.0", "pbx2").isEmpty(), "another server's call of that linkedid");
    }
}
