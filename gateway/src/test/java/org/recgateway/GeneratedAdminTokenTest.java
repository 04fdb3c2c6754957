package org.recgateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recgateway.config.ConfigLoader;
import org.recgateway.http.ApiTokens;
import org.recgateway.testing.FixedPromptLibrary;

/**
 * The administrator token the gateway generates when no tokens are configured: it works, keeps working across
 * restarts, and once {@code http.tokens} is configured a request with it is refused with a 401 that says why
 * (and what to do), not with "not valid".
 */
class GeneratedAdminTokenTest {
    @TempDir
    Path dir;

    private static int freePort() throws java.io.IOException {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private Path config(String tokens) throws Exception {
        Path repo = org.recgateway.testing.AsteriskRig.repo();
        Path config = dir.resolve("gateway.yaml");
        Files.writeString(config, """
                agi:
                  port: %d
                ami:
                  enabled: false
                http:
                  bind: 127.0.0.1
                  port: %d
                %s
                store:
                  path: %s
                recordings:
                  asteriskDirectory: /var/spool/asterisk/recording-gateway
                  localDirectory: %s
                  minFreeMegabytes: 0
                prompts:
                  manifest: %s
                  sounds: %s
                """.formatted(freePort(), freePort(), tokens, dir.resolve("data/recordings.db"), dir.resolve("rec"),
                repo.resolve("notice-prompts/manifest.json"), repo.resolve("notice-prompts/sounds")));
        return config;
    }

    private static HttpResponse<String> get(Gateway gateway, String token) throws Exception {
        try (HttpClient client = HttpClient.newHttpClient()) {
            return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.httpPort() + "/api/recordings?limit=1"))
                    .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
        }
    }

    private Gateway start(Path config) throws Exception {
        return Gateway.start(ConfigLoader.load(config), new FixedPromptLibrary(List.of()), Clock.systemUTC());
    }

    @Test
    void theGeneratedTokenWorksAcrossRestartsAndIsRefusedWithItsReasonOnceTokensAreConfigured() throws Exception {
        Path file = dir.resolve("data/admin.token");
        String generated;
        try (Gateway gateway = start(config(""))) {
            generated = Files.readString(file).trim();
            assertEquals(200, get(gateway, generated).statusCode());
        }
        try (Gateway gateway = start(config(""))) {
            assertEquals(generated, Files.readString(file).trim(), "the same token after a restart");
            assertEquals(200, get(gateway, generated).statusCode());
        }

        String own = "own-administrator-token-0123456789";
        try (Gateway gateway = start(config("  tokens:\n    - {name: ops, role: administrator, sha256: " + ApiTokens.sha256Hex(own) + "}"))) {
            HttpResponse<String> refused = get(gateway, generated);
            assertEquals(401, refused.statusCode());
            assertTrue(refused.body().contains("generated administrator token") && refused.body().contains("http.tokens is configured")
                    && refused.body().contains("hash-token"), refused.body());
            assertEquals(200, get(gateway, own).statusCode());
            assertEquals(401, get(gateway, "some-other-token-0123456789").statusCode());
            assertTrue(get(gateway, "some-other-token-0123456789").body().contains("not valid"));
        }
    }
}
