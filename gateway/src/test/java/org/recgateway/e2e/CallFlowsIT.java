package org.recgateway.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.recgateway.audit.AuditAction;
import org.recgateway.audit.AuditEvent;
import org.recgateway.recording.Recording;
import org.recgateway.recording.RecordingFiler;
import org.recgateway.recording.RecordingQuery;
import org.recgateway.recording.RecordingStatus;
import org.recgateway.recording.RecordingStore;
import org.recgateway.testing.GatewayRig;
import org.recgateway.testing.SippAgent;
import org.recgateway.testing.SippCall;

/**
 * Real call flows that break "one call, one recording": the PBX's own MixMonitor beside the
 * gateway's, an agent's *9 in such a call, {@code AGI(record)} twice in one call, and a queue nobody
 * answers. Real SIP calls from SIPp through Asterisk 22 (dialplan in the rig's {@code extensions.conf},
 * contexts {@code pbx-own-mixmonitor}, {@code pbx-own-mixmonitor-agent}, {@code record-twice},
 * {@code queue-nobody-answers}); the four calls run at the same time.
 */
class CallFlowsIT {
    private static final String OWN_MIXMONITOR = "0651000001";
    private static final String OWN_MIXMONITOR_AGENT = "0651000002";
    private static final String TWICE = "0651000003";
    private static final String QUEUE = "0651000004";
    private static final String DUTCH_REGION = "0651000005";
    /** MixMonitor's WAV: 8 kHz, 16-bit mono, after a 44-byte header. */
    private static final long BYTES_PER_SECOND = 16_000;

    static final String POLICY = """
            policy:
              defaultLanguage: nl
              rules:
                - name: english-first
                  when: {called: ["_194X"]}
                  record: {purpose: quality, notice: notice-quality-will, retention: 30d, languages: [en, nl],
                           objection: {window: 1s}}
              default:
                record: {purpose: quality, notice: notice-quality-will, retention: 30d, objection: {window: 1s}}
            """;
    private static GatewayRig rig;
    private static Path pbxOwn;
    private static Map<String, Integer> status;
    private static long beforeBridge;

    @BeforeAll
    static void fourCallsAtOnce() throws Exception {
        rig = GatewayRig.start("call-flows", POLICY);
        pbxOwn = rig.asterisk().chrootDirectory().resolve("var/spool/asterisk/pbx-own");
        Files.createDirectories(pbxOwn);
        try (Stream<Path> old = Files.list(pbxOwn)) {
            for (Path p : old.toList()) {
                Files.delete(p);
            }
        }
        beforeBridge = rig.millis("notice-quality-will", "nl") + rig.millis("question-objection", "nl") + 1_000;
        Path logs = rig.sippLogs();
        // the agent first hears that the call is recorded (before the bridge), then presses *9
        long told = rig.millis("confirmation-recording-started", "nl");
        SippAgent agent = SippAgent.start("agent", List.of(new SippAgent.Press(told + 4_000, "*9"),
                new SippAgent.Press(told + 9_000, "")), logs);
        Thread.sleep(300);
        SippCall own = SippCall.startTalking("own-mixmonitor", "1901", OWN_MIXMONITOR, beforeBridge + 10_000, logs);
        SippCall ownAgent = SippCall.startTalking("own-mixmonitor-agent", "1911", OWN_MIXMONITOR_AGENT, beforeBridge + 14_000, logs);
        SippCall twice = SippCall.startTalking("twice", "1921", TWICE, beforeBridge + 6_000, logs);
        SippCall queue = SippCall.startTalking("queue", "1931", QUEUE, beforeBridge + 8_000, logs);
        SippCall dutch = SippCall.startTalking("dutch-region", "1941", DUTCH_REGION, beforeBridge + 4_000, logs);
        status = Map.of("own", own.await(), "own-agent", ownAgent.await(), "twice", twice.await(), "queue", queue.await(),
                "agent", agent.await(), "dutch", dutch.await());
    }

    @AfterAll
    static void stop() throws Exception {
        if (rig != null) {
            rig.close();
        }
    }

    @Test
    void thePbxsOwnMixMonitorStoppingDoesNotFileTheGatewaysRecordingWhichIsFiledOnceAtTheEndWithItsRealSizeAndHash()
            throws Exception {
        assertEquals(0, status.get("own"), "caller SIPp");
        Recording r = rig.ended(OWN_MIXMONITOR);
        assertEquals(RecordingStatus.FILED, r.status(), r.toString());
        byte[] audio = plaintext(r);
        assertEquals(audio.length, r.sizeBytes(), "the size of the finished file, not of the file when the PBX's MixMonitor stopped");
        assertEquals(java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(audio)),
                r.sha256());
        // the PBX stopped its own MixMonitor 2 s into the recording; the call went on 8 s more
        assertTrue(r.durationMillis() >= 8_000, "filed at the call's end, ran " + r.durationMillis() + " ms");
        assertTrue((r.sizeBytes() - 44) / BYTES_PER_SECOND >= 7, "audio for the whole call: " + r.sizeBytes() + " bytes");
        assertEquals(1L, events(r, AuditAction.RECORDING_FILED), "filed once");
        assertTrue(rig.gateway().store().callFacts(r.id()).map(RecordingStore.CallFacts::mixMonitorId)
                .filter(id -> !id.isBlank()).isPresent(), "the MixMonitor id is stored with the recording");
        Path pbxFile = pbxOwn.resolve(r.uniqueId() + ".wav");
        assertTrue(Files.size(pbxFile) > 44, "the PBX's own recording exists and was left alone");
        assertTrue((Files.size(pbxFile) - 44) / BYTES_PER_SECOND <= 3, "the PBX's StopMixMonitor stopped its own (2 s) recording");
    }

    @Test
    void anAgentsStarNineStopsOnlyTheGatewaysRecordingThePbxsOwnRunsOn() throws Exception {
        assertEquals(0, status.get("own-agent"), "caller SIPp");
        assertEquals(0, status.get("agent"), "agent SIPp");
        Recording r = rig.ended(OWN_MIXMONITOR_AGENT);
        assertEquals(RecordingStatus.DELETED, r.status(), r.toString());
        assertFalse(Files.exists(Path.of(r.filePath())));
        Path pbxFile = pbxOwn.resolve(r.uniqueId() + ".wav");
        assertTrue(Files.size(pbxFile) > 44);
        // *9 came 4 s after the agent answered and the call went on 10 s more: MixMonitor wrote the PBX's file until then
        java.time.Instant lastWritten = Files.getLastModifiedTime(pbxFile).toInstant();
        assertTrue(lastWritten.isAfter(r.ended().plusSeconds(6)), "the PBX's own recording ran on after *9 stopped the gateway's at "
                + r.ended() + "; last written " + lastWritten);
    }

    @Test
    void theAnsweringAgentHeardThatTheCallIsRecordedBeforeTheBridgeOnTheirOwnChannel() throws Exception {
        Recording r = rig.ended(OWN_MIXMONITOR_AGENT);
        List<AuditEvent> told = rig.gateway().audit().forRecording(r.id()).stream()
                .filter(e -> e.action() == AuditAction.AGENT_TOLD).toList();
        assertEquals(1, told.size(), "told once");
        Map<String, String> details = told.getFirst().details();
        assertTrue(details.get("channel").startsWith("PJSIP/agent-") && !details.get("channel").equals(r.channel()),
                "the agent's channel, not the caller's: " + details);
        assertEquals("true", details.get("playedToEnd"), details.toString());
        assertTrue(details.get("prompt").startsWith("confirmation-recording-started v"), details.toString());
        assertTrue(java.time.Instant.parse(details.get("started")).isAfter(r.started()), "after the recording started");
        // Asterisk's own log: the confirmation played on the agent's channel, and only then did it join the bridge
        String agent = details.get("channel");
        org.recgateway.testing.AsteriskLog log = org.recgateway.testing.AsteriskLog.of(rig);
        int played = log.playing(agent, "recording-gateway/nl/confirmation-recording-started");
        assertTrue(played >= 0, "Asterisk played the confirmation on " + agent);
        assertTrue(log.joinedBridge(agent) > played, "before the agent's channel joined the bridge");
        assertEquals(0L, rig.gateway().audit().forRecording(rig.ended(TWICE).id()).stream()
                .filter(e -> e.action() == AuditAction.AGENT_TOLD).count(), "no agent, nobody told");
    }

    @Test
    void aCallerWhoseChannelLanguageIsNlNlHearsTheDutchNotice() throws Exception {
        assertEquals(0, status.get("dutch"), "caller SIPp");
        Recording r = rig.ended(DUTCH_REGION);
        assertEquals("english-first", r.ruleName());
        assertEquals("nl", r.notice().language(), "nl_NL matched nl, not the rule's fallback en");
        assertEquals(rig.prompt("notice-quality-will", "nl").audioSha256(), r.notice().audioSha256());
        assertEquals(RecordingStatus.FILED, r.status());
    }

    @Test
    void aSecondAgiRecordInTheCallPlaysNoSecondNoticeAndStartsNoSecondRecording() throws Exception {
        assertEquals(0, status.get("twice"), "caller SIPp");
        List<Recording> recordings = rig.gateway().store().find(new RecordingQuery(java.util.Optional.empty(),
                java.util.Optional.empty(), java.util.Optional.of(TWICE), java.util.Optional.empty(), java.util.Optional.empty(),
                java.util.Optional.empty(), 10));
        assertEquals(1, recordings.size(), recordings.toString());
        Recording r = rig.ended(TWICE);
        assertEquals(RecordingStatus.FILED, r.status());
        assertEquals(1.0, rig.gateway().metrics().registry().counter("gateway.policy.decisions",
                "outcome", "already-recorded", "purpose", "quality").count(), "the second pass found the running recording");
        // one notice for each of the five calls, none for the second pass
        double notices = rig.gateway().metrics().registry().find("gateway.notices").counters().stream()
                .mapToDouble(c -> c.count()).sum();
        assertEquals(5.0, notices);
    }

    @Test
    void aQueueCallNobodyAnswersKeepsNoAudioOnlyTheFact() throws Exception {
        assertEquals(0, status.get("queue"), "caller SIPp");
        Recording r = rig.ended(QUEUE);
        assertEquals(RecordingStatus.DELETED, r.status(), r.toString());
        assertFalse(Files.exists(Path.of(r.filePath())), "no audio kept");
        assertTrue(r.sizeBytes() > 44, "there was audio (the caller waiting), and it went: " + r.sizeBytes());
        assertEquals(RecordingFiler.NEVER_BRIDGED, rig.gateway().store().callFacts(r.id()).orElseThrow().endReason());
        assertEquals(1L, events(r, AuditAction.RECORDING_DELETED));
        assertEquals(0L, events(r, AuditAction.RECORDING_FILED), "never filed as a recording");
        assertTrue(rig.gateway().audit().verify().intact());
    }

    @Test
    void everyOtherRecordedCallOfThisRunReachedAPersonAndIsMarkedBridged() throws Exception {
        for (String number : List.of(OWN_MIXMONITOR, TWICE, DUTCH_REGION)) {
            Recording r = rig.ended(number);
            assertTrue(rig.gateway().store().callFacts(r.id()).orElseThrow().bridgedAt() != null, number);
        }
    }

    /** The filed audio as MixMonitor wrote it, read through the gateway's vault (sealed at rest when encryption is on). */
    private static byte[] plaintext(Recording r) throws Exception {
        try (var channel = rig.gateway().vault().open(r.id(), Path.of(r.filePath()));
             var in = java.nio.channels.Channels.newInputStream(channel)) {
            return in.readAllBytes();
        }
    }

    private static long events(Recording r, AuditAction action) {
        return rig.gateway().audit().forRecording(r.id()).stream().map(AuditEvent::action).filter(a -> a == action).count();
    }
}
