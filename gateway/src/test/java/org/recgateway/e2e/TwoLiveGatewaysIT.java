package org.recgateway.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;
import org.recgateway.recording.PhoneNumbers;
import org.recgateway.recording.RecordingStatus;
import org.recgateway.store.Database;
import org.recgateway.testing.AsteriskRig;
import org.recgateway.testing.GatewayProcess;
import org.recgateway.testing.GatewayRig;
import org.recgateway.testing.PostgresRig;
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
        Path out = Path.of("target", "e2e", "two-live-gateways").toAbsolutePath();
        GatewayRig.delete(out);
        Files.createDirectories(out);
        Path logs = out.resolve("sipp");
        PostgresRig postgres = PostgresRig.get();
        postgres.drop("two_live_e2e");
        String url = postgres.database("two_live_e2e");
        Map<String, String> env = Map.of("RECGATEWAY_DB_USER", PostgresRig.USER, "RECGATEWAY_DB_PASSWORD", PostgresRig.PASSWORD);
        List<String> numbers = List.of("0613000001", "0613000002", "0613000003");
        try (AsteriskRig asterisk = AsteriskRig.start(out.resolve("asterisk.log"))) {
            GatewayRig.delete(asterisk.recordingsDirectory());
            Path start = GatewayProcess.install(out.resolve("opt"));
            Path config1 = config(asterisk, out, AsteriskRig.AGI_PORT, GatewayRig.HTTP_PORT, url, 1);
            Path config2 = config(asterisk, out, AsteriskRig.AGI2_PORT, GatewayRig.HTTP2_PORT, url, 2);
            try (GatewayProcess one = GatewayProcess.start(start, config1, GatewayRig.HTTP_PORT, env, out.resolve("gateway-1.log"))) {
                List<SippCall> calls = new ArrayList<>();
                for (int i = 0; i < numbers.size(); i++) {
                    calls.add(SippCall.startTalking("through-one-" + i, "120" + (i + 1), numbers.get(i), 14_000, logs));
                }
                for (String number : numbers) {
                    assertTrue(AsteriskRig.eventually(Duration.ofSeconds(40),
                            () -> GatewayKilledIT.statuses(GatewayRig.HTTP_PORT, number).contains("active")),
                            "recording " + number + " through gateway one; see " + one.log());
                }
                // gateway two starts while gateway one's recordings run: its disk audit sees their growing files
                try (GatewayProcess two = GatewayProcess.start(start, config2, GatewayRig.HTTP2_PORT, env, out.resolve("gateway-2.log"))) {
                    assertTrue(AsteriskRig.eventually(Duration.ofSeconds(30), () -> GatewayKilledIT.statuses(GatewayRig.HTTP2_PORT,
                            numbers.getFirst()).contains("active")), "gateway two answers from the shared store; see " + two.log());
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
                try (GatewayProcess again = GatewayProcess.start(start, config2, GatewayRig.HTTP2_PORT, env, out.resolve("gateway-2b.log"))) {
                    assertTrue(AsteriskRig.eventually(Duration.ofSeconds(30), () -> GatewayKilledIT.statuses(GatewayRig.HTTP2_PORT,
                            numbers.getFirst()).contains("filed")), "gateway two restarted; see " + again.log());
                }
            }
            Map<String, Integer> filed = events(url, "recording-filed");
            assertEquals(numbers.size(), filed.size(), "one recording per call filed: " + filed);
            filed.forEach((id, n) -> assertEquals(1, n, "recording-filed events of " + id + ": " + filed));
            assertEquals(Map.of(), events(url, "recording-quarantined"), "no gateway quarantined a file the other accounts for");
            try (Database database = Database.postgresql(url, PostgresRig.USER, PostgresRig.PASSWORD, 2,
                    PhoneNumbers.withDefaultRegion("NL"))) {
                assertEquals(List.of(), database.recordings().idsWithStatus(RecordingStatus.QUARANTINED));
                GatewayKilledIT.accountedFor(database.recordings(), asterisk.recordingsDirectory(), numbers);
            }
            List<String> verify = new ArrayList<>();
            assertEquals(0, GatewayProcess.command(start, env, verify, "audit", "verify", "--config", config1.toString()),
                    "one audit chain that verifies: " + verify);
        }
    }

    /** Audit events of {@code action} by recording id, straight from the shared database. */
    private static Map<String, Integer> events(String url, String action) throws Exception {
        Map<String, Integer> counts = new TreeMap<>();
        try (Connection c = DriverManager.getConnection(url, PostgresRig.USER, PostgresRig.PASSWORD);
             Statement s = c.createStatement();
             ResultSet rows = s.executeQuery("SELECT recording_id, action FROM audit_events ORDER BY sequence")) {
            while (rows.next()) {
                if (action.equals(rows.getString(2))) {
                    counts.merge(String.valueOf(rows.getString(1)), 1, Integer::sum);
                }
            }
        }
        return counts;
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
