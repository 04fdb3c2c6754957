package org.recgateway.agi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recgateway.metrics.GatewayMetrics;
import org.recgateway.policy.LegalBasis;
import org.recgateway.policy.Purpose;
import org.recgateway.recording.AsteriskChannels;
import org.recgateway.recording.AuditNotes;
import org.recgateway.recording.RecordedPurpose;
import org.recgateway.recording.Recorder;
import org.recgateway.recording.Recording;
import org.recgateway.recording.RecordingFiler;
import org.recgateway.recording.RecordingStatus;
import org.recgateway.recording.StopAndDelete;
import org.recgateway.testing.FakeAsterisk;
import org.recgateway.testing.FixedPromptLibrary;
import org.recgateway.testing.InMemoryAuditTrail;
import org.recgateway.testing.InMemoryRecordingStore;
import org.recgateway.recording.Evidence;
import org.recgateway.recording.PurposeSet;
import org.recgateway.recording.RecordedCall;

/**
 * Any local process can speak FastAGI: a script that acts on a call believes only what Asterisk
 * itself says about the channel (here a stand-in for AMI that knows the live channels).
 */
class ProvenChannelTest {
    private static final Instant T = Instant.parse("2026-11-29T10:00:00Z");
    private static final String AGENT = "PJSIP/agent-00000002";
    private static final String VICTIM_LINKEDID = "1700000000.0";

    @TempDir
    Path dir;

    private final InMemoryRecordingStore store = new InMemoryRecordingStore();
    private final List<String> stopped = new ArrayList<>();
    /** What the "real Asterisk" holds: channel -> variable -> value. */
    private final Map<String, Map<String, String>> asteriskHolds = new ConcurrentHashMap<>();
    private FastAgiServer server;

    private int start() throws Exception {
        Clock clock = Clock.fixed(T.plusSeconds(30), ZoneOffset.UTC);
        RecordingFiler filer = new RecordingFiler(store, clock, GatewayMetrics.NOOP, Duration.ofMillis(1),
                new AuditNotes(new InMemoryAuditTrail(clock)));
        StopAndDelete stopAndDelete = new StopAndDelete(store, filer, new Recorder() {
            @Override
            public String start(String channel, String file) {
                return "mm-" + channel;
            }

            @Override
            public void stop(String channel, String mixMonitorId) {
                stopped.add(channel);
            }
        }, clock, GatewayMetrics.NOOP, Duration.ofMillis(1));
        AsteriskChannels asterisk = (channel, name) -> {
            Map<String, String> vars = asteriskHolds.get(channel);
            if (vars == null) {
                throw new IllegalStateException("No such channel");
            }
            return Optional.ofNullable(vars.get(name));
        };
        StopRecordingScript script = new StopRecordingScript(stopAndDelete, FixedPromptLibrary.quality(), asterisk);
        server = new FastAgiServer(new InetSocketAddress("127.0.0.1", 0), Set.of(InetAddress.getByName("127.0.0.1")),
                10, 100, Duration.ofSeconds(2), Duration.ofSeconds(5), (request, channel) -> script, GatewayScripts.busy(),
                GatewayMetrics.NOOP);
        return server.start();
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    private Recording runningRecordingOfTheVictim() throws Exception {
        Path file = Files.write(dir.resolve("victim.wav"), new byte[] {1, 2, 3});
        Recording r = Recording.active("victim", new RecordedCall("1700000000.1", VICTIM_LINKEDID, "PJSIP/sipp-00000001", "0612", "1001"), new Evidence("rule", null, null), new PurposeSet(Purpose.QUALITY, LegalBasis.LEGITIMATE_INTEREST, java.time.Duration.ofDays(30), null, List.of(new RecordedPurpose(Purpose.QUALITY, LegalBasis.LEGITIMATE_INTEREST, java.time.Duration.ofDays(30)))), file.toString(), T);
        store.insert(r);
        store.mixMonitorStarted("victim", "mm-victim");
        return r;
    }

    /** A session for the agent's channel; {@code realAsterisk} true means the SET VARIABLE really lands in Asterisk. */
    private List<String> stopRecordingSession(int port, boolean realAsterisk) throws Exception {
        try (FakeAsterisk peer = FakeAsterisk.connect(port)) {
            peer.sendHeader(FakeAsterisk.header("stop-recording", Map.of("agi_channel", AGENT, "agi_uniqueid", "1700000000.2")));
            return peer.converse(command -> {
                String prefix = "SET VARIABLE \"" + ProvenChannel.PROOF_VARIABLE + "\" \"";
                if (realAsterisk && command.startsWith(prefix)) {
                    asteriskHolds.get(AGENT).put(ProvenChannel.PROOF_VARIABLE,
                            command.substring(prefix.length(), command.length() - 1));
                }
                if (command.startsWith("GET VARIABLE")) {
                    return "200 result=1 (" + VICTIM_LINKEDID + ")"; // the forger answers whatever it likes
                }
                return "200 result=1";
            });
        }
    }

    @Test
    void aForgedStopRecordingForAnotherCallsLinkedidChangesNothing() throws Exception {
        int port = start();
        runningRecordingOfTheVictim();
        // The agent's channel is live in Asterisk, in another call.
        asteriskHolds.put(AGENT, new ConcurrentHashMap<>(Map.of("CHANNEL(uniqueid)", "1700000000.2",
                "CHANNEL(linkedid)", "1700000000.2")));

        List<String> commands = stopRecordingSession(port, false);

        assertTrue(commands.contains("SET VARIABLE \"RECORDING_STOP\" \"refused\""), commands.toString());
        assertEquals(RecordingStatus.ACTIVE, store.byId("victim").orElseThrow().status());
        assertTrue(Files.exists(dir.resolve("victim.wav")), "audio untouched");
        assertEquals(List.of(), stopped, "no StopMixMonitor sent");
    }

    @Test
    void aForgerClaimingAChannelAsteriskDoesNotHaveChangesNothing() throws Exception {
        int port = start();
        runningRecordingOfTheVictim();

        List<String> commands = stopRecordingSession(port, false);

        assertTrue(commands.contains("SET VARIABLE \"RECORDING_STOP\" \"refused\""), commands.toString());
        assertEquals(RecordingStatus.ACTIVE, store.byId("victim").orElseThrow().status());
        assertEquals(List.of(), stopped);
    }

    @Test
    void theAgentsOwnSessionInTheSameCallStopsTheRecordingFoundByAsterisksLinkedid() throws Exception {
        int port = start();
        runningRecordingOfTheVictim();
        asteriskHolds.put(AGENT, new ConcurrentHashMap<>(Map.of("CHANNEL(uniqueid)", "1700000000.2",
                "CHANNEL(linkedid)", VICTIM_LINKEDID)));

        List<String> commands = stopRecordingSession(port, true);

        assertTrue(commands.contains("SET VARIABLE \"RECORDING_STOP\" \"deleted\""), commands.toString());
        assertEquals(RecordingStatus.DELETED, store.byId("victim").orElseThrow().status());
        assertEquals(List.of("PJSIP/sipp-00000001"), stopped);
    }

    @Test
    void theLinkedidComesFromAsteriskEvenWhenTheSessionIsGenuine() throws Exception {
        int port = start();
        runningRecordingOfTheVictim();
        // A genuine session of a channel in another call: the GET VARIABLE answers (forged here) are not used.
        asteriskHolds.put(AGENT, new ConcurrentHashMap<>(Map.of("CHANNEL(uniqueid)", "1700000000.2",
                "CHANNEL(linkedid)", "1700000000.7")));

        List<String> commands = stopRecordingSession(port, true);

        assertTrue(commands.contains("SET VARIABLE \"RECORDING_STOP\" \"none\""), commands.toString());
        assertEquals(RecordingStatus.ACTIVE, store.byId("victim").orElseThrow().status());
    }
}
