package org.recgateway.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.recgateway.audit.AuditAction;
import org.recgateway.audit.AuditEvent;
import org.recgateway.policy.Purpose;
import org.recgateway.recording.RecordedPurpose;
import org.recgateway.recording.Recording;
import org.recgateway.recording.RecordingQuery;
import org.recgateway.recording.RecordingStatus;
import org.recgateway.testing.AsteriskRig;
import org.recgateway.testing.GatewayRig;
import org.recgateway.testing.SippAgent;
import org.recgateway.testing.SippCall;

/**
 * The caller's objection later in the call, and keys sent by SIP INFO, on real calls through the shipped
 * dialplan (deploy/asterisk/, included unchanged by the rig): a SIPp caller put through by Asterisk 22 to a
 * SIPp agent ({@code PJSIP/agents}).
 * <ul>
 * <li>contract evidence + quality: the caller presses the in-call code {@code *9} (SIP INFO) while bridged; the
 *     quality purpose ends, the recording goes on and is filed for the contract only;</li>
 * <li>quality with the objection announced in the notice ({@code during: call}): {@code *9} stops the recording
 *     and deletes the audio;</li>
 * <li>meanwhile the agent's token asks to stop another call's recording: refused, nothing revealed;</li>
 * <li>consent and objection pressed by SIP INFO instead of RFC 4733.</li>
 * </ul>
 */
class LaterObjectionIT {
    static final String POLICY = """
            policy:
              defaultLanguage: nl
              rules:
                - name: sales-line
                  when: {called: ["_691X"]}
                  record:
                    purpose: contract-evidence
                    notice: notice-contract-evidence-quality-will
                    retention: 365d
                    objection: {offer: question-objection-quality, window: 1s}
                    also:
                      - {purpose: quality, retention: 30d}
                - name: service-line
                  when: {called: ["_692X"]}
                  record: {purpose: quality, notice: notice-quality-will-in-call-objection, retention: 30d,
                           objection: {during: call}}
                - name: training-line
                  when: {called: ["_11XX"]}
                  record: {purpose: training, notice: notice-training, retention: 90d, consent: {timeout: 4s}}
                - name: offer-line
                  when: {called: ["_12XX"]}
                  record: {purpose: quality, notice: notice-quality-will, retention: 30d, objection: {window: 2s}}
              default:
                record: {purpose: quality, notice: notice-quality-will, retention: 30d, objection: {window: 1s}}
            """;
    private static GatewayRig rig;
    private static int mixedCaller;
    private static int mixedAgent;
    private static int serviceCaller;
    private static int serviceAgent;
    private static java.net.http.HttpResponse<byte[]> otherCallsStop;
    private static java.net.http.HttpResponse<byte[]> missingStop;
    private static Optional<Recording> mixedAfterStarNine = Optional.empty();
    private static Optional<Recording> otherAfterRefusal = Optional.empty();

    @BeforeAll
    static void callersPressKeysBySipInfo() throws Exception {
        rig = GatewayRig.start("later-objection", POLICY);
        Path logs = rig.sippLogs();
        long training = rig.millis("notice-training", "nl");
        long quality = rig.millis("notice-quality-will", "nl");
        long offer = rig.millis("question-objection", "nl");
        SippCall consent = SippCall.startWithInfo("consent-info", "1101", "0640000001",
                List.of(new SippAgent.Press(training + 800, "1")), training + rig.millis("question-consent", "nl") + 8_000, logs);
        // The objection key half-way through the offer, not just after the notice: on a loaded machine the notice
        // starts later than SIPp's clock assumes, and a key 0.5 s after it landed in the notice (CI, session 9).
        long duringOffer = quality + offer / 2;
        SippCall objection = SippCall.startWithInfo("objection-info", "1201", "0640000002",
                List.of(new SippAgent.Press(duringOffer, "9")), quality + offer + 6_000, logs);
        // The same two choices pressed as RFC 4733 telephone-events (SIPp's pcaps) instead of SIP INFO.
        SippCall consentRtp = SippCall.startWithKey("consent-rfc4733", "1102", "0640000005", training + 800, '1',
                training + rig.millis("question-consent", "nl") + 8_000, logs);
        SippCall objectionRtp = SippCall.startWithKey("objection-rfc4733", "1202", "0640000006", duringOffer, '9',
                quality + offer + 6_000, logs);
        // Another call, recorded and never put through to the agent: the agent may not stop it.
        SippCall other = SippCall.start("other-call", "caller.xml", "1001", "0640000009", "Other", 40_000, logs);

        // 1. contract evidence + quality; the caller presses *9 four seconds after being put through.
        long beforeDial = rig.millis("notice-contract-evidence-quality-will", "nl")
                + rig.millis("question-objection-quality", "nl") + 1_000;
        SippAgent agent = SippAgent.start("agent-mixed", List.of(new SippAgent.Press(2_000, "")), logs);
        Thread.sleep(300);
        SippCall mixed = SippCall.startWithInfo("mixed", "6911", "0640000003",
                List.of(new SippAgent.Press(beforeDial + 4_000, "*9")), beforeDial + 12_000, logs);
        AsteriskRig.eventually(Duration.ofSeconds(40), () -> rig.byNumber("0640000003")
                .filter(r -> r.purposes().stream().filter(RecordedPurpose::live).count() == 1).isPresent());
        mixedAfterStarNine = rig.byNumber("0640000003");
        String otherId = rig.byNumber("0640000009").map(Recording::id).orElse("none");
        otherCallsStop = GatewayRig.http("POST", "/api/recordings/" + otherId + "/stop-and-delete", GatewayRig.AGENT_TOKEN, "");
        missingStop = GatewayRig.http("POST", "/api/recordings/no-such-recording/stop-and-delete", GatewayRig.AGENT_TOKEN, "");
        otherAfterRefusal = rig.byNumber("0640000009");
        mixedCaller = mixed.await();
        mixedAgent = agent.await();

        // 2. quality, objection announced in the notice: *9 while bridged ends the only purpose.
        long notice = rig.millis("notice-quality-will-in-call-objection", "nl");
        SippAgent agent2 = SippAgent.start("agent-service", List.of(new SippAgent.Press(2_000, "")), logs);
        Thread.sleep(300);
        SippCall service = SippCall.startWithInfo("service", "6921", "0640000004",
                List.of(new SippAgent.Press(notice + 4_000, "*9")), notice + 10_000, logs);
        serviceCaller = service.await();
        serviceAgent = agent2.await();
        consent.await();
        objection.await();
        consentRtp.await();
        objectionRtp.await();
        other.await();
    }

    @AfterAll
    static void stop() throws Exception {
        if (rig != null) {
            rig.close();
        }
    }

    @Test
    void starNineLaterInTheCallEndsQualityAndTheRecordingIsFiledForTheContractOnly() throws Exception {
        assertEquals(0, mixedCaller, "caller SIPp");
        assertEquals(0, mixedAgent, "agent SIPp");
        assertEquals(RecordingStatus.ACTIVE, mixedAfterStarNine.orElseThrow().status(), "the recording went on after *9");
        Recording r = rig.ended("0640000003");
        assertEquals(RecordingStatus.FILED, r.status(), r.toString());
        assertEquals(List.of(Purpose.CONTRACT_EVIDENCE), r.purposes().stream().filter(RecordedPurpose::live)
                .map(RecordedPurpose::purpose).toList(), "only the contract purpose is in force");
        assertEquals(List.of("objection"), r.purposes().stream().filter(p -> !p.live()).map(RecordedPurpose::endReason).toList());
        assertTrue(Files.size(Path.of(r.filePath())) > 8_000 * 2 * 4, "audio kept for the contract");
        RecordingQuery byQuality = new RecordingQuery(Optional.empty(), Optional.empty(), Optional.of("0640000003"),
                Optional.of(Purpose.QUALITY), Optional.empty(), Optional.empty(), 10);
        assertTrue(rig.gateway().store().find(byQuality).isEmpty(), "a search by quality no longer finds it");
        List<AuditEvent> ended = rig.gateway().audit().forRecording(r.id()).stream()
                .filter(e -> e.action() == AuditAction.PURPOSES_ENDED).toList();
        assertEquals(1, ended.size());
        assertTrue(ended.getFirst().actor().startsWith("caller:PJSIP/sipp-"), ended.getFirst().actor());
        assertEquals("quality (legitimate-interest)", ended.getFirst().details().get("purposesEnded"));
        assertTrue(rig.gateway().audit().verify().intact());
        assertEquals(List.of("recording-gateway/nl/notice-contract-evidence-quality-will.alaw",
                "recording-gateway/nl/question-objection-quality.alaw",
                "recording-gateway/nl/confirmation-objection-partial.alaw"), played(r.channel()),
                "what Asterisk played to the caller: after *9 the confirmation that quality ended and the contract evidence is kept");
    }

    /** The sound files Asterisk's log says it played on {@code channel}, in order. */
    private static List<String> played(String channel) throws Exception {
        String marker = "<" + channel + "> Playing '";
        return Files.readAllLines(rig.out().resolve("asterisk.log"), StandardCharsets.UTF_8).stream()
                .filter(l -> l.contains(marker))
                .map(l -> l.substring(l.indexOf(marker) + marker.length(), l.indexOf('\'', l.indexOf(marker) + marker.length())))
                .toList();
    }

    @Test
    void starNineOnAQualityLineStopsTheRecordingAndDeletesTheAudio() throws Exception {
        assertEquals(0, serviceCaller, "caller SIPp");
        assertEquals(0, serviceAgent, "agent SIPp");
        Recording r = rig.ended("0640000004");
        assertEquals(RecordingStatus.DELETED, r.status(), r.toString());
        assertFalse(Files.exists(Path.of(r.filePath())));
        assertTrue(rig.gateway().audit().forRecording(r.id()).stream().anyMatch(e -> e.action() == AuditAction.RECORDING_DELETED
                && e.actor().startsWith("caller:PJSIP/sipp-")));
        assertEquals(List.of("recording-gateway/nl/notice-quality-will-in-call-objection.alaw",
                "recording-gateway/nl/confirmation-objection.alaw"), played(r.channel()),
                "no offer after the notice; after *9 the confirmation that the recording stopped and was deleted");
    }

    @Test
    void anAgentsStopAndDeleteOnAnotherCallsRecordingIsRefusedWithoutRevealingIt() throws Exception {
        String body = new String(otherCallsStop.body(), StandardCharsets.UTF_8);
        assertEquals(403, otherCallsStop.statusCode(), body);
        assertEquals(403, missingStop.statusCode());
        assertFalse(body.contains("quality") || body.contains("active") || body.contains("legitimate"), body);
        assertEquals(RecordingStatus.ACTIVE, otherAfterRefusal.orElseThrow().status(), "the other call's recording went on");
        Recording other = rig.ended("0640000009");
        // That call was never put through to anyone, so the gateway does not keep it when it ends (never-bridged),
        // as the gateway, not at the agent's request.
        assertTrue(rig.gateway().audit().forRecording(other.id()).stream()
                .noneMatch(e -> e.actor().startsWith("agent:") || e.action() == AuditAction.PURPOSES_ENDED), other.toString());
        assertTrue(rig.gateway().audit().forRecording(other.id()).stream()
                .anyMatch(e -> e.action() == AuditAction.STOP_AND_DELETE_REFUSED), "the refusal is audited");
    }

    @Test
    void consentAndObjectionAsRfc4733EventsWorkTheSameWay() throws Exception {
        Recording r = rig.ended("0640000005");
        assertTrue(r.choices().consents().getFirst().given(), r.toString());
        assertEquals("1", r.choices().consents().getFirst().keyPressed());
        assertTrue(rig.byNumber("0640000006").isEmpty(), "nothing recorded: " + rig.byNumber("0640000006"));
    }

    @Test
    void consentBySipInfoRecordsWithTheKeyInTheEvidence() throws Exception {
        // Recorded on the consent (the call is never put through, so its audio is not kept when it ends).
        Recording r = rig.ended("0640000001");
        assertTrue(r.choices().consents().getFirst().given(), r.toString());
        assertEquals("1", r.choices().consents().getFirst().keyPressed());
    }

    @Test
    void objectionBySipInfoDuringTheOfferMeansNoRecording() throws Exception {
        assertTrue(rig.byNumber("0640000002").isEmpty(), "nothing recorded: " + rig.byNumber("0640000002"));
        List<AuditEvent> objections = rig.gateway().audit().since(0, 1000).stream()
                .filter(e -> e.action() == AuditAction.OBJECTION).toList();
        assertEquals(2, objections.stream().filter(e -> "offer".equals(e.details().get("during"))).count(),
                "both objections (SIP INFO, RFC 4733) audited as made during the offer: " + objections);
    }
}
