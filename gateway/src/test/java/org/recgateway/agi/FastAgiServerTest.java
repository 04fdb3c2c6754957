package org.recgateway.agi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recgateway.metrics.MicrometerGatewayMetrics;
import org.recgateway.policy.CallAttributes;
import org.recgateway.policy.LegalBasis;
import org.recgateway.policy.PolicyDecision;
import org.recgateway.policy.Purpose;
import org.recgateway.recording.AuditNotes;
import org.recgateway.recording.NoticeThenRecord;
import org.recgateway.recording.Recording;
import org.recgateway.recording.RecordingFiler;
import org.recgateway.recording.RecordingFiles;
import org.recgateway.recording.RecordingStatus;
import org.recgateway.testing.FakeAsterisk;
import org.recgateway.testing.FixedPromptLibrary;
import org.recgateway.testing.InMemoryAuditTrail;
import org.recgateway.testing.InMemoryRecordingStore;

class FastAgiServerTest {
    private static final Instant NOW = Instant.parse("2026-11-29T10:15:30Z");

    @TempDir
    Path recordings;

    private final InMemoryRecordingStore store = new InMemoryRecordingStore();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private FastAgiServer server;
    private final List<CallAttributes> decided = new java.util.concurrent.CopyOnWriteArrayList<>();

    private int start(int maxSessions, Set<InetAddress> allowed) throws Exception {
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        MicrometerGatewayMetrics metrics = new MicrometerGatewayMetrics(registry);
        RecordingFiles files = new RecordingFiles("/var/spool/asterisk/recording-gateway", recordings, "wav");
        RecordingFiler filer = new RecordingFiler(store, clock, metrics, Duration.ofMillis(10), new AuditNotes(new InMemoryAuditTrail(java.time.Clock.systemUTC())));
        NoticeThenRecord lifecycle = new NoticeThenRecord(c -> {
            decided.add(c);
            return policy(c);
        }, FixedPromptLibrary.quality(),
                store, files, filer, clock, metrics, new java.util.Random(1));
        server = new FastAgiServer(new InetSocketAddress("127.0.0.1", 0), allowed, maxSessions, maxSessions + 1000,
                Duration.ofMillis(500), Duration.ofSeconds(5), GatewayScripts.of(lifecycle), GatewayScripts.busy(), metrics);
        return server.start();
    }

    private static PolicyDecision policy(CallAttributes call) {
        if (call.calledNumber().startsWith("2")) {
            return new PolicyDecision.DoNotRecord("internal", "internal calls");
        }
        return new PolicyDecision.Record("default", Purpose.QUALITY, LegalBasis.LEGITIMATE_INTEREST, "notice-quality",
                "nl", Duration.ofDays(30));
    }

    @AfterEach
    void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    private int startLocal() throws Exception {
        return start(100, Set.of(InetAddress.getByName("127.0.0.1")));
    }

    @Test
    void recordedCallHearsTheNoticeBeforeMixMonitorStarts() throws Exception {
        int port = startLocal();
        List<String> commands;
        try (FakeAsterisk asterisk = FakeAsterisk.connect(port)) {
            asterisk.sendHeader(FakeAsterisk.header("record", Map.of()));
            commands = asterisk.converse(c -> asterisk.asteriskReplies(c, FixedPromptLibrary.QUALITY_SAMPLES));
        }
        int notice = indexOf(commands, "STREAM FILE \"recording-gateway/nl/notice-quality\"");
        int mixMonitor = indexOf(commands, "EXEC \"MixMonitor\"");
        assertTrue(notice >= 0 && mixMonitor > notice, "notice before MixMonitor: " + commands);
        assertTrue(commands.contains("SET VARIABLE \"RECORDING_STATUS\" \"recording\""), commands.toString());

        Recording r = store.all().getFirst();
        assertEquals(RecordingStatus.ACTIVE, r.status());
        assertTrue(r.notice().playedToEnd());
        assertEquals("0612345678", r.callerNumber());
        assertEquals("1700000000.1", r.uniqueId());
        assertEquals("1700000000.1", r.linkedId(), "the call's linkedid as Asterisk answered it: the first channel's uniqueid");
        String expectedFile = "/var/spool/asterisk/recording-gateway/2026/11/29/" + r.id() + ".wav";
        assertEquals("EXEC \"MixMonitor\" \"" + expectedFile + ",i(RECORDING_MIXMONITOR_ID)\"", commands.get(mixMonitor));
        assertTrue(commands.contains("SET VARIABLE \"RECORDING_ID\" \"" + r.id() + "\""), commands.toString());
        // every channel the recorded call dials inherits the recording's id (the called party's dialplan fails safe on it),
        // and the status comes last, so a status the dialplan sees always has its reason and id
        int marker = indexOf(commands, "SET VARIABLE \"__RECORDING_IN_CALL\" \"" + r.id() + "\"");
        int status = indexOf(commands, "SET VARIABLE \"RECORDING_STATUS\"");
        assertTrue(marker > mixMonitor && status > marker && status > indexOf(commands, "SET VARIABLE \"RECORDING_REASON\""),
                commands.toString());
    }

    @Test
    void recordCalledDecidesOnTheDiallingContextAndNumberAndRecordsTheCalledPartysChannelAfterTheirNotice() throws Exception {
        int port = startLocal();
        List<String> commands;
        try (FakeAsterisk asterisk = FakeAsterisk.connect(port)) {
            // Dial's U(recording-gateway-called-party-notice^${CONTEXT}^${EXTEN}) on the called party's channel
            asterisk.sendHeader(FakeAsterisk.header("record-called", Map.of("agi_channel", "PJSIP/trunk-00000002",
                    "agi_uniqueid", "1700000000.2", "agi_context", "recording-gateway-called-party-notice",
                    "agi_extension", "s", "agi_dnid", "unknown", "agi_callerid", "201",
                    "agi_arg_1", "agents-out", "agi_arg_2", "0201234567")));
            // The called party's channel belongs to the caller's call: its linkedid is the caller's uniqueid.
            commands = asterisk.converse(c -> c.contains("CHANNEL(linkedid)") ? "200 result=1 (1700000000.1)"
                    : asterisk.asteriskReplies(c, FixedPromptLibrary.QUALITY_SAMPLES));
        }
        CallAttributes call = decided.getFirst();
        assertEquals(org.recgateway.policy.Direction.OUTBOUND, call.direction());
        assertEquals("agents-out", call.context());
        assertEquals("0201234567", call.calledNumber());
        assertEquals(List.of(), call.arguments(), "the two arguments the snippet passes are not rule arguments");
        int notice = indexOf(commands, "STREAM FILE \"recording-gateway/nl/notice-quality\"");
        int mixMonitor = indexOf(commands, "EXEC \"MixMonitor\"");
        assertTrue(notice >= 0 && mixMonitor > notice, "notice before MixMonitor: " + commands);
        Recording r = store.all().getFirst();
        assertEquals("PJSIP/trunk-00000002", r.channel());
        assertEquals("1700000000.1", r.linkedId());
        assertEquals("0201234567", r.calledNumber());
    }

    @Test
    void callerWhoHangsUpDuringTheNoticeIsNotRecorded() throws Exception {
        int port = startLocal();
        List<String> commands;
        try (FakeAsterisk asterisk = FakeAsterisk.connect(port)) {
            asterisk.sendHeader(FakeAsterisk.header("record", Map.of()));
            commands = asterisk.converse(c -> c.startsWith("STREAM FILE") ? "200 result=-1 endpos=8000"
                    : asterisk.asteriskReplies(c, FixedPromptLibrary.QUALITY_SAMPLES));
        }
        assertEquals(-1, indexOf(commands, "EXEC"), commands.toString());
        assertTrue(commands.contains("SET VARIABLE \"RECORDING_STATUS\" \"not-recorded\""), commands.toString());
        assertTrue(store.all().isEmpty());
    }

    @Test
    void noticeCutShortIsNotRecordedEvenWithoutHangup() throws Exception {
        int port = startLocal();
        List<String> commands;
        try (FakeAsterisk asterisk = FakeAsterisk.connect(port)) {
            asterisk.sendHeader(FakeAsterisk.header("record", Map.of()));
            commands = asterisk.converse(c -> c.startsWith("STREAM FILE") ? "200 result=0 endpos=16000"
                    : asterisk.asteriskReplies(c, FixedPromptLibrary.QUALITY_SAMPLES));
        }
        assertEquals(-1, indexOf(commands, "EXEC"), commands.toString());
        assertTrue(commands.contains("SET VARIABLE \"RECORDING_REASON\" \"notice-incomplete\""), commands.toString());
    }

    @Test
    void policySaysDoNotRecordSoNoNoticePlaysAndNothingRecords() throws Exception {
        int port = startLocal();
        List<String> commands;
        try (FakeAsterisk asterisk = FakeAsterisk.connect(port)) {
            asterisk.sendHeader(FakeAsterisk.header("record", Map.of("agi_dnid", "2001", "agi_extension", "2001")));
            commands = asterisk.converse(c -> asterisk.asteriskReplies(c, FixedPromptLibrary.QUALITY_SAMPLES));
        }
        assertEquals(-1, indexOf(commands, "STREAM FILE"), commands.toString());
        assertEquals(-1, indexOf(commands, "EXEC"), commands.toString());
        assertTrue(commands.contains("SET VARIABLE \"RECORDING_REASON\" \"policy\""), commands.toString());
        assertEquals(-1, indexOf(commands, "SET VARIABLE \"__RECORDING_IN_CALL\""), "an unrecorded call is not marked: " + commands);
    }

    @Test
    void callerIdFullOfShellAndDialplanSyntaxNeverReachesACommand() throws Exception {
        int port = startLocal();
        String evil = "06;rm -rf /|${SHELL(id)},\"x\"'y'{z}../../etc/passwd";
        List<String> commands;
        try (FakeAsterisk asterisk = FakeAsterisk.connect(port)) {
            asterisk.sendHeader(FakeAsterisk.header("record", Map.of("agi_callerid", evil, "agi_calleridname", evil)));
            commands = asterisk.converse(c -> asterisk.asteriskReplies(c, FixedPromptLibrary.QUALITY_SAMPLES));
        }
        for (String command : commands) {
            assertFalse(command.contains("rm -rf") || command.contains("SHELL") || command.contains("../")
                    || command.contains("passwd"), "caller input reached a command: " + command);
        }
        Recording r = store.all().getFirst();
        assertEquals(evil, r.callerNumber(), "caller ID is kept as data");
        assertTrue(r.filePath().endsWith("/2026/11/29/" + r.id() + ".wav"), r.filePath());
    }

    @Test
    void unknownScriptNameRunsNothing() throws Exception {
        int port = startLocal();
        List<String> commands;
        try (FakeAsterisk asterisk = FakeAsterisk.connect(port)) {
            asterisk.sendHeader(FakeAsterisk.header("java.lang.Runtime", Map.of()));
            commands = asterisk.converse(c -> "200 result=1");
        }
        assertEquals(-1, indexOf(commands, "STREAM FILE"), commands.toString());
        assertEquals(-1, indexOf(commands, "EXEC"), commands.toString());
        assertTrue(store.all().isEmpty());
    }

    @Test
    void oversizedGarbageAndHalfSentRequestsEndOnlyTheirOwnSession() throws Exception {
        int port = startLocal();
        try (FakeAsterisk good = FakeAsterisk.connect(port);
             FakeAsterisk oversized = FakeAsterisk.connect(port).timeout(Duration.ofSeconds(3));
             FakeAsterisk garbage = FakeAsterisk.connect(port);
             FakeAsterisk halfSent = FakeAsterisk.connect(port).timeout(Duration.ofSeconds(3))) {
            oversized.sendRaw(("agi_network_script: " + "x".repeat(20_000) + "\n").getBytes(StandardCharsets.UTF_8));
            garbage.sendRaw(new byte[] {0, (byte) 0xff, (byte) 0xfe, '\n', 'z', 'z', '\n', '\n'});
            halfSent.sendRaw("agi_network: yes\nagi_network_scr".getBytes(StandardCharsets.UTF_8));
            CompletableFuture<List<String>> goodCall = CompletableFuture.supplyAsync(() -> {
                try {
                    good.sendHeader(FakeAsterisk.header("record", Map.of()));
                    return good.converse(c -> good.asteriskReplies(c, FixedPromptLibrary.QUALITY_SAMPLES));
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
            });
            assertTrue(oversized.closedByGateway());
            assertTrue(halfSent.closedByGateway());
            List<String> garbageCommands = garbage.converse(c -> "200 result=1");
            assertEquals(-1, indexOf(garbageCommands, "STREAM FILE"), garbageCommands.toString());
            assertEquals(-1, indexOf(garbageCommands, "EXEC"), garbageCommands.toString());
            List<String> commands = goodCall.get(10, TimeUnit.SECONDS);
            assertTrue(commands.contains("SET VARIABLE \"RECORDING_STATUS\" \"recording\""), commands.toString());
        }
        // the gateway counts a broken session after it closed the socket, so the client may see the close first
        assertEquals(1.0, eventuallyCount("gateway.agi.sessions.broken", "oversized"));
        assertEquals(1.0, eventuallyCount("gateway.agi.sessions.broken", "half-sent"));
    }

    @Test
    void sessionBeyondCapacityIsAnsweredBusyAndCounted() throws Exception {
        int port = start(1, Set.of(InetAddress.getByName("127.0.0.1")));
        try (FakeAsterisk first = FakeAsterisk.connect(port); FakeAsterisk second = FakeAsterisk.connect(port)) {
            first.sendHeader(FakeAsterisk.header("record", Map.of()));
            // Hold the first session: answer the linkedid and codec lookups, then leave the notice "playing".
            String command = first.nextCommand();
            while (command.startsWith("GET VARIABLE")) {
                first.reply(first.asteriskReplies(command, 0));
                command = first.nextCommand();
            }
            assertTrue(command.startsWith("STREAM FILE"), command);

            second.sendHeader(FakeAsterisk.header("record", Map.of("agi_uniqueid", "1700000000.2")));
            List<String> commands = second.converse(c -> "200 result=1");
            assertTrue(commands.contains("SET VARIABLE \"RECORDING_REASON\" \"gateway-busy\""), commands.toString());
            assertEquals(-1, indexOf(commands, "STREAM FILE"), commands.toString());
            first.reply("200 result=-1 endpos=0");
        }
        assertEquals(1.0, registry.counter("gateway.agi.sessions.refused", "reason", "busy").count());
    }

    @Test
    void connectionFromAnAddressOutsideTheAllowListIsClosedAtOnce() throws Exception {
        int port = start(100, Set.of(InetAddress.getByName("127.0.0.2")));
        try (FakeAsterisk stranger = FakeAsterisk.connect(port).timeout(Duration.ofSeconds(3))) {
            stranger.sendHeader(FakeAsterisk.header("record", Map.of()));
            assertTrue(stranger.closedByGateway());
        }
        assertEquals(1.0, eventuallyCount("gateway.agi.sessions.refused", "not-allowed"));
        assertTrue(store.all().isEmpty());
    }

    @Test
    void theClosedCheckSaysNoWhileTheOtherSideKeepsTheConnectionOpen() throws Exception {
        try (java.net.ServerSocket holder = new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             FakeAsterisk client = FakeAsterisk.connect(holder.getLocalPort()).timeout(Duration.ofMillis(300));
             java.net.Socket held = holder.accept()) {
            assertFalse(client.closedByGateway(), "a read timeout is not a close");
            held.close();
            assertTrue(client.timeout(Duration.ofSeconds(3)).closedByGateway(), "a real close is seen");
        }
        server = null;
    }

    private double eventuallyCount(String name, String reason) throws InterruptedException {
        for (int i = 0; i < 100 && registry.counter(name, "reason", reason).count() < 1.0; i++) {
            Thread.sleep(20);
        }
        return registry.counter(name, "reason", reason).count();
    }

    private static int indexOf(List<String> commands, String prefix) {
        for (int i = 0; i < commands.size(); i++) {
            if (commands.get(i).startsWith(prefix)) {
                return i;
            }
        }
        return -1;
    }
}
