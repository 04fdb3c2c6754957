package org.recgateway.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.recgateway.diagnostics.DiagnosticRecording;
import org.recgateway.diagnostics.DiagnosticTicket;
import org.recgateway.policy.Purpose;
import org.recgateway.privacy.Erasure;
import org.recgateway.recording.LegalHold;
import org.recgateway.recording.Recording;
import org.recgateway.recording.RecordingStatus;
import org.recgateway.testing.AsteriskRig;
import org.recgateway.testing.GatewayRig;
import org.recgateway.testing.SippAgent;
import org.recgateway.testing.SippCall;

/**
 * The privacy officer's promises with real calls through Asterisk 22: a recording whose policy keeps
 * it for seconds is deleted by the gateway by itself; one under a legal hold is not; erasure by the
 * caller's number written in another notation removes both the policy recording and the agent's
 * diagnostic recording of that caller's call.
 */
class PrivacyIT {
    static final String POLICY = """
            policy:
              defaultLanguage: nl
              rules:
                - name: kept-for-seconds
                  when: {called: ["_10XX"]}
                  record: {purpose: quality, notice: notice-quality-will, retention: 5s, objection: {window: 1s}}
              default:
                record: {purpose: quality, notice: notice-quality-will, retention: 30d, objection: {window: 1s}}
            privacy:
              defaultRegion: NL
              sweepInterval: 1s
            """;
    private static final String SHORT = "0640000001";
    private static final String HELD = "0640000002";
    private static final String ERASED = "0640000003";
    private static final Duration MAX_LENGTH = Duration.ofSeconds(4);

    private static GatewayRig rig;
    private static DiagnosticTicket ticket;
    private static List<Integer> statuses;

    @BeforeAll
    static void threeCalls() throws Exception {
        rig = GatewayRig.start("privacy", POLICY);
        Instant now = Instant.now();
        ticket = new DiagnosticTicket("t-privacy", "LINE-15", "kpn", "crackling", 2, MAX_LENGTH, now.plus(Duration.ofHours(1)),
                now, null);
        rig.gateway().diagnosticsStore().insertTicket(ticket);
        rig.gateway().privacy().holds().place(LegalHold.Kind.NUMBER, "+31 6 4000 0002", "complaint 2026-88", "officer:e2e");

        long recordingFrom = rig.millis("notice-quality-will", "nl") + rig.millis("question-objection", "nl") + 2_000;
        long diagnosticOn = 2_000;  // after the agent answers, which is after the caller's recording began
        SippAgent agent = SippAgent.start("agent", List.of(new SippAgent.Press(diagnosticOn, "*8"),
                new SippAgent.Press(diagnosticOn + rig.millis("notice-diagnostic", "nl") + MAX_LENGTH.toMillis() + 6_000, "")),
                rig.sippLogs());
        Thread.sleep(300);
        SippCall shortCall = SippCall.start("short", "caller.xml", "1001", SHORT, "Short", recordingFrom + 3_000, rig.sippLogs());
        SippCall heldCall = SippCall.start("held", "caller.xml", "1002", HELD, "Held", recordingFrom + 3_000, rig.sippLogs());
        // keeps talking for the whole call: a caller silent after 7 s would rightly be filed as incomplete
        SippCall erasedCall = SippCall.startTalking("erased", "1701", ERASED,
                recordingFrom + diagnosticOn + rig.millis("notice-diagnostic", "nl") + MAX_LENGTH.toMillis() + 8_000, rig.sippLogs());
        statuses = List.of(shortCall.await(), heldCall.await(), erasedCall.await(), agent.await());
    }

    @AfterAll
    static void stop() throws Exception {
        if (rig != null) {
            rig.close();
        }
    }

    @Test
    void theCallsCompleted() {
        assertEquals(List.of(0, 0, 0, 0), statuses, "SIPp exit codes: short, held, erased, agent");
    }

    @Test
    void aRecordingKeptForSecondsIsDeletedByTheGatewayItself() throws Exception {
        Recording filed = rig.ended(SHORT);
        assertEquals(Duration.ofSeconds(5), filed.retention(), "5s is stored as 5 seconds");
        assertTrue(AsteriskRig.eventually(Duration.ofSeconds(20), () -> rig.byNumber(SHORT)
                .filter(r -> r.status() == RecordingStatus.DELETED).isPresent()), "deleted by the sweep: " + rig.byNumber(SHORT));
        Recording tomb = rig.byNumber("+31 6 4000 0001").orElseThrow();
        assertFalse(Files.exists(Path.of(tomb.filePath())), "audio gone");
        assertTrue(tomb.deletion().reason().startsWith("retention"), tomb.deletion().toString());
        assertEquals("gateway", tomb.deletion().by());
        assertEquals(64, tomb.sha256().length(), "the hash of what was deleted stays");
        assertFalse(tomb.deletion().at().isBefore(tomb.ended().plusSeconds(5)), "not before its deadline");
    }

    @Test
    void aHeldRecordingPastItsDeadlineIsKept() throws Exception {
        Recording r = rig.ended(HELD);
        assertTrue(AsteriskRig.eventually(Duration.ofSeconds(30), () -> rig.byNumber(SHORT)
                .filter(x -> x.status() == RecordingStatus.DELETED).isPresent()), "the sweep ran past the deadline");
        Thread.sleep(Math.max(0, Duration.between(Instant.now(), r.ended().plusSeconds(8)).toMillis()));
        Recording still = rig.byNumber(HELD).orElseThrow();
        assertEquals(RecordingStatus.FILED, still.status());
        assertTrue(Files.exists(Path.of(still.filePath())), "audio kept under the hold");
    }

    @Test
    void erasureByTheCallersNumberInAnotherNotationRemovesThePolicyAndTheDiagnosticRecording() throws Exception {
        assertTrue(AsteriskRig.eventually(Duration.ofSeconds(20), () -> rig.gateway().store().ofNumber(ERASED).stream()
                .anyMatch(r -> r.purpose() == Purpose.QUALITY && r.status() == RecordingStatus.FILED)), "policy recording filed");
        Recording policy = rig.gateway().store().ofNumber(ERASED).stream().filter(r -> r.purpose() == Purpose.QUALITY)
                .findFirst().orElseThrow();
        List<DiagnosticRecording> links = rig.gateway().diagnosticsStore().recordingsOf(ticket.id());
        assertEquals(1, links.size(), "one diagnostic recording of the call");
        String diagnosticId = links.getFirst().recordingId();
        assertTrue(AsteriskRig.eventually(Duration.ofSeconds(20), () -> rig.gateway().store().byId(diagnosticId)
                .filter(r -> r.status() == RecordingStatus.FILED).isPresent()), "diagnostic recording filed");
        Recording diagnostic = rig.gateway().store().byId(diagnosticId).orElseThrow();
        assertEquals(Purpose.PROVIDER_DIAGNOSTICS, diagnostic.purpose());
        assertEquals(ERASED, diagnostic.callerNumber(), "the diagnostic recording carries the caller's number, not the agent's");

        Erasure.Report report = rig.gateway().privacy().erasure().byNumber("0031 6 40 00 00 03", "officer:e2e");

        Set<String> deleted = new TreeSet<>();
        report.recordings().stream().filter(o -> o.outcome().equals("deleted")).forEach(o -> deleted.add(o.recordingId()));
        assertEquals(new TreeSet<>(Set.of(policy.id(), diagnosticId)), deleted, report.toString());
        for (String id : deleted) {
            Recording tomb = rig.gateway().store().byId(id).orElseThrow();
            assertEquals(RecordingStatus.DELETED, tomb.status());
            assertFalse(Files.exists(Path.of(tomb.filePath())), "audio of " + id + " gone");
            assertEquals("erasure request", tomb.deletion().reason());
        }
        assertTrue(rig.gateway().audit().verify().intact());
        assertFalse(rig.gateway().audit().since(0, 1000).stream().anyMatch(e -> e.details().values().stream()
                .anyMatch(v -> v.contains("40000003") || v.contains("4000 0003"))), "no number in the audit trail");
    }
}
