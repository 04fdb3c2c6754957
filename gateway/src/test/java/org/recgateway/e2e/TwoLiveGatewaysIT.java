package org.recgateway.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.recgateway.recording.RecordingStatus;
import org.recgateway.store.Database;
import org.recgateway.testing.AsteriskRig;
import org.recgateway.testing.GatewayProcess;
import org.recgateway.testing.GatewayRig;
import org.recgateway.testing.SippCall;

/**
 * Issue #17 items 2 and 3 on real Asterisk 22: two LIVE gateway processes (the runnable build) on one PostgreSQL
 * database and one recordings directory, both logged in to Asterisk's AMI, so both see every Hangup. Calls are
 * recorded through gateway one; each is filed exactly once (one {@code recording-filed} event per recording,
 * although both gateways tried), and gateway two, started while those recordings run and started again once they are
 * filed, quarantines none of them in its start-up disk audit of the shared directory (before #17 the second gateway
 * quarantined all of the first one's files).
 */
class TwoLiveGatewaysIT {

    @Test
    void bothGatewaysSeeEveryHangupYetEachCallIsFiledOnceAndNeitherQuarantinesTheOthersFiles() throws Exception {
        List<String> numbers = List.of("0613000001", "0613000002", "0613000003");
        try (TwoGatewaysOnPostgres gateways = TwoGatewaysOnPostgres.start("two-live-gateways", "two_live_e2e")) {
            Path logs = gateways.logs;
            try (GatewayProcess one = gateways.one()) {
                List<SippCall> calls = new ArrayList<>();
                for (int i = 0; i < numbers.size(); i++) {
                    calls.add(SippCall.startTalking("through-one-" + i, "120" + (i + 1), numbers.get(i), 40_000, logs));
                }
                for (String number : numbers) {
                    assertTrue(AsteriskRig.eventually(Duration.ofSeconds(40),
                            () -> GatewayKilledIT.statuses(GatewayRig.HTTP_PORT, number).contains("active")),
                            "recording " + number + " through gateway one; see " + one.log());
                }
                // gateway two starts while gateway one's recordings run: its disk audit sees their growing files
                try (GatewayProcess two = gateways.two("gateway-2")) {
                    assertTrue(AsteriskRig.eventually(Duration.ofSeconds(30), () -> !GatewayKilledIT.statuses(GatewayRig.HTTP2_PORT,
                            numbers.getFirst()).isEmpty()), "gateway two answers from the shared store; see " + two.log());
                    for (SippCall call : calls) {
                        assertEquals(0, call.await(), "call " + call + " completed; see " + call.log());
                    }
                    for (String number : numbers) {
                        assertTrue(AsteriskRig.eventually(Duration.ofSeconds(30),
                                () -> GatewayKilledIT.statuses(GatewayRig.HTTP_PORT, number).contains("filed")),
                                "recording of " + number + " filed; have " + GatewayKilledIT.statuses(GatewayRig.HTTP_PORT, number));
                    }
                    Thread.sleep(3_000);  // both gateways' reconciliation (every 2 s) has run over the ended calls
                }
                // and once more, now that the files are filed (and gateway one keeps running)
                try (GatewayProcess again = gateways.two("gateway-2b")) {
                    assertTrue(AsteriskRig.eventually(Duration.ofSeconds(30), () -> GatewayKilledIT.statuses(GatewayRig.HTTP2_PORT,
                            numbers.getFirst()).contains("filed")), "gateway two restarted; see " + again.log());
                }
            }
            Map<String, Integer> filed = gateways.events("recording-filed");
            assertEquals(numbers.size(), filed.size(), "one recording per call filed: " + filed);
            filed.forEach((id, n) -> assertEquals(1, n, "recording-filed events of " + id + ": " + filed));
            assertEquals(Map.of(), gateways.events("recording-quarantined"), "no gateway quarantined a file the other accounts for");
            try (Database database = gateways.database()) {
                assertEquals(List.of(), database.recordings().idsWithStatus(RecordingStatus.QUARANTINED));
            }
            gateways.accountedFor(numbers);
            List<String> verify = new ArrayList<>();
            assertEquals(0, gateways.verifyAudit(gateways.config1, verify), "one audit chain that verifies: " + verify);
        }
    }
}
