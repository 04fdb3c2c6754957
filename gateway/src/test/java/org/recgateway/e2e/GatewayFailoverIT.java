package org.recgateway.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.recgateway.testing.AsteriskRig;
import org.recgateway.testing.GatewayProcess;
import org.recgateway.testing.GatewayRig;
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
        try (TwoGatewaysOnPostgres gateways = TwoGatewaysOnPostgres.start("gateway-failover", "failover_e2e")) {
            Path out = gateways.out;
            Path logs = gateways.logs;
            List<SippCall> calls = new ArrayList<>();
            try (GatewayProcess one = gateways.one();
                 GatewayProcess two = gateways.two("gateway-2")) {
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
                assertEquals(0, gateways.verifyAudit(gateways.config2, verify), "one audit chain that verifies: " + verify);
                gateways.accountedFor(numbers);
                Map<String, Integer> filed = gateways.events("recording-filed");
                assertEquals(List.of(), filed.entrySet().stream().filter(e -> e.getValue() > 1).toList(),
                        "every recording filed once, although two gateways saw its Hangup");
            }
        }
    }
}
