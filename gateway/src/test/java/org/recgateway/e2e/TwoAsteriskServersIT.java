package org.recgateway.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.recgateway.Gateway;
import org.recgateway.GatewayMain;
import org.recgateway.diagnostics.DiagnosticRecording;
import org.recgateway.diagnostics.DiagnosticTicket;
import org.recgateway.policy.Purpose;
import org.recgateway.recording.Recording;
import org.recgateway.recording.RecordingQuery;
import org.recgateway.recording.RecordingStatus;
import org.recgateway.testing.AsteriskRig;
import org.recgateway.testing.GatewayRig;
import org.recgateway.testing.SippAgent;
import org.recgateway.testing.SippCall;

/**
 * Issue #17 item 3 on two REAL Asterisk 22 servers: two Asterisk processes from the one chroot, each with its own
 * configuration, ports and AMI, writing into one shared recordings directory, served by one gateway
 * ({@code ami.servers} pbx1 and pbx2). The second server reaches the gateway's FastAGI from another local address
 * than 127.0.0.1, which its {@code fastAgiFrom} names. A recorded call on each server at once is noticed, recorded and
 * filed with its server named; the agent on the SECOND server switches a diagnostic recording on with its feature code
 * {@code *8} (proven on pbx2's AMI, the notice played into pbx2's bridge, MixMonitor started and stopped there), and it
 * is filed; an administrator switches pbx2's second agent on over the HTTP API (the call is searched on both servers'
 * AMI and found on pbx2), and that is filed too; the disk audit over the shared directory quarantines nothing; with
 * pbx2 stopped, readiness names pbx2. The first calls of the two servers get equal uniqueids: each is its own call.
 */
class TwoAsteriskServersIT {
    private static final Duration MAX_LENGTH = Duration.ofSeconds(4);
    static final String POLICY = """
            policy:
              defaultLanguage: nl
              rules:
                - name: agent-lines
                  when: {called: ["_15XX", "_18XX"]}
                  doNotRecord: the agent line is recorded only for diagnostics, by the agent's switch
              default:
                record: {purpose: quality, notice: notice-quality-will, retention: 30d, objection: {window: 1s}}
            """;

    private static AsteriskRig pbx1;
    private static AsteriskRig pbx2;
    private static Gateway gateway;
    private static Path config;
    private static DiagnosticTicket ticket;
    private static DiagnosticTicket apiTicket;
    private static String apiAnswer = "";
    private static int callersStatus;
    private static int agentStatus;

    /** A local IPv4 address other than loopback: the second Asterisk's FastAGI connections come from it. */
    private static String otherLocalAddress() throws Exception {
        for (NetworkInterface nic : NetworkInterface.networkInterfaces().toList()) {
            if (!nic.isUp() || nic.isLoopback()) {
                continue;
            }
            for (InetAddress a : nic.inetAddresses().toList()) {
                if (a instanceof Inet4Address && !a.isLoopbackAddress() && !a.isLinkLocalAddress()) {
                    return a.getHostAddress();
                }
            }
        }
        throw new IllegalStateException("this machine has no IPv4 address besides loopback; the second Asterisk needs one"
                + " to reach the gateway from an address of its own");
    }

    @BeforeAll
    static void oneCallOnEachServerAndADiagnosticOnTheSecond() throws Exception {
        Path out = Path.of("target", "e2e", "two-asterisk-servers").toAbsolutePath();
        GatewayRig.delete(out);
        Files.createDirectories(out);
        String second = otherLocalAddress();
        pbx1 = AsteriskRig.start(out.resolve("asterisk-pbx1.log"));
        try {
            pbx2 = AsteriskRig.start(out.resolve("asterisk-pbx2.log"), AsteriskRig.second(second));
        } catch (Exception e) {
            pbx1.close();
            throw e;
        }
        GatewayRig.delete(pbx1.recordingsDirectory());
        String ami = """
                ami:
                  pingInterval: 2s
                  servers:
                    - {name: pbx1, host: 127.0.0.1, port: %d, username: recgateway, password: change-me, fastAgiFrom: [127.0.0.1]}
                    - {name: pbx2, host: 127.0.0.1, port: %d, username: recgateway, password: change-me, fastAgiFrom: [%s]}
                """.formatted(pbx1.instance().amiPort(), pbx2.instance().amiPort(), second);
        String yaml = GatewayRig.config(pbx1, AsteriskRig.AGI_PORT, GatewayRig.HTTP_PORT,
                "  path: " + out.resolve("store/recordings.db") + "\n", "", POLICY);
        int from = yaml.indexOf("ami:\n");
        int to = yaml.indexOf("http:\n");
        yaml = yaml.substring(0, from) + ami + yaml.substring(to);
        // FastAGI on every address: pbx2 connects to the gateway at its other local address.
        yaml = yaml.replaceFirst("agi:\n  bind: 127.0.0.1\n", "agi:\n  bind: 0.0.0.0\n");
        config = out.resolve("gateway.yaml");
        Files.writeString(config, yaml);
        gateway = GatewayMain.start(config);
        if (!AsteriskRig.eventually(Duration.ofSeconds(20), () -> ready().statusCode() == 200)) {
            throw new IllegalStateException("the gateway did not log in to both servers' AMI: " + body(ready()));
        }

        Instant now = Instant.now();
        ticket = new DiagnosticTicket("t-2srv", "LINE-2SRV", "kpn", "crackling on the second site's lines", 1, MAX_LENGTH,
                now.plus(Duration.ofHours(1)), now, null).withLimits(1, Duration.ofSeconds(60), false);
        gateway.diagnosticsStore().insertTicket(ticket);

        Path logs = out.resolve("sipp");
        long diagnosticNotice = millis(out, "notice-diagnostic") + 1_000;  // the notice context waits 1 s first
        long press = 2_000;
        // The notice, the objection offer and its 1-s window, then 8 s recorded.
        long talk = millis(out, "notice-quality-will") + millis(out, "question-objection") + 1_000 + 8_000;
        long end = press + diagnosticNotice + MAX_LENGTH.toMillis() + 6_000;
        SippAgent agent = SippAgent.start("agent-pbx2", pbx2.instance().agentPort(), pbx2.instance().agentMediaPort(),
                List.of(new SippAgent.Press(press, "*8"), new SippAgent.Press(end - 2_000, "")), logs);
        // The second agent of pbx2, switched on by an administrator over the HTTP API: its call is searched on both servers.
        SippAgent agent2 = SippAgent.start("agent2-pbx2", pbx2.instance().agent2Port(), pbx2.instance().agent2MediaPort(),
                List.of(new SippAgent.Press(end - 2_000, "")), logs);
        Thread.sleep(300);
        List<SippCall> callers = List.of(
                SippCall.startTalking("recorded-pbx1", "1001", "0660000001", talk, logs, pbx1.instance().sipPort()),
                SippCall.startTalking("recorded-pbx2", "1002", "0660000002", talk, logs, pbx2.instance().sipPort()),
                SippCall.start("diagnostic-pbx2", "caller.xml", "1501", "0660000003", "Diag", end + 6_000, logs,
                        pbx2.instance().sipPort()),
                SippCall.start("api-diagnostic-pbx2", "caller.xml", "1801", "0660000004", "Api", end + 6_000, logs,
                        pbx2.instance().sipPort()));
        // The API's ticket once *8 has taken the first (a *8 picks the one open ticket; the API names its own).
        AsteriskRig.eventually(Duration.ofSeconds(20), () -> !gateway.diagnosticsStore().recordingsOf(ticket.id()).isEmpty());
        apiTicket = new DiagnosticTicket("t-2srv-api", "LINE-2SRV-API", "kpn", "beeping on the second site's lines", 1,
                MAX_LENGTH, now.plus(Duration.ofHours(1)), now, null).withLimits(1, Duration.ofSeconds(60), true);
        gateway.diagnosticsStore().insertTicket(apiTicket);
        Instant until = Instant.now().plusSeconds(15);
        while (!apiAnswer.contains("\"starting\"") && Instant.now().isBefore(until)) {
            Thread.sleep(500);  // until pbx2 has put the call through to agent2 (before that: "not in a bridged call")
            apiAnswer = body(GatewayRig.http("POST", "/api/diagnostics/toggle", GatewayRig.ADMIN_TOKEN,
                    "{\"agent\":\"PJSIP/agent2\",\"ticketId\":\"" + apiTicket.id() + "\"}"));
        }
        int worst = 0;
        for (SippCall c : callers) {
            worst = Math.max(worst, c.await());
        }
        callersStatus = worst;
        agentStatus = Math.max(agent.await(), agent2.await());
    }

    private static long millis(Path out, String prompt) {
        Path repo = AsteriskRig.repo();
        return org.recgateway.prompts.ManifestPromptLibrary.load(repo.resolve("notice-prompts/manifest.json"),
                repo.resolve("notice-prompts/sounds"), "recording-gateway").find(prompt, "nl").orElseThrow()
                .durationSamples() / 8;
    }

    private static java.net.http.HttpResponse<byte[]> ready() {
        try {
            return GatewayRig.http("GET", "/health/ready", GatewayRig.ADMIN_TOKEN, null);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String body(java.net.http.HttpResponse<byte[]> r) {
        return new String(r.body(), StandardCharsets.UTF_8);
    }

    @AfterAll
    static void stop() throws Exception {
        if (gateway != null) {
            gateway.close();
        }
        if (pbx2 != null) {
            pbx2.close();
        }
        if (pbx1 != null) {
            pbx1.close();
        }
    }

    private static Recording ended(String number) throws InterruptedException {
        assertTrue(AsteriskRig.eventually(Duration.ofSeconds(30), () -> gateway.store().find(RecordingQuery.all(100)).stream()
                .anyMatch(r -> number.equals(r.call().callerNumber()) && r.status() != RecordingStatus.ACTIVE
                        && r.purpose() != Purpose.PROVIDER_DIAGNOSTICS)), "no ended recording of " + number);
        return gateway.store().find(RecordingQuery.all(100)).stream().filter(r -> number.equals(r.call().callerNumber())
                && r.purpose() != Purpose.PROVIDER_DIAGNOSTICS).findFirst().orElseThrow();
    }

    @Test
    void everyCallCompleted() {
        assertEquals(0, callersStatus, "callers' SIPp");
        assertEquals(0, agentStatus, "agent's SIPp");
    }

    @Test
    void aRecordedCallOnEachServerIsFiledWithItsServerNamedAndAudioForItsLength() throws Exception {
        for (var expected : List.of(List.of("0660000001", "pbx1"), List.of("0660000002", "pbx2"))) {
            Recording r = ended(expected.get(0));
            assertEquals(RecordingStatus.FILED, r.status(), r.toString());
            assertEquals(expected.get(1), r.call().server(), r.toString());
            assertTrue(r.durationMillis() != null && r.durationMillis() >= 6_000, "audio for the call's length: " + r);
            assertTrue(r.notice() != null && !r.notice().ended().isAfter(r.started()), "the notice came first: " + r);
        }
    }

    @Test
    void theSecondServersAgentSwitchesADiagnosticRecordingOnWithItsFeatureCodeAndItIsFiledThere() throws Exception {
        List<DiagnosticRecording> links = gateway.diagnosticsStore().recordingsOf(ticket.id());
        assertEquals(1, links.size(), "the *8 on pbx2 started one diagnostic recording");
        DiagnosticRecording link = links.getFirst();
        assertTrue(link.noticeHeardBy().contains(link.agentChannel()) && link.noticeHeardBy().contains(link.callerChannel()),
                "both parties in pbx2's bridge heard the notice: " + link);
        assertTrue(AsteriskRig.eventually(Duration.ofSeconds(20), () -> gateway.store().byId(link.recordingId())
                .filter(x -> x.status() == RecordingStatus.FILED).isPresent()), "filed");
        Recording r = gateway.store().byId(link.recordingId()).orElseThrow();
        assertEquals("pbx2", r.call().server(), r.toString());
        assertEquals("0660000003", r.call().callerNumber(), "the caller can find it by number");
        assertTrue(r.durationMillis() <= MAX_LENGTH.toMillis() + 2_000, "stopped on pbx2 at the limit: " + r.durationMillis());
        assertTrue(r.sizeBytes() > 44, "MixMonitor wrote audio: " + r);
    }

    @Test
    void anAdministratorSwitchesOnTheSecondServersAgentOverTheHttpApiAndTheCallIsFoundAndRecordedThere() throws Exception {
        assertTrue(apiAnswer.contains("\"action\":\"starting\""), apiAnswer);
        List<DiagnosticRecording> links = gateway.diagnosticsStore().recordingsOf(apiTicket.id());
        assertEquals(1, links.size());
        DiagnosticRecording link = links.getFirst();
        assertTrue(link.noticeHeardBy().contains(link.agentChannel()) && link.noticeHeardBy().contains(link.callerChannel()),
                link.toString());
        assertTrue(AsteriskRig.eventually(Duration.ofSeconds(20), () -> gateway.store().byId(link.recordingId())
                .filter(x -> x.status() == RecordingStatus.FILED).isPresent()), "filed");
        Recording r = gateway.store().byId(link.recordingId()).orElseThrow();
        assertEquals("pbx2", r.call().server(), r.toString());
        assertEquals("0660000004", r.call().callerNumber());
        assertTrue(r.sizeBytes() > 44, "MixMonitor wrote audio: " + r);
    }

    @Test
    void theDiskAuditOfTheSharedDirectoryQuarantinesNothingAndWithPbx2DownReadinessNamesIt() throws Exception {
        Set<String> accounted = gateway.store().find(RecordingQuery.all(100)).stream().map(Recording::filePath)
                .filter(p -> p != null).map(p -> Path.of(p).getFileName().toString()).collect(Collectors.toSet());
        List<String> onDisk;
        try (Stream<Path> files = Files.walk(pbx1.recordingsDirectory())) {
            onDisk = files.filter(Files::isRegularFile).map(p -> p.getFileName().toString()).toList();
        }
        assertFalse(onDisk.isEmpty());
        assertTrue(accounted.containsAll(onDisk), "every file of both servers is a recording: " + onDisk + " vs " + accounted);
        // A new start runs the disk audit over the shared directory first.
        gateway.close();
        gateway = GatewayMain.start(config);
        assertEquals(List.of(), gateway.store().find(RecordingQuery.all(100)).stream()
                .filter(r -> r.status() == RecordingStatus.QUARANTINED).map(Recording::filePath).toList());

        assertTrue(AsteriskRig.eventually(Duration.ofSeconds(20), () -> ready().statusCode() == 200), body(ready()));
        pbx2.close();
        pbx2 = null;
        assertTrue(AsteriskRig.eventually(Duration.ofSeconds(20), () -> ready().statusCode() == 503));
        String why = body(ready());
        assertTrue(why.contains("pbx2 at 127.0.0.1") && !why.contains("pbx1"), why);
    }
}
