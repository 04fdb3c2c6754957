package org.recgateway.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.recgateway.audit.AuditAction;
import org.recgateway.recording.LegalHold;
import org.recgateway.recording.RecordedPurpose;
import org.recgateway.recording.Recording;
import org.recgateway.recording.RecordingStatus;
import org.recgateway.testing.AsteriskRig;
import org.recgateway.testing.GatewayRig;
import org.recgateway.testing.SippAgent;
import org.recgateway.testing.SippCall;

/**
 * A legal hold on the caller's number, then the caller presses {@code *9} while bridged on a real call
 * through Asterisk 22: the recording stops and every purpose ends, but the audio is filed and kept while
 * the hold is in force (audited {@code deletion-paused}); no "deleted" confirmation is played, since
 * nothing was deleted yet. Once the hold is lifted the gateway's own retention sweep deletes it, in the
 * caller's name.
 */
class HeldObjectionIT {
    static final String POLICY = """
            policy:
              defaultLanguage: nl
              rules:
                - name: service-line
                  when: {called: ["_692X"]}
                  record: {purpose: quality, notice: notice-quality-will-in-call-objection, retention: 30d,
                           objection: {during: call}}
              default:
                record: {purpose: quality, notice: notice-quality-will, retention: 30d, objection: {window: 1s}}
            privacy:
              defaultRegion: NL
              sweepInterval: 1s
            """;
    private static final String CALLER = "0640000021";
    private static GatewayRig rig;
    private static LegalHold hold;
    private static int caller;
    private static int agent;

    @BeforeAll
    static void theCallerObjectsWhileHeld() throws Exception {
        rig = GatewayRig.start("held-objection", POLICY);
        hold = rig.gateway().privacy().holds().place(LegalHold.Kind.NUMBER, "+31 6 4000 0021", "court case 2026-3",
                "officer:e2e");
        long notice = rig.millis("notice-quality-will-in-call-objection", "nl");
        SippAgent a = SippAgent.start("agent-held", List.of(new SippAgent.Press(2_000, "")), rig.sippLogs());
        Thread.sleep(300);
        SippCall call = SippCall.startWithInfo("held", "6921", CALLER, List.of(new SippAgent.Press(notice + 4_000, "*9")),
                notice + 10_000, rig.sippLogs());
        caller = call.await();
        agent = a.await();
    }

    @AfterAll
    static void stop() throws Exception {
        if (rig != null) {
            rig.close();
        }
    }

    @Test
    void theObjectionStopsAndEndsEveryPurposeTheHoldKeepsTheAudioAndLiftingItDeletesIt() throws Exception {
        assertEquals(0, caller, "caller SIPp");
        assertEquals(0, agent, "agent SIPp");
        Recording r = rig.ended(CALLER);
        assertEquals(RecordingStatus.FILED, r.status(), r.toString());
        assertTrue(Files.size(Path.of(r.filePath())) > 1_000, "the audio is kept while the hold is in force");
        assertEquals(List.of(), r.livePurposes(), "every purpose ended");
        assertEquals(List.of("objection"),
                r.purposes().stream().map(RecordedPurpose::endReason).toList());
        assertTrue(rig.gateway().audit().forRecording(r.id()).stream().anyMatch(e -> e.action() == AuditAction.DELETION_PAUSED
                && e.actor().startsWith("caller:PJSIP/sipp-") && hold.id().equals(e.details().get("hold"))));
        assertEquals(List.of("recording-gateway/nl/notice-quality-will-in-call-objection.alaw"), played(r.channel()),
                "no confirmation that it was deleted: it was not");
        Thread.sleep(2_500);
        assertEquals(RecordingStatus.FILED, rig.byNumber(CALLER).orElseThrow().status(), "the sweep leaves it while held");

        rig.gateway().privacy().holds().lift(hold.id(), "officer:e2e");

        assertTrue(AsteriskRig.eventually(Duration.ofSeconds(20), () -> rig.byNumber(CALLER)
                .filter(x -> x.status() == RecordingStatus.DELETED).isPresent()), "deleted once lifted: " + rig.byNumber(CALLER));
        Recording tomb = rig.byNumber(CALLER).orElseThrow();
        assertFalse(Files.exists(Path.of(r.filePath())));
        assertTrue(tomb.deletion().by().startsWith("caller:PJSIP/sipp-"), tomb.deletion().toString());
        assertEquals(r.sha256(), tomb.sha256(), "the tombstone keeps the hash of what was deleted");
        assertTrue(rig.gateway().audit().verify().intact());
    }

    /** The sound files Asterisk's log says it played on {@code channel}, in order. */
    private static List<String> played(String channel) throws Exception {
        String marker = "<" + channel + "> Playing '";
        return Files.readAllLines(rig.out().resolve("asterisk.log"), StandardCharsets.UTF_8).stream()
                .filter(l -> l.contains(marker))
                .map(l -> l.substring(l.indexOf(marker) + marker.length(), l.indexOf('\'', l.indexOf(marker) + marker.length())))
                .toList();
    }
}
