package org.recgateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recgateway.config.ConfigLoader;
import org.recgateway.config.GatewayConfig;
import org.recgateway.policy.LegalBasis;
import org.recgateway.policy.Purpose;
import org.recgateway.recording.Evidence;
import org.recgateway.recording.PurposeSet;
import org.recgateway.recording.RecordedCall;
import org.recgateway.recording.Recording;
import org.recgateway.recording.RecordingFiles;
import org.recgateway.recording.RecordingStatus;
import org.recgateway.recording.SharedDirectory;
import org.recgateway.store.Database;
import org.recgateway.testing.AsteriskRig;
import org.recgateway.testing.FixedPromptLibrary;

/**
 * The shared-directory rule at start-up, with the gateway's own wiring: a gateway whose recordings directory holds another
 * gateway's recording, filed on the same store under another path, refuses to start (its start-up disk audit raises the
 * mismatch) and quarantines nothing.
 */
class SharedDirectoryStartupTest {
    private static final String ID = "0f1e2d3c-4b5a-4697-8877-665544332211";
    private static final Instant STARTED = Instant.parse("2026-11-30T09:59:00Z");

    @TempDir
    Path dir;

    @Test
    void aGatewaySeeingTheSharedDirectoryAtAnotherPathRefusesToStartAndQuarantinesNothing() throws Exception {
        Path repo = AsteriskRig.repo();
        Path mine = dir.resolve("mnt/recordings");
        Path config = Files.writeString(dir.resolve("gateway.yaml"), """
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
                """.formatted(freePort(), dir.resolve("data/recordings.db"), mine, repo.resolve("notice-prompts/manifest.json"),
                repo.resolve("notice-prompts/sounds")));
        GatewayConfig loaded = ConfigLoader.load(config);
        String relative = new RecordingFiles("/unused", mine, "wav").relative(ID, STARTED);
        try (Database database = Gateway.database(loaded)) {
            database.recordings().insert(Recording.active(ID, new RecordedCall("1.1", "1.0", "PJSIP/x", "06", "1001"),
                    new Evidence("default", null, null), new PurposeSet(Purpose.QUALITY, LegalBasis.LEGITIMATE_INTEREST,
                            Duration.ofDays(30), null, List.of()), "/srv/recordings/" + relative, STARTED)
                    .filed(STARTED.plusSeconds(60), 3, "ab", RecordingStatus.FILED));
        }
        Files.createDirectories(mine.resolve(relative).getParent());
        Files.write(mine.resolve(relative), new byte[] {1, 2, 3});

        SharedDirectory.Mismatch refused = assertThrows(SharedDirectory.Mismatch.class, () -> {
            try (Gateway started = Gateway.start(loaded, new FixedPromptLibrary(List.of()), Clock.systemUTC())) {
                assertTrue(started.vault() != null, "unreachable: the start is refused");
            }
        });

        assertTrue(refused.getMessage().contains("at /srv/recordings here too"), refused.getMessage());
        try (Database database = Gateway.database(loaded)) {
            assertEquals(List.of(), database.recordings().idsWithStatus(RecordingStatus.QUARANTINED));
        }
    }

    private static int freePort() throws java.io.IOException {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
