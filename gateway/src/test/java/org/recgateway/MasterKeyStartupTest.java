package org.recgateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recgateway.config.ConfigLoader;
import org.recgateway.testing.FixedPromptLibrary;
import org.recgateway.vault.FileMasterKey;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Start-up with the keys as configured: the first start makes the master key and audit key outside the
 * data directory and says so; a wrong or missing master key, or a missing audit key, stops
 * {@code gateway run} with a message naming the file and what to do; {@code gateway keys rotate}
 * re-wraps without touching audio and the next start still opens everything.
 */
class MasterKeyStartupTest {

    @TempDir
    Path dir;

    private Path config;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeEach
    void writeConfig() throws Exception {
        Path repo = org.recgateway.testing.AsteriskRig.repo();
        config = dir.resolve("gateway.yaml");
        Files.writeString(config, """
                agi:
                  port: %d
                ami:
                  enabled: false
                http:
                  enabled: false
                store:
                  path: %s
                recordings:
                  asteriskDirectory: /var/spool/asterisk/recording-gateway
                  localDirectory: %s
                prompts:
                  manifest: %s
                  sounds: %s
                """.formatted(freePort(), dir.resolve("data/recordings.db"), dir.resolve("rec"),
                repo.resolve("notice-prompts/manifest.json"), repo.resolve("notice-prompts/sounds")));
    }

    private static int freePort() throws java.io.IOException {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private void startAndStop() throws Exception {
        try (Gateway gateway = Gateway.start(ConfigLoader.load(config), new FixedPromptLibrary(List.of()), Clock.systemUTC())) {
            assertTrue(gateway.vault().encrypts(), "encryption at rest is on by default");
        }
    }

    @Test
    void theFirstStartMakesBothKeysBesideTheDataDirectoryNotInIt() throws Exception {
        startAndStop();

        assertTrue(Files.exists(dir.resolve("keys/master-key.json")));
        assertTrue(Files.exists(dir.resolve("keys/audit-chain.key")));
        assertEquals(0, run("audit", "--config", config.toString(), "verify"), err());
        assertTrue(Files.readString(dir.resolve("data/audit-head.json")).startsWith("{\"sequence\": 1, \"hash\": \""),
                "the head is checkpointed beside the store");
        try (var files = Files.walk(dir.resolve("data"))) {
            assertFalse(files.anyMatch(f -> f.getFileName().toString().startsWith("master-key")
                    || f.getFileName().toString().startsWith("audit-chain")), "neither key is in the data directory");
        }
        startAndStop();  // and the second start opens them again
    }

    @Test
    void aWrongMasterKeyStopsStartUpNamingTheFile() throws Exception {
        startAndStop();
        Path other = dir.resolve("elsewhere/master-key.json");
        FileMasterKey.create(other);
        Files.move(other, dir.resolve("keys/master-key.json"), StandardCopyOption.REPLACE_EXISTING);

        assertEquals(2, run("run", "--config", config.toString()));
        assertTrue(err().contains(dir.resolve("keys/master-key.json") + " is not the key this database's recordings were sealed with"),
                err());
    }

    @Test
    void aMissingMasterKeyStopsStartUpInsteadOfMakingANewOne() throws Exception {
        startAndStop();
        Files.delete(dir.resolve("keys/master-key.json"));

        assertEquals(2, run("run", "--config", config.toString()));
        assertTrue(err().contains("does not exist, but this database holds data keys wrapped by a master key"), err());
        assertFalse(Files.exists(dir.resolve("keys/master-key.json")));
    }

    @Test
    void aMissingAuditKeyStopsStartUpOnceTheTrailHasEvents() throws Exception {
        startAndStop();
        assertEquals(0, run("audit", "--config", config.toString(), "verify"), err());  // the trail has an event now
        Files.delete(dir.resolve("keys/audit-chain.key"));

        assertEquals(2, run("run", "--config", config.toString()));
        assertTrue(err().contains("the audit key file " + dir.resolve("keys/audit-chain.key") + " does not exist"), err());
    }

    @Test
    void aKeyFileInsideTheDataDirectoryIsAConfigurationError() throws Exception {
        Files.writeString(config, Files.readString(config) + "keys:\n  masterKeyFile: " + dir.resolve("data/master.json") + "\n");

        assertEquals(2, run("check-config", config.toString()));
        assertTrue(err().contains("masterKeyFile"), err());
        assertTrue(err().contains("lies inside the data directory"), err());
    }

    @Test
    void rotationRewrapsEveryKeyAndTheGatewayStillStarts() throws Exception {
        startAndStop();
        String before = Files.readString(dir.resolve("keys/master-key.json"));

        assertEquals(0, run("keys", "--config", config.toString(), "rotate"), err());
        JsonNode rotated = new ObjectMapper().readTree(out());
        assertEquals(2, rotated.get("masterKeys").asInt());
        assertEquals(1, rotated.get("rewrapped").asInt(), "the key check (no recording yet)");
        assertEquals(0, run("keys", "--config", config.toString(), "retire-old"), err());
        assertEquals(1, new ObjectMapper().readTree(out()).get("masterKeys").asInt());
        assertFalse(Files.readString(dir.resolve("keys/master-key.json")).equals(before));

        startAndStop();
        assertEquals(0, run("audit", "--config", config.toString(), "list"), err());
        assertTrue(out().contains("master-key-rotated") && out().contains("master-key-retired"), out());
        assertTrue(out().contains("\"actor\" : \"cli:" + System.getProperty("user.name") + "\""), out());
    }

    private int run(String... args) throws Exception {
        out.reset();
        err.reset();
        return GatewayMain.run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }
}
