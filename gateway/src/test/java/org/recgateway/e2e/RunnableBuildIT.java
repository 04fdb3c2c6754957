package org.recgateway.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runnable build as deploy/README.md installs it: bin/recording-gateway (deploy/bin) and lib/ with
 * the gateway's jar and its dependencies, started without Maven. It starts, answers /health/live, and
 * stops cleanly on SIGTERM; what it prints has no JVM warning screen and no colour codes. Needs no
 * Asterisk (AMI off), so it takes no e2e lock.
 */
class RunnableBuildIT {
    private static final Path REPO = Path.of("").toAbsolutePath().getParent();

    @TempDir
    Path dir;

    private Path install() throws Exception {
        return org.recgateway.testing.GatewayProcess.install(dir.resolve("opt"));
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Test
    void theInstalledBuildStartsWithoutMavenAnswersAndStopsOnSigterm() throws Exception {
        Path start = install();
        int agi = freePort();
        int http = freePort();
        String config = Files.readString(REPO.resolve("config/gateway.yaml"))
                .replace("  port: 4573", "  port: " + agi)
                .replace("  port: 8480", "  port: " + http)
                .replace("ami:\n  enabled: true", "ami:\n  enabled: false")
                .replace("  path: data/recordings.db", "  path: " + dir.resolve("data/recordings.db"))
                .replace("# localDirectory: /var/spool/asterisk/recording-gateway", "localDirectory: " + dir.resolve("rec"));
        Path configFile = dir.resolve("gateway.yaml");
        Files.writeString(configFile, config);
        ProcessBuilder builder = new ProcessBuilder(start.toString(), "run", "--config", configFile.toString())
                .directory(REPO.toFile()).redirectErrorStream(true);
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        Process gateway = builder.start();
        List<String> output = new ArrayList<>();
        BufferedReader reader = new BufferedReader(new InputStreamReader(gateway.getInputStream(), StandardCharsets.UTF_8));
        Thread pump = Thread.ofVirtual().start(() -> reader.lines().forEach(line -> {
            synchronized (output) {
                output.add(line);
            }
        }));
        int status = -1;
        for (int i = 0; i < 300 && status != 200; i++) {   // up to a minute: the JVM starts slowly on a loaded machine
            Thread.sleep(200);
            try (HttpClient client = HttpClient.newHttpClient()) {
                status = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + http + "/health/live")).build(),
                        HttpResponse.BodyHandlers.ofString()).statusCode();
            } catch (java.io.IOException notYet) {
                // starting
            }
        }
        assertEquals(200, status, "live: " + output);
        gateway.destroy(); // SIGTERM
        assertTrue(gateway.waitFor(30, TimeUnit.SECONDS), "stopped on SIGTERM");
        pump.join(5_000);
        assertEquals(143, gateway.exitValue(), "exit after SIGTERM through the shutdown hook");
        String all;
        synchronized (output) {
            all = String.join("\n", output);
        }
        assertTrue(all.contains("recording gateway running"), all);
        assertFalse(all.contains("WARNING:"), "no JVM warning screen: " + all);
        assertFalse(all.contains("\u001b"), "no colour codes: " + all);
    }
}
