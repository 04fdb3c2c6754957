package org.recgateway.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.recgateway.audit.AuditAction;
import org.recgateway.audit.AuditEvent;
import org.recgateway.recording.Recording;
import org.recgateway.recording.RecordingStatus;
import org.recgateway.testing.AsteriskRig;
import org.recgateway.testing.GatewayRig;
import org.recgateway.testing.SippAgent;
import org.recgateway.testing.SippCall;

/**
 * Outbound recording through the real Asterisk 22 with SIPp phones: an agent (a SIPp caller) dials out through the
 * shipped context {@code to-external-recorded} (deploy/asterisk/extensions_recording_gateway_outbound.conf,
 * unchanged), whose trunk is the called party's SIPp. The called party hears the notice on their own channel after
 * answering and before the bridge, and only then does recording start; a called party who hangs up during the
 * notice leaves nothing recorded; one who presses the objection key during the offer is not recorded for the
 * purpose on legitimate interest. {@code AGI(record)} on the agent's side of an outbound context is refused. What
 * Asterisk played, and on which channel, is read from its own log. The calls through the trunk run one after
 * another (the trunk has one phone); the refused one runs beside the first.
 */
class OutboundIT {
    static final String POLICY = """
            policy:
              defaultLanguage: nl
              rules:
                - name: survey-calls-out
                  direction: outbound
                  when: {context: [to-external-recorded], called: ["_0202XXXXXX"]}
                  record: {purpose: quality, notice: notice-quality-will, retention: 30d, objection: {window: 3s}}
                - name: sales-calls-out
                  direction: outbound
                  when: {context: [to-external-recorded, outbound-agent-side]}
                  record: {purpose: contract-evidence, notice: notice-contract-evidence-will, retention: 365d}
              default:
                record: {purpose: quality, notice: notice-quality-will, retention: 30d, objection: {window: 1s}}
            """;
    private static final String HEARS = "0201000001";
    private static final String HANGS_UP = "0201000002";
    private static final String OBJECTS = "0202000003";
    private static final String AGENT_SIDE = "2501";
    private static final String AGENT_NUMBER = "0651999001";
    private static final long TALK_MILLIS = 6_000;
    /** MixMonitor's WAV: 8 kHz, 16-bit mono, after a 44-byte header. */
    private static final long BYTES_PER_SECOND = 16_000;

    private static GatewayRig rig;
    private static int hearsCallee;
    private static int hearsAgent;
    private static int hangsUpCallee;
    private static int objectsCallee;
    private static int agentSide;

    @BeforeAll
    static void threeCallsOutAndOneOnTheWrongSide() throws Exception {
        rig = GatewayRig.start("outbound", POLICY);
        Path logs = rig.sippLogs();
        SippAgent callee = SippAgent.start("called-party", AsteriskRig.AGENT2_PORT, AsteriskRig.AGENT2_MEDIA_PORT, List.of(), logs);
        Thread.sleep(300);
        SippCall wrongSide = SippCall.startTalking("agent-side", AGENT_SIDE, AGENT_NUMBER, 1_000, logs);
        SippCall agent = SippCall.startTalking("agent-hears", HEARS, AGENT_NUMBER, TALK_MILLIS, logs);
        hearsAgent = agent.await();
        hearsCallee = callee.await();
        agentSide = wrongSide.await();

        SippAgent hangsUp = SippAgent.startHangingUp("called-party-hangs-up", AsteriskRig.AGENT2_PORT, AsteriskRig.AGENT2_MEDIA_PORT, 1_500, logs);
        Thread.sleep(300);
        // The agent's call is never answered (the called party left before the bridge): its SIPp status is not checked.
        SippCall.startTalking("agent-hung-up-on", HANGS_UP, AGENT_NUMBER, 2_000, logs).await();
        hangsUpCallee = hangsUp.await();

        long quality = rig.millis("notice-quality-will", "nl");
        long offer = rig.millis("question-objection", "nl");
        SippAgent objects = SippAgent.start("called-party-objects", AsteriskRig.AGENT2_PORT, AsteriskRig.AGENT2_MEDIA_PORT,
                List.of(new SippAgent.Press(quality + offer + 500, "9")), logs);
        Thread.sleep(300);
        SippCall.startTalking("agent-objected-to", OBJECTS, AGENT_NUMBER, 3_000, logs).await();
        objectsCallee = objects.await();
    }

    @AfterAll
    static void stop() throws Exception {
        if (rig != null) {
            rig.close();
        }
    }

    @Test
    void theCalledPartyHearsTheNoticeOnTheirOwnChannelBeforeTheBridgeAndOnlyThenIsTheCallRecorded() throws Exception {
        assertEquals(0, hearsAgent, "the agent's SIPp");
        assertEquals(0, hearsCallee, "the called party's SIPp");
        Recording r = rig.ended(HEARS);
        assertEquals(RecordingStatus.FILED, r.status(), r.toString());
        assertEquals("sales-calls-out", r.ruleName());
        assertEquals(HEARS, r.calledNumber());
        assertTrue(r.channel().startsWith("PJSIP/trunk-"), "recorded on the called party's channel: " + r.channel());
        assertTrue(r.notice().playedToEnd(), r.notice().toString());
        assertEquals(rig.prompt("notice-contract-evidence-will", "nl").audioSha256(), r.notice().audioSha256());
        assertFalse(r.notice().ended().isAfter(r.started()), "recording began after the notice ended: " + r);
        // Asterisk itself played the notice on the called party's channel, and nothing of the gateway's to the agent
        assertTrue(played(r.channel()).stream().anyMatch(f -> f.startsWith("recording-gateway/nl/notice-contract-evidence-will")),
                "Asterisk's log: " + played(r.channel()));
        assertEquals(List.of(), playedOnAny("PJSIP/sipp-"), "the agent's side heard no gateway prompt");
        // in Asterisk's order: the notice on the called party's channel, then MixMonitor on it, then the bridge
        org.recgateway.testing.AsteriskLog log = org.recgateway.testing.AsteriskLog.of(rig);
        int notice = log.playing(r.channel(), "recording-gateway/nl/notice-contract-evidence-will");
        int recording = log.mixMonitorBegan(r.channel());
        int bridged = log.joinedBridge(r.channel());
        assertTrue(notice >= 0 && recording > notice && bridged > recording,
                "notice at line " + notice + ", MixMonitor at " + recording + ", bridge at " + bridged);
        // the notice is not in the recording: the audio is the bridged conversation (the agent hung up TALK_MILLIS after the bridge)
        long seconds = (rig.audio(r).length - 44) / BYTES_PER_SECOND;
        assertTrue(seconds >= TALK_MILLIS / 1000 - 1 && seconds <= TALK_MILLIS / 1000 + 1,
                "recorded " + seconds + " s, the call after the notice lasted " + TALK_MILLIS + " ms");
        assertTrue(rig.gateway().store().callFacts(r.id()).orElseThrow().bridgedAt() != null, "it reached the agent");
    }

    @Test
    void aCalledPartyWhoHangsUpDuringTheNoticeLeavesNothingRecorded() throws Exception {
        assertEquals(0, hangsUpCallee, "the called party's SIPp answered and hung up");
        assertTrue(rig.byNumber(HANGS_UP).isEmpty(), "no recording: " + rig.byNumber(HANGS_UP));
        assertEquals(1.0, rig.gateway().metrics().registry().counter("gateway.notices", "played", "cut-short").count(),
                "the one notice that was cut short");
        // the only recording of this run is the call whose called party heard the notice to the end, and every file on
        // disk belongs to it
        String heard = rig.ended(HEARS).id();
        assertEquals(List.of(heard), rig.all().stream().map(Recording::id).toList());
        try (var files = Files.walk(rig.asterisk().recordingsDirectory())) {
            List<Path> others = files.filter(Files::isRegularFile).filter(f -> !f.getFileName().toString().contains(heard)).toList();
            assertEquals(List.of(), others, "files of no recording");
        }
    }

    @Test
    void aCalledPartyWhoObjectsDuringTheOfferIsNotRecordedAndTheObjectionIsAudited() throws Exception {
        assertEquals(0, objectsCallee, "the called party's SIPp");
        assertTrue(rig.byNumber(OBJECTS).isEmpty(), "no recording: " + rig.byNumber(OBJECTS));
        List<AuditEvent> objections = rig.gateway().audit().since(0, 1000).stream()
                .filter(e -> e.action() == AuditAction.OBJECTION).toList();
        assertEquals(1, objections.size(), objections.toString());
        assertEquals("survey-calls-out", objections.getFirst().details().get("rule"));
        List<String> heard = playedOnAny("PJSIP/trunk-");
        assertTrue(heard.stream().anyMatch(f -> f.startsWith("recording-gateway/nl/question-objection")), heard.toString());
        assertTrue(heard.stream().anyMatch(f -> f.startsWith("recording-gateway/nl/confirmation-objection")), heard.toString());
    }

    @Test
    void agiRecordOnTheAgentsSideOfAnOutboundContextRecordsNothingAndPlaysNothing() throws Exception {
        assertEquals(0, agentSide, "the agent's SIPp");
        assertTrue(rig.byNumber(AGENT_SIDE).isEmpty());
        assertEquals(1.0, rig.gateway().metrics().registry().counter("gateway.policy.decisions",
                "outcome", "outbound-context", "purpose", "none").count());
    }

    /** The sound files Asterisk logged playing on {@code channel}, e.g. {@code recording-gateway/nl/x.alaw}. */
    private static List<String> played(String channel) throws Exception {
        return playedOnAny(channel + ">");
    }

    /** The sound files Asterisk logged playing on any channel whose name starts with {@code prefix}. */
    private static List<String> playedOnAny(String prefix) throws Exception {
        String marker = "<" + prefix;
        String playing = "> Playing '";
        return Files.readAllLines(rig.out().resolve("asterisk.log"), StandardCharsets.UTF_8).stream()
                .filter(l -> l.contains(marker) && l.contains(playing) && l.indexOf(playing) > l.indexOf(marker))
                .map(l -> l.substring(l.indexOf(playing) + playing.length(), l.indexOf('\'', l.indexOf(playing) + playing.length())))
                .toList();
    }
}
