package org.recgateway.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.recgateway.recording.PhoneNumbers;
import org.recgateway.store.Database;
import org.recgateway.testing.AsteriskRig;
import org.recgateway.testing.GatewayProcess;
import org.recgateway.testing.GatewayRig;
import org.recgateway.testing.PostgresRig;
import org.recgateway.testing.SippAgent;
import org.recgateway.testing.SippCall;

/**
 * Two gateway processes (the runnable build) on one PostgreSQL store, each with AMI to the same real Asterisk 22,
 * and the shipped dialplan's failover (GATEWAY, then GATEWAY2): calls are recorded through gateway one (one of them ends
 * while both gateways watch AMI, and is filed once); gateway one is killed, one call still hearing its notice (gateway
 * two plays it again and records the call)
 * with SIGKILL while they record; new calls are noticed, recorded and filed through gateway two, also a call through
 * the shipped {@code [from-external-recorded]} with its agent notice; gateway two files the dead gateway's recordings
 * at their hangup; with both gateways down a call still connects, unrecorded, with RECORDING_REASON
 * gateway-unreachable. Afterwards no recording is active, every file is accounted for and the one audit chain verifies.
 */
class GatewayFailoverIT {

    @Test
    void gatewayTwoTakesOverWhenGatewayOneIsKilledAndFilesItsRecordings() throws Exception {
        Path out = Path.of("target", "e2e", "gateway-failover").toAbsolutePath();
        GatewayRig.delete(out);
        Files.createDirectories(out);
        Path logs = out.resolve("sipp");
        PostgresRig postgres = PostgresRig.get();
        postgres.drop("failover_e2e");
        String url = postgres.database("failover_e2e");
        Map<String, String> env = Map.of("RECGATEWAY_DB_USER", PostgresRig.USER, "RECGATEWAY_DB_PASSWORD", PostgresRig.PASSWORD);
        try (AsteriskRig asterisk = AsteriskRig.start(out.resolve("asterisk.log"))) {
            GatewayRig.delete(asterisk.recordingsDirectory());
            Path start = GatewayProcess.install(out.resolve("opt"));
            Path config1 = config(asterisk, out, AsteriskRig.AGI_PORT, GatewayRig.HTTP_PORT, url, 1);
            Path config2 = config(asterisk, out, AsteriskRig.AGI2_PORT, GatewayRig.HTTP2_PORT, url, 2);
            List<SippCall> calls = new ArrayList<>();
            try (GatewayProcess one = GatewayProcess.start(start, config1, GatewayRig.HTTP_PORT, env, out.resolve("gateway-1.log"));
                 GatewayProcess two = GatewayProcess.start(start, config2, GatewayRig.HTTP2_PORT, env, out.resolve("gateway-2.log"))) {
                calls.add(SippCall.startTalking("through-one-1", "1201", "0612000001", 35_000, logs));
                calls.add(SippCall.startTalking("through-one-2", "1202", "0612000002", 35_000, logs));
                // a call that ends while both gateways watch Asterisk's AMI: filed once, not once per gateway
                SippCall bothAlive = SippCall.startTalking("both-alive", "1200", "0612000000", 16_000, logs);
                for (String number : List.of("0612000001", "0612000002")) {
                    assertTrue(AsteriskRig.eventually(Duration.ofSeconds(40),
                            () -> GatewayKilledIT.statuses(GatewayRig.HTTP_PORT, number).contains("active")),
                            "recording " + number + " through gateway one; see " + one.log());
                }
                assertEquals(0, bothAlive.await(), "the call while both ran; see " + bothAlive.log());
                assertTrue(AsteriskRig.eventually(Duration.ofSeconds(20),
                        () -> GatewayKilledIT.statuses(GatewayRig.HTTP_PORT, "0612000000").contains("filed")),
                        "the call that ended while both gateways ran was filed; have " + GatewayKilledIT.statuses(GatewayRig.HTTP_PORT, "0612000000"));
                Thread.sleep(2_000);   // both gateways have seen its Hangup
                // a call still hearing its notice from gateway one when it dies: gateway two tells it again and records it
                calls.add(SippCall.startTalking("in-notice", "1205", "0612000007", 32_000, logs));
                Thread.sleep(2_500);
                one.kill();

                calls.add(SippCall.startTalking("through-two-1", "1203", "0612000003", 20_000, logs));
                calls.add(SippCall.startTalking("through-two-2", "1204", "0612000004", 20_000, logs));
                SippAgent agent = SippAgent.start("agent-shipped", List.of(), logs);
                Thread.sleep(300);
                SippCall shipped = SippCall.startTalking("shipped-context", "6001", "0612000005", 25_000, logs);
                calls.add(shipped);
                for (SippCall call : calls) {
                    assertEquals(0, call.await(), "call " + call + " completed; see " + call.log());
                }
                assertEquals(0, agent.await(), "the agent's phone; see " + agent.log());
                List<String> numbers = List.of("0612000000", "0612000001", "0612000002", "0612000003", "0612000004", "0612000005", "0612000007");
                for (String number : numbers) {
                    assertTrue(AsteriskRig.eventually(Duration.ofSeconds(30),
                            () -> GatewayKilledIT.statuses(GatewayRig.HTTP2_PORT, number).contains("filed")),
                            "recording of " + number + " filed by gateway two; have "
                                    + GatewayKilledIT.statuses(GatewayRig.HTTP2_PORT, number) + "; see " + two.log());
                }
                two.kill();

                // both gateways down: the shipped context still puts the call through, unrecorded, and says why
                SippAgent agentBothDown = SippAgent.start("agent-both-down", List.of(), logs);
                Thread.sleep(300);
                SippCall bothDown = SippCall.startTalking("both-down", "6002", "0612000006", 6_000, logs);
                assertEquals(0, bothDown.await(), "the call with both gateways down connected; see " + bothDown.log());
                assertEquals(0, agentBothDown.await(), "the agent answered it; see " + agentBothDown.log());
                assertTrue(Files.readString(out.resolve("asterisk.log")).contains("recording: not-recorded  gateway-unreachable"),
                        "RECORDING_STATUS not-recorded, RECORDING_REASON gateway-unreachable in the shipped context; see "
                                + out.resolve("asterisk.log"));

                List<String> verify = new ArrayList<>();
                assertEquals(0, GatewayProcess.command(start, env, verify, "audit", "verify", "--config", config2.toString()),
                        "one audit chain that verifies: " + verify);
                try (Database database = Database.postgresql(url, PostgresRig.USER, PostgresRig.PASSWORD, 2,
                        PhoneNumbers.withDefaultRegion("NL"))) {
                    GatewayKilledIT.accountedFor(database.recordings(), asterisk.recordingsDirectory(), numbers);
                }
                try (Connection c = DriverManager.getConnection(url, PostgresRig.USER, PostgresRig.PASSWORD);
                     Statement s = c.createStatement();
                     ResultSet twice = s.executeQuery("SELECT recording_id, count(*) FROM audit_events WHERE action = 'recording-filed'"
                             + " GROUP BY recording_id HAVING count(*) > 1")) {
                    List<String> doubles = new ArrayList<>();
                    while (twice.next()) {
                        doubles.add(twice.getString(1) + " x" + twice.getInt(2));
                    }
                    assertEquals(List.of(), doubles, "every recording filed once, although two gateways saw its Hangup");
                }
            }
        }
    }

    private static Path config(AsteriskRig asterisk, Path out, int agi, int http, String url, int n) throws Exception {
        Path file = out.resolve("gateway-" + n + ".yaml");
        Files.writeString(file, GatewayRig.config(asterisk, agi, http, "  url: " + url + "\n",
                        GatewayKilledIT.keys(out, "audit-head-" + n + ".json"), AgentStopsRecordingIT.POLICY)
                .replace("  localDirectory: " + asterisk.recordingsDirectory() + "\n",
                        "  localDirectory: " + asterisk.recordingsDirectory() + "\n  reconcileInterval: 2s\n"));
        return file;
    }
}
