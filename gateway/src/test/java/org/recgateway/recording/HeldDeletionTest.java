package org.recgateway.recording;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recgateway.audit.AuditAction;
import org.recgateway.audit.AuditEvent;
import org.recgateway.diagnostics.DiagnosticRecording;
import org.recgateway.diagnostics.DiagnosticTicket;
import org.recgateway.listening.DiagnosticAudioDeletion;
import org.recgateway.listening.MutableClock;
import org.recgateway.metrics.GatewayMetrics;
import org.recgateway.policy.LegalBasis;
import org.recgateway.policy.Purpose;
import org.recgateway.store.JdbcAuditTrail;
import org.recgateway.store.JdbcListeningStore;
import org.recgateway.store.JdbcRecordingStore;

/**
 * A legal hold pauses every kind of deletion, because every kind goes through the one eraser: the
 * caller's objection during the call, a call that was never bridged, the end of a diagnostic ticket,
 * erasure, the quarantine review; lifting the hold lets the retention sweep finish each.
 */
class HeldDeletionTest {
    private static final Instant T = Instant.parse("2026-11-30T10:00:00Z");

    @TempDir
    Path dir;
    private final MutableClock clock = new MutableClock(T);
    private final List<String> stopped = new ArrayList<>();
    private JdbcRecordingStore store;
    private JdbcAuditTrail trail;
    private RecordingFiler filer;
    private RetentionSweep sweep;

    @BeforeEach
    void open() {
        store = JdbcRecordingStore.open(dir.resolve("r.db"), PhoneNumbers.withDefaultRegion("NL"));
        trail = store.auditTrail(clock);
        AuditNotes notes = new AuditNotes(trail);
        filer = new RecordingFiler(store, clock, GatewayMetrics.NOOP, Duration.ofMillis(1), notes);
        sweep = new RetentionSweep(store, filer.eraser(), notes, clock);
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void anObjectionOnAHeldRecordingEndsItsPurposesAndStopsItButKeepsTheAudioUntilTheHoldIsLifted() throws Exception {
        Recording r = active("a", "0612345678", new RecordedPurpose(Purpose.QUALITY, LegalBasis.LEGITIMATE_INTEREST,
                Duration.ofDays(30)));
        store.mixMonitorStarted("a", "0x7f-a");
        LegalHold hold = store.legalHolds().place(LegalHold.Kind.NUMBER, "+31 6 1234 5678", "case 17", "officer", T);
        StopAndDelete stopAndDelete = new StopAndDelete(store, filer, recorder(), clock, GatewayMetrics.NOOP, Duration.ZERO);

        StopAndDelete.Result result = stopAndDelete.stopAndDelete("a", "caller:PJSIP/sipp-1");

        assertEquals(StopAndDelete.Outcome.HELD, result.outcome(), result.reason());
        assertTrue(result.reason().contains("case 17"), result.reason());
        assertEquals(List.of("PJSIP/agent-1 0x7f-a"), stopped, "the recording stopped");
        Recording kept = store.byId("a").orElseThrow();
        assertEquals(RecordingStatus.FILED, kept.status(), "the audio is filed, hashed, and kept while held");
        assertTrue(Files.exists(Path.of(r.filePath())));
        assertEquals(List.of(), kept.livePurposes(), "every purpose ended");
        assertEquals("objection", store.callFacts("a").orElseThrow().endReason());
        assertTrue(actions("a").contains(AuditAction.DELETION_PAUSED), actions("a").toString());
        clock.advance(Duration.ofHours(1));
        assertEquals(List.of(), sweep.run().deleted(), "nothing goes while the hold is in force");

        store.legalHolds().lift(hold.id(), "officer", clock.instant());
        assertEquals(List.of("a"), sweep.run().deleted(), "lifting resumes the deletion");

        Recording tomb = store.byId("a").orElseThrow();
        assertEquals(RecordingStatus.DELETED, tomb.status());
        assertEquals("caller:PJSIP/sipp-1", tomb.deletion().by(), "the deletion is the caller's, however late");
        assertEquals(kept.sha256(), tomb.sha256());
        assertFalse(Files.exists(Path.of(r.filePath())));
        assertEquals("caller:PJSIP/sipp-1", trail.forRecording("a").getLast().actor());
        assertEquals(AuditAction.RECORDING_DELETED, trail.forRecording("a").getLast().action());
    }

    @Test
    void aHeldCallThatWasNeverBridgedIsKeptUntilTheHoldIsLifted() throws Exception {
        Recording r = active("b", "0612345670", new RecordedPurpose(Purpose.QUALITY, LegalBasis.LEGITIMATE_INTEREST,
                Duration.ofDays(30)));
        filer.watchingBridgesSince(AsteriskServers.ANY, T.minusSeconds(60));
        LegalHold hold = store.legalHolds().place(LegalHold.Kind.RECORDING, "b", "complaint", "officer", T);

        filer.callEnded(AsteriskServers.ANY, "u-b", null);

        Recording kept = store.byId("b").orElseThrow();
        assertEquals(RecordingStatus.FILED, kept.status());
        assertEquals(64, kept.sha256().length());
        assertTrue(Files.exists(Path.of(r.filePath())));
        assertEquals(RecordingFiler.NEVER_BRIDGED, store.callFacts("b").orElseThrow().endReason());

        store.legalHolds().lift(hold.id(), "officer", clock.instant());
        assertEquals(List.of("b"), sweep.run().deleted());
        assertFalse(Files.exists(Path.of(r.filePath())));
    }

    @Test
    void theEndOfAHeldTicketDeletesNothingUntilTheHoldIsLifted() throws Exception {
        Recording d = active("d", "0612345671", new RecordedPurpose(Purpose.PROVIDER_DIAGNOSTICS, LegalBasis.LEGITIMATE_INTEREST,
                Duration.ofDays(7)));
        filer.file(d);
        var diagnostics = store.diagnostics();
        diagnostics.insertTicket(new DiagnosticTicket("t1", "KPN-1", "kpn", "hum", 2, Duration.ofMinutes(1),
                T.plus(Duration.ofDays(1)), T, T.plusSeconds(120)));
        diagnostics.linkRecording(new DiagnosticRecording("d", "t1", "PJSIP/agent", "PJSIP/agent-1", "PJSIP/caller-1",
                List.of("PJSIP/agent-1", "PJSIP/caller-1")));
        LegalHold hold = store.legalHolds().place(LegalHold.Kind.TICKET, "t1", "provider dispute", "officer", T);
        JdbcListeningStore listening = JdbcListeningStore.of(store);
        DiagnosticAudioDeletion windows = new DiagnosticAudioDeletion(store, diagnostics, listening, trail, clock, filer.eraser());

        clock.advance(Duration.ofMinutes(10));
        DiagnosticAudioDeletion.Deletions held = windows.deleteDue();

        assertEquals(List.of(), held.deleted());
        assertEquals(List.of(), held.problems(), "a hold is a pause, not a failure");
        assertTrue(Files.exists(Path.of(d.filePath())));
        assertEquals(List.of(), sweep.run().deleted());

        store.legalHolds().lift(hold.id(), "officer", clock.instant());
        assertEquals(List.of("d"), sweep.run().deleted());
        assertEquals(List.of("d"), windows.deleteDue().deleted(), "the listening side learns when it went");
        assertTrue(listening.deletedAt("d").isPresent());
        assertEquals("ticket-closed", store.byId("d").orElseThrow().deletion().reason());
        assertFalse(Files.exists(Path.of(d.filePath())));
    }

    @Test
    void aHeldErasureIsPausedAndResumesWhenTheHoldIsLifted() throws Exception {
        Recording r = active("e", "0612345672", new RecordedPurpose(Purpose.QUALITY, LegalBasis.LEGITIMATE_INTEREST,
                Duration.ofDays(30)));
        filer.file(r);
        LegalHold hold = store.legalHolds().place(LegalHold.Kind.NUMBER, "0031612345672", "audit", "officer", T);

        AudioEraser.Result paused = filer.eraser().delete(store.byId("e").orElseThrow(), "erasure request", "officer", Map.of());

        assertTrue(paused.held(), paused.reason());
        assertTrue(Files.exists(Path.of(r.filePath())));
        assertEquals(List.of(), store.byId("e").orElseThrow().livePurposes());
        AudioEraser.Result again = filer.eraser().delete(store.byId("e").orElseThrow(), "erasure request", "officer", Map.of());
        assertTrue(again.held());
        assertEquals(1, actions("e").stream().filter(a -> a == AuditAction.DELETION_PAUSED).count(), "the pause is audited once");

        store.legalHolds().lift(hold.id(), "officer", clock.instant());
        assertEquals(List.of("e"), sweep.run().deleted());
        assertEquals("erasure request", store.byId("e").orElseThrow().deletion().reason());
    }

    private List<AuditAction> actions(String id) {
        return trail.forRecording(id).stream().map(AuditEvent::action).toList();
    }

    private Recording active(String id, String caller, RecordedPurpose purpose) throws Exception {
        Path file = Files.write(dir.resolve(id + ".wav"), new byte[4_000]);
        Recording r = Recording.active(id, new RecordedCall("u-" + id, "l-" + id, "PJSIP/agent-1", caller, "1001"), new Evidence("rule", null, null), new PurposeSet(purpose.purpose(), purpose.basis(), purpose.retention(), null, List.of(purpose)), file.toString(), T);
        store.insert(r);
        return r;
    }

    private Recorder recorder() {
        return new Recorder() {
            @Override
            public String start(String channel, String file) {
                return "0x1";
            }

            @Override
            public void stop(String channel, String mixMonitorId) {
                stopped.add(channel + " " + mixMonitorId);
            }
        };
    }
}
