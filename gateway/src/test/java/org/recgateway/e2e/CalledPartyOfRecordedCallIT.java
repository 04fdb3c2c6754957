package org.recgateway.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.recgateway.audit.AuditAction;
import org.recgateway.audit.AuditEvent;
import org.recgateway.recording.RecordedParty;
import org.recgateway.recording.Recording;
import org.recgateway.recording.RecordingStatus;
import org.recgateway.recording.TransferStop;
import org.recgateway.testing.AsteriskLog;
import org.recgateway.testing.AsteriskRig;
import org.recgateway.testing.GatewayRig;
import org.recgateway.testing.SippAgent;
import org.recgateway.testing.SippCall;

/**
 * The called party of a call that is ALREADY recorded, on the real Asterisk 22: a SIPp caller's recorded call is put
 * through to an outside number by the shipped outbound context (deploy/asterisk/extensions_recording_gateway_outbound.conf,
 * unchanged; its trunk is a second SIPp phone). Three calls, one after another (the trunk has one phone):
 * <ol>
 *   <li>the called party hears the running recording's notice to the end and is bridged into the recording, listed among
 *       its parties;</li>
 *   <li>the called party cannot hear it: the Dutch notice file is removed from Asterisk's sounds (as a partial prompt
 *       install would leave it) while the caller spoke English, so Asterisk fails to play it and nobody hangs up. The
 *       gateway stops the caller's MixMonitor by its id before the bridge; Asterisk's own log shows that MixMonitor
 *       ending before the called party joined the bridge, and no other MixMonitor began;</li>
 *   <li>the called party's {@code record-called} reaches no gateway: the dialplan does not put them through
 *       (CONGESTION), so the running MixMonitor never hears them.</li>
 * </ol>
 */
class CalledPartyOfRecordedCallIT {
    static final String POLICY = """
            policy:
              defaultLanguage: nl
              rules:
                - name: forwarded
                  when: {called: ["_27XX"]}
                  record: {purpose: contract-evidence, notice: notice-contract-evidence-will, retention: 365d, languages: [en, nl]}
              default:
                record: {purpose: contract-evidence, notice: notice-contract-evidence-will, retention: 365d}
            """;
    private static final String TOLD = "0612700001";
    private static final String NOT_TOLD = "0612700002";
    private static final String NO_GATEWAY = "0612700009";
    private static final long TALK_MILLIS = 8_000;
    private static final String NOTICE = "notice-contract-evidence-will";

    private static GatewayRig rig;
    private static long notice;
    private static List<Integer> toldExits;
    private static List<Integer> notToldExits;
    private static int noGatewayCallee;

    @BeforeAll
    static void threeForwardedCalls() throws Exception {
        rig = GatewayRig.start("called-party-of-recorded-call", POLICY);
        Path logs = rig.sippLogs();
        notice = rig.millis(NOTICE, "nl");
        long callerHangsUp = notice + 1_000 + notice + TALK_MILLIS;

        SippAgent callee = SippAgent.startTalkingUntilHungUp("told-callee", AsteriskRig.AGENT2_PORT, AsteriskRig.AGENT2_MEDIA_PORT, logs);
        Thread.sleep(300);
        SippCall caller = SippCall.startTalking("told", "2701", TOLD, callerHangsUp, logs);
        toldExits = List.of(caller.await(), callee.await());

        // A partial prompt install: Asterisk has no Dutch file of the notice any more; the gateway's manifest still has it.
        Path nl = rig.asterisk().chrootDirectory().resolve("usr/share/asterisk/sounds/recording-gateway/nl");
        try (var files = Files.list(nl)) {
            for (Path f : files.filter(f -> f.getFileName().toString().startsWith(NOTICE + ".")).toList()) {
                Files.delete(f);
            }
        }
        SippAgent notToldCallee = SippAgent.startTalkingUntilHungUp("not-told-callee", AsteriskRig.AGENT2_PORT, AsteriskRig.AGENT2_MEDIA_PORT, logs);
        Thread.sleep(300);
        SippCall notToldCaller = SippCall.startTalking("not-told", "2721", NOT_TOLD, rig.millis(NOTICE, "en") + 1_000 + TALK_MILLIS, logs);
        notToldExits = List.of(notToldCaller.await(), notToldCallee.await());

        SippAgent unreached = SippAgent.startTalkingUntilHungUp("no-gateway-callee", AsteriskRig.AGENT2_PORT, AsteriskRig.AGENT2_MEDIA_PORT, logs);
        Thread.sleep(300);
        // The caller is hung up on when the Dial ends (CONGESTION): its SIPp status is not checked.
        SippCall.startTalking("no-gateway", "2791", NO_GATEWAY, notice + 1_000 + TALK_MILLIS, logs).await();
        noGatewayCallee = unreached.await();
    }

    @AfterAll
    static void stop() throws Exception {
        if (rig != null) {
            rig.close();  // the next rig start installs the prompts again
        }
    }

    @Test
    void aCalledPartyWhoHeardTheRunningNoticeToTheEndIsBridgedIntoTheRecordingAndListedWithIt() throws Exception {
        assertEquals(List.of(0, 0), toldExits, "caller and called party SIPp");
        Recording r = rig.ended(TOLD);
        assertEquals(RecordingStatus.FILED, r.status(), r.toString());
        assertTrue(r.channel().startsWith("PJSIP/sipp-"), r.channel());
        assertEquals(1, recordingsOf(TOLD), "one call, one recording");
        List<RecordedParty> parties = rig.gateway().store().parties().of(r.id());
        RecordedParty called = parties.stream().filter(p -> p.channel().startsWith("PJSIP/trunk-")).findFirst()
                .orElseThrow(() -> new AssertionError("the called party is not among the parties: " + parties));
        assertEquals(RecordedParty.Role.ANSWERED, called.role());
        assertTrue(called.notice().startsWith(NOTICE + " v") && called.notice().endsWith(" nl"), called.notice());
        assertTrue(called.playedToEnd());
        AsteriskLog log = AsteriskLog.of(rig);
        int played = log.playing(called.channel(), "recording-gateway/nl/" + NOTICE);
        int joined = log.joinedBridge(called.channel());
        assertTrue(played >= 0 && joined > played, "notice on the called party's channel at line " + played + ", bridge at " + joined);
        assertTrue(log.lineWith("called party: recording " + r.id() + " already-recorded").contains(called.channel()),
                "the dialplan variables on the called party's channel");
        long seconds = (rig.audio(r).length - 44) / 16_000;
        assertTrue(seconds >= TALK_MILLIS / 1000, "the bridged conversation is in the recording: " + seconds + " s");
    }

    @Test
    void aCalledPartyWhoCouldNotHearTheNoticeIsBridgedOnlyAfterTheRunningRecordingStopped() throws Exception {
        assertEquals(List.of(0, 0), notToldExits, "caller and called party SIPp: the call went on, nobody hung up early");
        Recording r = rig.ended(NOT_TOLD);
        assertEquals(1, recordingsOf(NOT_TOLD), "no second recording");
        // stopped before its call was ever bridged: it reached no person, so nothing of it is kept (issue #11 item 6)
        assertEquals(RecordingStatus.DELETED, r.status(), r.toString());
        assertEquals(null, rig.gateway().store().callFacts(r.id()).orElseThrow().bridgedAt());
        assertNoFileOf(r);
        List<AuditEvent> events = rig.gateway().audit().forRecording(r.id());
        Map<String, String> told = events.stream().filter(e -> e.action() == AuditAction.CALLED_PARTY_TOLD).findFirst()
                .orElseThrow().details();
        assertEquals("false", told.get("playedToEnd"), told.toString());
        String calledChannel = told.get("channel");
        assertTrue(calledChannel.startsWith("PJSIP/trunk-"), calledChannel);
        Map<String, String> stopped = events.stream().filter(e -> e.action() == AuditAction.RECORDING_STOPPED_FOR_TRANSFER)
                .findFirst().orElseThrow().details();
        assertEquals(calledChannel, stopped.get("calledParty"));
        assertEquals(TransferStop.CALLED_PARTY_NOT_TOLD, stopped.get("endReason"));
        assertTrue(rig.gateway().store().parties().of(r.id()).stream().noneMatch(p -> p.channel().equals(calledChannel)),
                "the called party is not listed as recorded");

        // Asterisk's own log: record-called returned to the dialplan (which logs not-recorded / called-party-not-told)
        // only after Asterisk had answered the gateway's StopMixMonitor, and that was before the called party joined the
        // bridge; MixMonitor's own thread then ended the caller's recording, and none began on the called party's channel.
        // ("End MixMonitor Recording" is written by MixMonitor's thread once it wakes after the stop, so it may come
        // just after the join: a stopped audiohook takes no more frames, so nothing of the bridge reaches the file.)
        AsteriskLog log = AsteriskLog.of(rig);
        int toldAt = log.line("called party: not-recorded  called-party-not-told");
        int ended = log.mixMonitorEnded(r.channel());
        int joined = log.joinedBridge(calledChannel);
        assertTrue(toldAt >= 0 && joined > toldAt, "the dialplan heard not-recorded at line " + toldAt
                + ", the called party joined the bridge at " + joined);
        assertTrue(ended >= 0, "MixMonitor on " + r.channel() + " never ended");
        assertEquals(-1, log.mixMonitorBegan(calledChannel));
        assertTrue(log.lineWith("called party: not-recorded  called-party-not-told").contains(calledChannel),
                "the dialplan variables on the called party's channel");
        assertTrue(rig.gateway().store().parties().of(r.id()).isEmpty(), "nobody was recorded in a bridge");
    }

    @Test
    void aCalledPartyWhoseRecordCalledReachesNoGatewayIsNotPutThroughIntoTheRecordedCall() throws Exception {
        assertEquals(0, noGatewayCallee, "the called party's SIPp answered and was hung up on");
        Recording r = rig.ended(NO_GATEWAY);
        // the caller's recording ran on, but its call was never bridged: nothing of it is kept
        assertEquals(RecordingStatus.DELETED, r.status(), r.toString());
        assertEquals(null, rig.gateway().store().callFacts(r.id()).orElseThrow().bridgedAt());
        assertNoFileOf(r);
        AsteriskLog log = AsteriskLog.of(rig);
        String refused = log.lineWith("not put through: the call is recorded");
        assertTrue(refused.contains("PJSIP/trunk-"), "the dialplan refused the bridge: " + refused);
        String calledChannel = refused.substring(refused.indexOf("PJSIP/trunk-")).split(" ")[0];
        assertEquals(-1, log.joinedBridge(calledChannel), "the called party never joined a bridge");
        assertTrue(rig.gateway().store().parties().of(r.id()).stream().noneMatch(p -> p.channel().equals(calledChannel)));
        assertTrue(rig.gateway().audit().forRecording(r.id()).stream().noneMatch(e -> e.action() == AuditAction.CALLED_PARTY_TOLD),
                "the gateway never heard of the called party");
    }

    private static void assertNoFileOf(Recording r) throws Exception {
        try (var files = Files.walk(rig.asterisk().recordingsDirectory())) {
            assertEquals(List.of(), files.filter(Files::isRegularFile).filter(f -> f.getFileName().toString().contains(r.id())).toList());
        }
    }

    private static long recordingsOf(String number) {
        return rig.all().stream().filter(x -> number.equals(x.callerNumber())).count();
    }
}
