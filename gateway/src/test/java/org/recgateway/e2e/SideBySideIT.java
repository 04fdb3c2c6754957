package org.recgateway.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.recgateway.recording.Recording;
import org.recgateway.recording.RecordingStatus;
import org.recgateway.testing.AsteriskRig;
import org.recgateway.testing.GatewayProcess;
import org.recgateway.testing.GatewayRig;
import org.recgateway.testing.SippCall;

/**
 * The README's two quick-start commands side by side: the quick-start gateway ({@code ./run gateway}: the
 * shipped config/gateway.yaml with its ports unchanged, here as the runnable build with its data in a test
 * directory) runs while the end-to-end rig makes a real recorded call on its own free ports
 * ({@code testing/RigPorts}). Neither collides with the other.
 */
class SideBySideIT {

    @Test
    void theQuickStartGatewayAndTheEndToEndRigRunAtTheSameTime() throws Exception {
        Path out = Path.of("target", "e2e", "side-by-side-quick-start").toAbsolutePath();
        GatewayRig.delete(out);
        Files.createDirectories(out);
        Path shipped = AsteriskRig.repo().resolve("config/gateway.yaml");
        String yaml = Files.readString(shipped);
        int agi = port(yaml, "agi");
        int http = port(yaml, "http");
        int ami = port(yaml, "ami");
        Path config = out.resolve("gateway.yaml");
        Files.writeString(config, yaml.replace("  path: data/recordings.db", "  path: " + out.resolve("data/recordings.db"))
                .replace("  # localDirectory: /var/spool/asterisk/recording-gateway", "  localDirectory: " + out.resolve("recordings")));
        try (GatewayProcess quickStart = GatewayProcess.start(GatewayProcess.install(out.resolve("opt")), config, http, Map.of(),
                out.resolve("quick-start.log"), "/health/live")) {
            assertTrue(listening(agi) && listening(http), "the quick start listens on FastAGI " + agi + " and HTTP " + http);
            assertTrue(AsteriskRig.AGI_PORT != agi && AsteriskRig.AMI_PORT != ami && GatewayRig.HTTP_PORT != http,
                    "the rig's ports differ from the quick start's");
            try (GatewayRig rig = GatewayRig.start("side-by-side", AgentStopsRecordingIT.POLICY)) {
                SippCall call = SippCall.startTalking("side-by-side", "1301", "0613000001",
                        rig.millis("notice-quality-will", "nl") + rig.millis("question-objection", "nl") + 8_000, rig.sippLogs());
                assertEquals(0, call.await(), "the rig's call; see " + call.log());
                Recording r = rig.ended("0613000001");
                assertEquals(RecordingStatus.FILED, r.status(), "recorded and filed by the rig's gateway: " + r);
                assertEquals(rig.audioSha256(r), r.sha256());
            }
            assertTrue(quickStart.alive(), "the quick start still runs; see " + quickStart.log());
            assertEquals(200, quickStart.status("/health/live"), "the quick start still answers");
        }
    }

    /** The {@code port:} of a top-level section of the shipped configuration. */
    private static int port(String yaml, String section) {
        Matcher m = Pattern.compile("(?m)^" + section + ":\\n(?:  .*\\n|\\s*#.*\\n|\\s*\\n)*?  port: (\\d+)").matcher(yaml);
        if (!m.find()) {
            throw new IllegalStateException("config/gateway.yaml has no " + section + ".port");
        }
        return Integer.parseInt(m.group(1));
    }

    private static boolean listening(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 1_000);
            return true;
        } catch (java.io.IOException e) {
            return false;
        }
    }
}
