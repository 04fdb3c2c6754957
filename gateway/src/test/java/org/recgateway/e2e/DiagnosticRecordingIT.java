package org.recgateway.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.recgateway.diagnostics.DiagnosticRecording;
import org.recgateway.diagnostics.DiagnosticTicket;
import org.recgateway.diagnostics.FaultMarker;
import org.recgateway.policy.Purpose;
import org.recgateway.recording.Recording;
import org.recgateway.recording.RecordingStatus;
import org.recgateway.testing.AsteriskRig;
import org.recgateway.testing.GatewayRig;
import org.recgateway.testing.SippAgent;
import org.recgateway.testing.SippCall;

/**
 * The agent's diagnostic recording, end to end: two callers (SIPp) bridged by Asterisk 22 to two agents
 * (two more SIPp) who press *8 at the same moment for the ticket's last slot: one recording results
 * (both parties hear the notice first); its agent presses *7 twice on a one-marker ticket (the second
 * is refused), and *8 again after the automatic stop is refused (one per call). The other agent's call
 * is switched on over HTTP by an administrator on a ticket that allows it. Each recording stops by
 * itself at the ticket's maximum length, and both legs' RTP statistics are filed.
 */
class DiagnosticRecordingIT {
    static final String POLICY = """
            policy:
              defaultLanguage: nl
              rules:
                - name: agent-lines
                  when: {called: ["_15XX", "_17XX", "_18XX"]}
                  doNotRecord: the agent line is recorded only for diagnostics, by the agent's switch
              default:
                record: {purpose: quality, notice: notice-quality-will, retention: 30d, objection: {}}
            """;
    private static final Duration MAX_LENGTH = Duration.ofSeconds(4);

    private static GatewayRig rig;
    private static DiagnosticTicket ticket;
    private static DiagnosticTicket apiTicket;
    private static java.net.http.HttpResponse<byte[]> apiOutcome;
    private static int callerStatus;
    private static int agentStatus;

    @BeforeAll
    static void twoAgentsPressTogetherForTheLastSlotThenTheWinnerMarksTwiceAndPressesAgain() throws Exception {
        rig = GatewayRig.start("diagnostics", POLICY);
        Instant now = Instant.now();
        ticket = new DiagnosticTicket("t-1", "LINE-4711", "kpn", "voices distort on the main line", 1, MAX_LENGTH,
                now.plus(Duration.ofHours(1)), now, null).withLimits(1, Duration.ofSeconds(60), false);
        rig.gateway().diagnosticsStore().insertTicket(ticket);

        long notice = rig.millis("notice-diagnostic", "nl") + 1_000;  // the notice context waits 1 s first
        long together = 2_000;
        long starts = together + notice;
        long again = starts + MAX_LENGTH.toMillis() + 2_000;
        long end = again + notice + MAX_LENGTH.toMillis() + 16_000;
        List<SippAgent.Press> presses = List.of(
                new SippAgent.Press(together, "*8"),
                new SippAgent.Press(starts + 2_000, "*7"),
                new SippAgent.Press(starts + 3_000, "*7"),
                new SippAgent.Press(again, "*8"),
                new SippAgent.Press(end - 2_000, ""));
        SippAgent agent = SippAgent.start("agent", presses, rig.sippLogs());
        SippAgent agent2 = SippAgent.start("agent2", AsteriskRig.AGENT2_PORT, AsteriskRig.AGENT2_MEDIA_PORT, presses, rig.sippLogs());
        long t0 = System.currentTimeMillis();
        Thread.sleep(300);
        // The agents' timelines drift behind the callers' by the time each SIP INFO takes: hang up well after.
        SippCall caller = SippCall.start("caller", "caller.xml", "1501", "0620000001", "Caller", end + 6_000, rig.sippLogs());
        SippCall caller2 = SippCall.start("caller2", "caller.xml", "1801", "0620000002", "Caller2", end + 6_000, rig.sippLogs());
        // The same switch through the HTTP API, for the agent whose call has no recording yet (after both
        // agents' second press, so that neither press can take this ticket).
        Thread.sleep(Math.max(0, again + 6_000 - (System.currentTimeMillis() - t0)));
        apiTicket = new DiagnosticTicket("t-2", "LINE-4712", "kpn", "beeping on the line", 1, MAX_LENGTH,
                now.plus(Duration.ofHours(1)), now, null).withLimits(3, Duration.ofSeconds(60), true);
        rig.gateway().diagnosticsStore().insertTicket(apiTicket);
        String winner = rig.gateway().diagnosticsStore().recordingsOf(ticket.id()).getFirst().agent();
        apiOutcome = GatewayRig.http("POST", "/api/diagnostics/toggle", GatewayRig.ADMIN_TOKEN,
                "{\"agent\":\"" + (winner.equals("PJSIP/agent") ? "PJSIP/agent2" : "PJSIP/agent") + "\",\"ticketId\":\""
                        + apiTicket.id() + "\"}");
        callerStatus = Math.max(caller.await(), caller2.await());
        agentStatus = Math.max(agent.await(), agent2.await());
    }

    @AfterAll
    static void stop() throws Exception {
        if (rig != null) {
            rig.close();
        }
    }

    private static List<Recording> diagnosticRecordings() throws InterruptedException {
        List<DiagnosticRecording> links = rig.gateway().diagnosticsStore().recordingsOf(ticket.id());
        return links.stream().map(l -> rig.gateway().store().byId(l.recordingId()).orElseThrow()).toList();
    }

    @Test
    void theCallCompletedForBothParties() {
        assertEquals(0, callerStatus, "caller SIPp");
        assertEquals(0, agentStatus, "agent SIPp");
    }

    @Test
    void bothPartiesHeardTheNoticeBeforeRecordingBegan() throws Exception {
        List<DiagnosticRecording> links = rig.gateway().diagnosticsStore().recordingsOf(ticket.id());
        assertEquals(1, links.size(), "one recording on the ticket");
        for (DiagnosticRecording link : links) {
            assertTrue(link.noticeHeardBy().contains(link.agentChannel()), "agent heard it: " + link);
            assertTrue(link.noticeHeardBy().contains(link.callerChannel()), "caller heard it: " + link);
            assertFalse(link.callerChannel().isEmpty());
            Recording r = rig.gateway().store().byId(link.recordingId()).orElseThrow();
            assertEquals("notice-diagnostic", r.notice().promptId());
            assertTrue(r.notice().playedToEnd());
            assertFalse(r.notice().ended().isAfter(r.started()), "recording began after the notice ended");
            assertEquals(rig.prompt("notice-diagnostic", "nl").audioSha256(), r.notice().audioSha256());
        }
    }

    @Test
    void eachRecordingStopsByItselfAtTheTicketsMaximumLength() throws Exception {
        for (Recording r : diagnosticRecordings()) {
            assertTrue(AsteriskRig.eventually(Duration.ofSeconds(20), () -> rig.gateway().store().byId(r.id())
                    .filter(x -> x.status() != RecordingStatus.ACTIVE).isPresent()), "filed: " + r.id());
            Recording filed = rig.gateway().store().byId(r.id()).orElseThrow();
            assertEquals(RecordingStatus.FILED, filed.status(), filed.toString());
            assertEquals(Purpose.PROVIDER_DIAGNOSTICS, filed.purpose());
            assertEquals("ticket:LINE-4711", filed.ruleName());
            long millis = filed.durationMillis();
            assertTrue(millis >= MAX_LENGTH.toMillis() - 500 && millis <= MAX_LENGTH.toMillis() + 2_000,
                    "stopped near " + MAX_LENGTH + ", ran " + millis + " ms");
            long size = rig.audio(filed).length;
            assertTrue(size > 44 + 8_000 * 2 * 2 && size <= 44 + 8_000 * 2 * (MAX_LENGTH.toSeconds() + 1),
                    "audio, and no more than the maximum length: " + size + " bytes");
            assertTrue(filed.filePath().endsWith(".wav.enc"), "sealed at rest: " + filed.filePath());
            assertEquals(rig.audioSha256(filed), filed.sha256());
        }
    }

    @Test
    void twoAgentsPressingTogetherForTheLastSlotGiveOneRecordingAndASecondPressInTheCallIsRefused() throws Exception {
        assertEquals(1, diagnosticRecordings().size());
        // The loser at the key press, then both presses after the stop (one per call; the ticket is full).
        assertTrue(rig.gateway().metrics().registry().counter("gateway.recordings", "event", "diagnostic-refused").count() >= 3);
        assertEquals(1, rig.gateway().store().find(org.recgateway.recording.RecordingQuery.byLinkedId(
                diagnosticRecordings().getFirst().linkedId())).stream()
                .filter(r -> r.purpose() == Purpose.PROVIDER_DIAGNOSTICS).count(), "one diagnostic recording in the winner's call");
    }

    @Test
    void theHttpApiToggleFindsTheCallOverAmiAndRecordsAfterTheNotice() throws Exception {
        String answer = new String(apiOutcome.body(), java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(202, apiOutcome.statusCode(), answer);
        assertTrue(answer.contains("\"action\":\"starting\""), answer);
        List<DiagnosticRecording> links = rig.gateway().diagnosticsStore().recordingsOf(apiTicket.id());
        assertEquals(1, links.size());
        DiagnosticRecording link = links.getFirst();
        assertTrue(link.noticeHeardBy().contains(link.agentChannel()) && link.noticeHeardBy().contains(link.callerChannel()),
                link.toString());
        assertTrue(AsteriskRig.eventually(Duration.ofSeconds(20), () -> rig.gateway().store().byId(link.recordingId())
                .filter(x -> x.status() == RecordingStatus.FILED).isPresent()), "filed");
        Recording r = rig.gateway().store().byId(link.recordingId()).orElseThrow();
        assertFalse(r.notice().ended().isAfter(r.started()));
        assertTrue(r.durationMillis() <= MAX_LENGTH.toMillis() + 2_000, "stopped at the limit: " + r.durationMillis());
    }

    @Test
    void theProviderHearsExactlyTheSecondsAroundTheMarkerOfTheRealRecordingThenNoMore() throws Exception {
        Recording first = diagnosticRecordings().getFirst();
        assertTrue(AsteriskRig.eventually(Duration.ofSeconds(20), () -> rig.gateway().store().byId(first.id())
                .filter(x -> x.status() == RecordingStatus.FILED).isPresent()), "filed");
        Instant until = Instant.now().plus(Duration.ofHours(1));
        var granted = GatewayRig.http("POST", "/api/tickets/" + ticket.id() + "/windows", GatewayRig.ADMIN_TOKEN,
                "{\"until\":\"" + until + "\",\"playsPerSample\":1,\"secondsBefore\":1,\"secondsAfter\":1}");
        assertEquals(201, granted.statusCode(), new String(granted.body()));
        var samples = new com.fasterxml.jackson.databind.ObjectMapper().readTree(
                GatewayRig.http("GET", "/api/listening/samples", GatewayRig.PROVIDER_TOKEN, null).body());
        com.fasterxml.jackson.databind.JsonNode sample = null;
        for (var s : samples.get("samples")) {
            if (s.get("recordingId").asText().equals(first.id())) {
                sample = s;
            }
        }
        assertTrue(sample != null, "the provider lists its sample: " + samples);
        double from = sample.get("segments").get(0).get("fromSeconds").asDouble();
        double to = sample.get("segments").get(0).get("toSeconds").asDouble();
        long marker = rig.gateway().diagnosticsStore().markers(first.id()).getFirst().offsetMillis();
        assertEquals(Math.max(0, marker - 1_000) / 1000.0, from, 0.001, "one second before the marker");

        var audio = GatewayRig.http("GET", "/api/listening/samples/" + first.id() + "/audio?segment=0", GatewayRig.PROVIDER_TOKEN, null);
        assertEquals(200, audio.statusCode(), new String(audio.body()));
        byte[] wav = audio.body();
        java.nio.ByteBuffer header = java.nio.ByteBuffer.wrap(wav).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        assertEquals("RIFF", new String(wav, 0, 4, java.nio.charset.StandardCharsets.US_ASCII));
        assertEquals(8_000, header.getInt(24), "8 kHz");
        assertEquals(16, header.getShort(34), "16-bit");
        long allowedBytes = Math.round((to - from) * 8_000) * 2;
        assertEquals(44 + allowedBytes, wav.length, "exactly the allowed seconds, never more");
        assertTrue(first.filePath().endsWith(".wav.enc"), "the provider's sample rests sealed: " + first.filePath());
        byte[] source = rig.audio(rig.gateway().store().byId(first.id()).orElseThrow());
        int offset = 44 + (int) Math.round(from * 8_000) * 2;
        assertTrue(java.util.Arrays.equals(java.util.Arrays.copyOfRange(source, offset, offset + (int) allowedBytes),
                java.util.Arrays.copyOfRange(wav, 44, wav.length)), "the same samples as the recording at those seconds");

        var again = GatewayRig.http("GET", "/api/listening/samples/" + first.id() + "/audio?segment=0", GatewayRig.PROVIDER_TOKEN, null);
        assertEquals(403, again.statusCode(), "plays run out: " + new String(again.body()));
    }

    @Test
    void onceFiledNoPlaintextAudioIsLeftWhereTheGatewayOrAsteriskWrites() throws Exception {
        for (Recording r : diagnosticRecordings()) {
            assertTrue(AsteriskRig.eventually(Duration.ofSeconds(20), () -> rig.gateway().store().byId(r.id())
                    .filter(x -> x.status() != RecordingStatus.ACTIVE).isPresent()), "filed: " + r.id());
        }
        Path spool = rig.asterisk().chrootDirectory().resolve("var/spool/asterisk");
        Path tmp = rig.asterisk().chrootDirectory().resolve("tmp");
        // Every directory the gateway writes, and Asterisk's spool and tmp, except pbx-own/: the PBX's own
        // MixMonitor recordings, made by its dialplan rather than by the gateway (and by other tests in this chroot).
        List<Path> left = GatewayRig.plaintextAudio(rig.asterisk().recordingsDirectory(), spool, tmp, rig.out()).stream()
                .filter(f -> !f.startsWith(spool.resolve("pbx-own"))).toList();
        assertEquals(List.of(), left, "plaintext audio on disk after filing");
        try (var files = Files.walk(rig.asterisk().recordingsDirectory())) {
            assertTrue(files.filter(Files::isRegularFile).allMatch(f -> f.toString().endsWith(".wav.enc")),
                    "only sealed files in the recordings directory");
        }
    }

    @Test
    void aMarkerBeyondTheTicketsCapIsRefusedAndAudited() throws Exception {
        Recording first = diagnosticRecordings().getFirst();
        assertEquals(1, rig.gateway().diagnosticsStore().markers(first.id()).size(), "the cap is 1; the agent pressed *7 twice");
        var events = rig.gateway().audit().forRecording(first.id());
        assertEquals(1, events.stream().filter(e -> e.action() == org.recgateway.audit.AuditAction.FAULT_MARKED
                && "feature-code".equals(e.details().get("how"))).count(), events.toString());
        assertEquals(1, events.stream().filter(e -> e.action() == org.recgateway.audit.AuditAction.FAULT_MARK_REFUSED).count(),
                events.toString());
    }

    @Test
    void theRtpStatisticsOfBothLegsAreFiledWithTheRecording() throws Exception {
        for (Recording r : diagnosticRecordings()) {
            var readings = rig.gateway().diagnosticsStore().lineQuality(r.id());
            assertTrue(readings.stream().anyMatch(q -> q.leg().equals("agent") && q.receivedPackets() > 50), readings.toString());
            assertTrue(readings.stream().anyMatch(q -> q.leg().equals("caller") && q.receivedPackets() > 50), readings.toString());
            assertTrue(readings.stream().allMatch(q -> !q.at().isBefore(r.started())), readings.toString());
        }
    }

    @Test
    void theSwitchIsOnRecordAsTheAgentsByFeatureCodeAndTheAdministratorsByToken() throws Exception {
        for (DiagnosticRecording link : rig.gateway().diagnosticsStore().recordingsOf(ticket.id())) {
            assertTrue(List.of("PJSIP/agent", "PJSIP/agent2").contains(link.agent()), link.toString());
            assertEquals("agent:" + link.agent(), link.switchedBy());
            assertEquals("feature-code", link.how());
        }
        DiagnosticRecording api = rig.gateway().diagnosticsStore().recordingsOf(apiTicket.id()).getFirst();
        assertEquals("token:e2e-admin", api.switchedBy());
        assertEquals("administrator", api.how());
    }

    @Test
    void theFaultMarkerLandsWhereTheAgentPressedIt() throws Exception {
        Recording first = diagnosticRecordings().getFirst();
        List<FaultMarker> markers = rig.gateway().diagnosticsStore().markers(first.id());
        assertEquals(1, markers.size(), markers.toString());
        long offset = markers.getFirst().offsetMillis();
        assertTrue(offset >= 1_000 && offset <= 3_500, "marker about 2 s into the recording, was " + offset + " ms");
    }
}
