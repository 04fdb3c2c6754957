package org.recgateway.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.recgateway.recording.PhoneNumbers;
import org.recgateway.recording.Recording;
import org.recgateway.recording.RecordingQuery;
import org.recgateway.recording.RecordingStatus;
import org.recgateway.recording.RecordingStore;
import org.recgateway.store.Database;
import org.recgateway.testing.AsteriskRig;
import org.recgateway.testing.GatewayProcess;
import org.recgateway.testing.GatewayRig;
import org.recgateway.testing.SippCall;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * {@code kill -9} of the gateway PROCESS (the runnable build, started without Maven) while calls are being recorded,
 * on real Asterisk 22 with SIPp callers who keep talking. The calls run on (Asterisk and MixMonitor do not need the
 * gateway once recording runs); a call that is hearing its notice when the gateway dies, and a call that arrives
 * while the gateway is down, are put through unrecorded (the shipped lines set RECORDING_STATUS); after the
 * restart the dead gateway's recordings are filed by reconciliation (their calls ended meanwhile), new calls are
 * noticed and recorded again, and nothing on disk is unaccounted for. The Asterisk restart mid-call is
 * {@code NoticeThenRecordIT#recordingActiveWhileAsteriskRestartsIsFiledWhenAmiComesBack}.
 */
class GatewayKilledIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void callsOutliveAKilledGatewayAndEveryFileIsAccountedForAfterItsRestart() throws Exception {
        Path out = Path.of("target", "e2e", "gateway-killed").toAbsolutePath();
        GatewayRig.delete(out);
        Files.createDirectories(out);
        Path logs = out.resolve("sipp");
        try (AsteriskRig asterisk = AsteriskRig.start(out.resolve("asterisk.log"))) {
            GatewayRig.delete(asterisk.recordingsDirectory());
            Path start = GatewayProcess.install(out.resolve("opt"));
            Path db = out.resolve("store/recordings.db");
            Path config = out.resolve("gateway.yaml");
            Files.writeString(config, GatewayRig.config(asterisk, AsteriskRig.AGI_PORT, GatewayRig.HTTP_PORT,
                    "  path: " + db + "\n", keys(out, "audit-head.json"), AgentStopsRecordingIT.POLICY).replace("  localDirectory: " + asterisk.recordingsDirectory() + "\n",
                    "  localDirectory: " + asterisk.recordingsDirectory() + "\n  reconcileInterval: 2s\n"));

            List<SippCall> calls = new ArrayList<>();
            try (GatewayProcess first = GatewayProcess.start(start, config, GatewayRig.HTTP_PORT, Map.of(), out.resolve("gateway-1.log"))) {
                calls.add(SippCall.startTalking("killed-1", "1101", "0611000001", 30_000, logs));
                calls.add(SippCall.startTalking("killed-2", "1102", "0611000002", 30_000, logs));
                for (String number : List.of("0611000001", "0611000002")) {
                    assertTrue(AsteriskRig.eventually(Duration.ofSeconds(40), () -> statuses(GatewayRig.HTTP_PORT, number).contains("active")),
                            "recording " + number + " before the kill; see " + first.log());
                }
                // a third call is in its notice when the gateway dies: the dialplan goes on and puts it through, unrecorded
                calls.add(SippCall.startTalking("in-notice", "1105", "0611000005", 20_000, logs));
                Thread.sleep(2_500);   // the first two bridged and MixMonitor writing; the third hears the notice
                first.kill();
            }
            Thread.sleep(3_000);
            for (SippCall call : calls) {
                assertTrue(call.running(), "call " + call + " still runs after the gateway died");
            }
            // a call while the gateway is down: Asterisk's AGI fails, the call still connects (unrecorded)
            SippCall whileDown = SippCall.startTalking("while-down", "1103", "0611000003", 6_000, logs);
            assertEquals(0, whileDown.await(), "the call while the gateway was down completed; see " + whileDown.log());
            for (SippCall call : calls) {
                assertEquals(0, call.await(), "the call that outlived the gateway completed; see " + call.log());
            }

            try (GatewayProcess second = GatewayProcess.start(start, config, GatewayRig.HTTP_PORT, Map.of(), out.resolve("gateway-2.log"))) {
                for (String number : List.of("0611000001", "0611000002")) {
                    assertTrue(AsteriskRig.eventually(Duration.ofSeconds(30), () -> {
                        List<String> s = statuses(GatewayRig.HTTP_PORT, number);
                        return !s.isEmpty() && !s.contains("active");
                    }), "the dead gateway's recording " + number + " was filed after the restart; have " + statuses(GatewayRig.HTTP_PORT, number));
                }
                SippCall after = SippCall.startTalking("after-restart", "1104", "0611000004", 20_000, logs);
                assertEquals(0, after.await(), "the call after the restart; see " + after.log());
                assertTrue(AsteriskRig.eventually(Duration.ofSeconds(20), () -> statuses(GatewayRig.HTTP_PORT, "0611000004").contains("filed")),
                        "the call after the restart was noticed, recorded and filed; have " + statuses(GatewayRig.HTTP_PORT, "0611000004"));
                second.stop();
            }
            List<String> verify = new ArrayList<>();
            assertEquals(0, GatewayProcess.command(start, Map.of(), verify, "audit", "verify", "--config", config.toString()),
                    "one audit chain that verifies: " + verify);
            String dialplan = Files.readString(out.resolve("asterisk.log")).replaceAll("\u001b\\[[0-9;]*m", "");
            assertTrue(dialplan.contains("Executing [1105@recorded:7] Dial("),
                    "the call in its notice when the gateway died was put through; see " + out.resolve("asterisk.log"));
            assertTrue(dialplan.lines().anyMatch(l -> l.contains("[1105@recorded:6] UserEvent(") && l.contains("RecordingStatus: not-recorded")),
                    "and the dialplan was told not-recorded");
            try (Database database = Database.sqlite(db, PhoneNumbers.withDefaultRegion("NL"))) {
                accountedFor(database.recordings(), asterisk.recordingsDirectory(), List.of("0611000001", "0611000002", "0611000004"));
                assertTrue(database.recordings().find(RecordingQuery.all(1000)).stream()
                        .noneMatch(r -> r.callerNumber() != null && r.callerNumber().contains("611000003")), "the call while the gateway was down was not recorded");
            }
        }
    }

    /** The keys section: master key, audit key and the audit head file under {@code out}. */
    static String keys(Path out, String headFile) {
        return "keys:\n  masterKeyFile: " + out.resolve("keys/master-key.json") + "\n  auditKeyFile: " + out.resolve("keys/audit-chain.key")
                + "\n  auditHeadFile: " + out.resolve(headFile) + "\n";
    }

    /**
     * Every recording of {@code numbers} is filed, none is left active, and every file under the recordings
     * directory is one the store accounts for (filed, flagged or quarantined).
     */
    static void accountedFor(RecordingStore store, Path recordings, List<String> numbers) throws Exception {
        List<Recording> all = store.find(RecordingQuery.all(1000));
        assertTrue(store.active().isEmpty(), "no recording left active: " + store.active());
        for (String number : numbers) {
            List<Recording> of = all.stream().filter(r -> r.callerNumber() != null && r.callerNumber().endsWith(number.substring(1))).toList();
            assertFalse(of.isEmpty(), "a recording of " + number + " in " + all);
            for (Recording r : of) {
                assertEquals(RecordingStatus.FILED, r.status(), "filed: " + r);
            }
        }
        try (Stream<Path> files = Files.walk(recordings)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                assertTrue(store.knowsFile(f.toAbsolutePath().normalize().toString()), "unaccounted file " + f);
            }
        }
    }

    /** The statuses of the recordings of {@code number}, through the administrator's API on {@code port}. */
    static List<String> statuses(int port, String number) {
        try {
            var response = GatewayRig.http(port, "GET", "/api/recordings?number=" + number, GatewayRig.ADMIN_TOKEN, null);
            if (response.statusCode() != 200) {
                return List.of();
            }
            JsonNode tree = JSON.readTree(response.body());
            return tree.findValuesAsText("status");
        } catch (Exception notAnswering) {
            return List.of();
        }
    }
}
