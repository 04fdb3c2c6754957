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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recgateway.metrics.GatewayMetrics;
import org.recgateway.policy.LegalBasis;
import org.recgateway.policy.Purpose;
import org.recgateway.recording.AsteriskChannels;
import org.recgateway.recording.AuditNotes;
import org.recgateway.recording.Evidence;
import org.recgateway.recording.PerServer;
import org.recgateway.recording.PurposeSet;
import org.recgateway.recording.RecordedCall;
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

/**
 * Issue #17 item 3: a feature code's session is proven on the Asterisk server its FastAGI peer belongs to and on no
 * other, acts only on that server's recordings (two servers' linkedids and channel names may be equal), and a session
 * from a peer that belongs to no server is refused without asking any server.
 */
class FeatureCodesOnSeveralServersTest {
    private static final Instant T = Instant.parse("2026-11-29T10:00:00Z");
    private static final String AGENT = "PJSIP/agent-00000002";
    private static final String LINKEDID = "1764543600.1";

    @TempDir
    Path dir;

    private final InMemoryRecordingStore store = new InMemoryRecordingStore();
    private final List<String> asked = new CopyOnWriteArrayList<>();
    /** What each server really holds: server -> channel -> variable -> value. */
    private final Map<String, Map<String, Map<String, String>>> holds = new ConcurrentHashMap<>();
    private FastAgiServer server;

    private int start(Function<InetAddress, String> peerToServer) throws Exception {
        Clock clock = Clock.fixed(T.plusSeconds(30), ZoneOffset.UTC);
        RecordingFiler filer = new RecordingFiler(store, clock, GatewayMetrics.NOOP, Duration.ofMillis(1),
                new AuditNotes(new InMemoryAuditTrail(clock)));
        filer.firstServer("pbx1");
        Map<String, Recorder> recorders = new LinkedHashMap<>();
        Map<String, AsteriskChannels> channels = new LinkedHashMap<>();
        for (String name : List.of("pbx1", "pbx2")) {
            holds.put(name, new ConcurrentHashMap<>());
            recorders.put(name, new Recorder() {
                @Override
                public String start(String channel, String file) {
                    return "mm-" + channel;
                }

                @Override
                public void stop(String channel, String mixMonitorId) {
                    asked.add(name + " stop " + channel + " " + mixMonitorId);
                }
            });
            channels.put(name, (channel, variable) -> {
                asked.add(name + " get " + variable);
                Map<String, String> vars = holds.get(name).get(channel);
                if (vars == null) {
                    throw new IllegalStateException("No such channel");
                }
                return Optional.ofNullable(vars.get(variable));
            });
        }
        StopAndDelete stopAndDelete = new StopAndDelete(store, filer, Recorder.perServer(PerServer.of(recorders)), clock,
                GatewayMetrics.NOOP, Duration.ofMillis(1));
        StopRecordingScript script = new StopRecordingScript(stopAndDelete, FixedPromptLibrary.quality(),
                PerServer.of(channels), peerToServer);
        server = new FastAgiServer(new InetSocketAddress("127.0.0.1", 0), Set.of(InetAddress.getByName("127.0.0.1")),
                10, 100, Duration.ofSeconds(2), Duration.ofSeconds(5), (request, channel) -> script, GatewayScripts.busy(),
                GatewayMetrics.NOOP);
        return server.start();
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    /** A running recording on {@code on}, of a call with the same linkedid on both servers. */
    private void running(String id, String on) throws Exception {
        Path file = Files.write(dir.resolve(id + ".wav"), new byte[] {1, 2, 3});
        store.insert(Recording.active(id, new RecordedCall("1764543600.0", LINKEDID, "PJSIP/caller-00000001", "0612", "1001", on),
                new Evidence("rule", null, null), new PurposeSet(Purpose.QUALITY, LegalBasis.LEGITIMATE_INTEREST,
                        Duration.ofDays(30), null, List.of(new RecordedPurpose(Purpose.QUALITY, LegalBasis.LEGITIMATE_INTEREST,
                        Duration.ofDays(30)))), file.toString(), T));
        store.mixMonitorStarted(id, "mm-" + id);
        // Both servers have an agent channel of that name in a call of that linkedid.
        holds.get(on).put(AGENT, new ConcurrentHashMap<>(Map.of("CHANNEL(uniqueid)", "1764543600.2",
                "CHANNEL(linkedid)", LINKEDID)));
    }

    /** The agent's *9 session; its SET VARIABLE lands in {@code really}'s channel (null: nowhere, a forger). */
    private List<String> session(int port, String really) throws Exception {
        try (FakeAsterisk peer = FakeAsterisk.connect(port)) {
            peer.sendHeader(FakeAsterisk.header("stop-recording", Map.of("agi_channel", AGENT, "agi_uniqueid", "1764543600.2")));
            return peer.converse(command -> {
                String prefix = "SET VARIABLE \"" + ProvenChannel.PROOF_VARIABLE + "\" \"";
                if (really != null && command.startsWith(prefix)) {
                    holds.get(really).get(AGENT).put(ProvenChannel.PROOF_VARIABLE, command.substring(prefix.length(),
                            command.length() - 1));
                }
                return "200 result=1";
            });
        }
    }

    @Test
    void aCodeOnTheSecondServerIsProvenThereAndStopsOnlyThatServersRecordingOfTheLinkedid() throws Exception {
        int port = start(peer -> "pbx2");
        running("on-pbx1", "pbx1");
        running("on-pbx2", "pbx2");

        List<String> commands = session(port, "pbx2");

        assertTrue(commands.contains("SET VARIABLE \"RECORDING_STOP\" \"deleted\""), commands.toString());
        assertEquals(RecordingStatus.DELETED, store.byId("on-pbx2").orElseThrow().status());
        assertEquals(RecordingStatus.ACTIVE, store.byId("on-pbx1").orElseThrow().status(), "pbx1's call is another call");
        assertTrue(asked.contains("pbx2 stop PJSIP/caller-00000001 mm-on-pbx2"), asked.toString());
        assertTrue(asked.stream().noneMatch(a -> a.startsWith("pbx1")), "pbx1 is never asked: " + asked);
    }

    @Test
    void aSessionWhosePeerBelongsToTheSecondServerIsNotProvenByTheFirstServersChannel() throws Exception {
        int port = start(peer -> "pbx2");
        running("on-pbx1", "pbx1");
        running("on-pbx2", "pbx2");

        // The session really runs on pbx1 (its proof lands there), but its peer address is pbx2's.
        List<String> commands = session(port, "pbx1");

        assertTrue(commands.contains("SET VARIABLE \"RECORDING_STOP\" \"refused\""), commands.toString());
        assertEquals(RecordingStatus.ACTIVE, store.byId("on-pbx1").orElseThrow().status());
        assertEquals(RecordingStatus.ACTIVE, store.byId("on-pbx2").orElseThrow().status());
        assertTrue(asked.stream().noneMatch(a -> a.startsWith("pbx1") || a.contains("stop")), asked.toString());
    }

    @Test
    void aSessionFromAPeerThatBelongsToNoServerIsRefusedWithoutAskingAny() throws Exception {
        int port = start(peer -> null);
        running("on-pbx1", "pbx1");

        List<String> commands = session(port, "pbx1");

        assertTrue(commands.contains("SET VARIABLE \"RECORDING_STOP\" \"refused\""), commands.toString());
        assertEquals(RecordingStatus.ACTIVE, store.byId("on-pbx1").orElseThrow().status());
        assertEquals(List.of(), asked);
    }
}
