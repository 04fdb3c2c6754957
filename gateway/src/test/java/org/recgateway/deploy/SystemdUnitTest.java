package org.recgateway.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * deploy/systemd/recording-gateway.service passes {@code systemd-analyze verify} without a single
 * warning, and keeps its hardening. The unit names the installed start script
 * (/opt/recording-gateway/bin/...); the check points it at deploy/bin/recording-gateway, the same
 * script, because verify also checks that the executable exists.
 */
class SystemdUnitTest {
    private static final Path REPO = Path.of("").toAbsolutePath().getParent();
    private static final Path UNIT = REPO.resolve("deploy/systemd/recording-gateway.service");

    @TempDir
    Path dir;

    private String verify(String unitText) throws Exception {
        Path copy = dir.resolve("recording-gateway.service");
        Files.writeString(copy, unitText.replace("/opt/recording-gateway/bin/recording-gateway",
                REPO.resolve("deploy/bin/recording-gateway").toString()));
        Process p = new ProcessBuilder("systemd-analyze", "verify", copy.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        return "exit " + p.exitValue() + (out.isBlank() ? "" : ": " + out.strip());
    }

    @Test
    void theUnitPassesSystemdAnalyzeVerifyWithoutWarnings() throws Exception {
        assertEquals("exit 0", verify(Files.readString(UNIT)));
    }

    @Test
    void aMisspelledDirectiveWouldFailTheCheck() throws Exception {
        String broken = Files.readString(UNIT).replace("ProtectSystem=strict", "ProtectSytem=strict");
        assertFalse(verify(broken).equals("exit 0"), "the check sees an unknown key");
    }

    @Test
    void theUnitRunsAsItsOwnUserWithoutPrivilegesOnAReadOnlySystem() throws Exception {
        List<String> lines = Files.readAllLines(UNIT);
        for (String required : List.of("User=recgateway", "NoNewPrivileges=yes", "ProtectSystem=strict", "ProtectHome=yes",
                "PrivateTmp=yes", "CapabilityBoundingSet=", "StateDirectory=recording-gateway",
                "ReadWritePaths=/var/spool/asterisk/recording-gateway", "KillSignal=SIGTERM")) {
            assertTrue(lines.contains(required), "missing " + required);
        }
        assertTrue(Files.isExecutable(REPO.resolve("deploy/bin/recording-gateway")));
    }

    @Test
    void theUnitChoosesTheMeasuredCollectorAndTheScriptRefusesAnyOtherValue() throws Exception {
        assertTrue(Files.readAllLines(UNIT).contains("Environment=RECGATEWAY_GC=-XX:+UseZGC"), "the unit names ZGC (BENCHMARKS.md, GC, session 5)");
        String script = Files.readString(REPO.resolve("deploy/bin/recording-gateway"));
        assertTrue(script.contains("gc=${RECGATEWAY_GC:--XX:+UseZGC}") && script.contains("-XX:+UseZGC) heap=-XX:SoftMaxHeapSize=256m ;;")
                && script.contains("exec \"$java\" \"$gc\" ${heap:+\"$heap\"}"), script);

        ProcessBuilder pb = new ProcessBuilder("sh", REPO.resolve("deploy/bin/recording-gateway").toString(), "--help")
                .redirectErrorStream(true);
        pb.environment().put("RECGATEWAY_GC", "-XX:+UseG1GC -XX:OnError=touch /tmp/x");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(2, p.exitValue(), out);
        assertTrue(out.contains("RECGATEWAY_GC") && out.contains("-XX:+UseZGC (measured default)"), out);
    }
}
