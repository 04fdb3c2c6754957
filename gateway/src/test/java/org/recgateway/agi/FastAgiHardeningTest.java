package org.recgateway.agi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.asteriskjava.fastagi.MappingStrategy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recgateway.metrics.MicrometerGatewayMetrics;
import org.recgateway.policy.LegalBasis;
import org.recgateway.policy.PolicyDecision;
import org.recgateway.policy.Purpose;
import org.recgateway.recording.AuditNotes;
import org.recgateway.recording.NoticeThenRecord;
import org.recgateway.recording.RecordingFiler;
import org.recgateway.recording.RecordingFiles;
import org.recgateway.testing.FakeAsterisk;
import org.recgateway.testing.FixedPromptLibrary;
import org.recgateway.testing.InMemoryAuditTrail;
import org.recgateway.testing.InMemoryRecordingStore;

/** A hostile peer on the FastAGI port: dripping headers, connection floods, a failing accept. */
class FastAgiHardeningTest {
    private static final Instant NOW = Instant.parse("2026-11-29T10:15:30Z");
    private static final Duration HEADER_DEADLINE = Duration.ofMillis(800);

    @TempDir
    Path recordings;

    private final InMemoryRecordingStore store = new InMemoryRecordingStore();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final MicrometerGatewayMetrics metrics = new MicrometerGatewayMetrics(registry);
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
    private FastAgiServer server;

    private MappingStrategy recordScript() {
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        RecordingFiles files = new RecordingFiles("/var/spool/asterisk/recording-gateway", recordings, "wav");
        RecordingFiler filer = new RecordingFiler(store, clock, metrics, Duration.ofMillis(10),
                new AuditNotes(new InMemoryAuditTrail(Clock.systemUTC())));
        NoticeThenRecord lifecycle = new NoticeThenRecord(call -> new PolicyDecision.Record("default", Purpose.QUALITY,
                LegalBasis.LEGITIMATE_INTEREST, "notice-quality", "nl", Duration.ofDays(30)), FixedPromptLibrary.quality(),
                store, files, filer, clock, metrics, new java.util.Random(1));
        return GatewayScripts.of(lifecycle);
    }

    private int start(int maxSessions, int perClient) throws Exception {
        server = new FastAgiServer(new InetSocketAddress("127.0.0.1", 0), Set.of(InetAddress.getByName("127.0.0.1")),
                maxSessions, perClient, HEADER_DEADLINE, Duration.ofSeconds(5), recordScript(), GatewayScripts.busy(), metrics);
        return server.start();
    }

    @AfterEach
    void stop() throws Exception {
        threads.shutdownNow();
        if (server != null) {
            server.close();
        }
    }

    @Test
    void headersDrippedOneByteAtATimeAreClosedAtTheDeadlineWhileRealCallsAreServed() throws Exception {
        int port = start(100, 5_000);
        int drippers = 500;
        List<Future<Long>> closedAfter = new ArrayList<>();
        for (int i = 0; i < drippers; i++) {
            closedAfter.add(threads.submit(() -> dripUntilClosed(port, Duration.ofMillis(150))));
        }
        Thread.sleep(200);
        for (int call = 0; call < 3; call++) {
            List<String> commands = realCall(port, "1700000000." + (10 + call));
            assertTrue(commands.contains("SET VARIABLE \"RECORDING_STATUS\" \"recording\""), commands.toString());
        }
        long latest = 0;
        long earliest = Long.MAX_VALUE;
        for (Future<Long> f : closedAfter) {
            long closed = f.get(20, TimeUnit.SECONDS);
            latest = Math.max(latest, closed);
            earliest = Math.min(earliest, closed);
        }
        // Each byte arrives well within the deadline, so a per-read timeout would never fire: without one
        // deadline for the whole header these connections stay open for as long as they drip. The slack
        // is for a shared, loaded test machine (500 clients on two cores).
        assertTrue(earliest >= HEADER_DEADLINE.toMillis() - 50, "closed " + earliest + " ms after connecting, before the deadline");
        assertTrue(latest < HEADER_DEADLINE.toMillis() + 8_000,
                "closed " + latest + " ms after connecting, deadline " + HEADER_DEADLINE.toMillis() + " ms");
        assertEquals(3, store.all().size());
        assertEquals((double) drippers, eventually("gateway.agi.sessions.broken", "half-sent", drippers));
        assertEquals(0.0, registry.counter("gateway.agi.sessions.refused", "reason", "busy").count(),
                "unfinished headers take no session slot");
    }

    @Test
    void aFloodBeyondTheClientCapCrowdsOutUnfinishedHeadersNotRunningSessionsOrNewCalls() throws Exception {
        int port = start(100, 20);
        try (FakeAsterisk running = FakeAsterisk.connect(port)) {
            running.sendHeader(FakeAsterisk.header("record", Map.of()));
            assertTrue(untilNotice(running).startsWith("STREAM FILE"), "the running call is playing its notice");

            List<Socket> flood = new ArrayList<>();
            try {
                for (int i = 0; i < 100; i++) {
                    Socket s = new Socket("127.0.0.1", port);
                    s.getOutputStream().write("agi_network: yes\n".getBytes(StandardCharsets.US_ASCII));
                    flood.add(s);
                }
                Thread.sleep(200);
                List<String> commands = realCall(port, "1700000000.99");
                assertTrue(commands.contains("SET VARIABLE \"RECORDING_STATUS\" \"recording\""), commands.toString());
            } finally {
                for (Socket s : flood) {
                    s.close();
                }
            }
            running.reply("200 result=0 endpos=" + FixedPromptLibrary.QUALITY_SAMPLES);
            List<String> rest = running.converse(c -> running.asteriskReplies(c, FixedPromptLibrary.QUALITY_SAMPLES));
            assertTrue(rest.contains("SET VARIABLE \"RECORDING_STATUS\" \"recording\""), "the running call was not crowded out: " + rest);
        }
        assertTrue(registry.counter("gateway.agi.sessions.refused", "reason", "crowded-out").count() >= 80,
                "the flood's oldest unfinished headers made room");
    }

    @Test
    void whenEverySlotOfAClientIsARunningSessionTheNextConnectionIsRefused() throws Exception {
        int port = start(100, 1);
        try (FakeAsterisk running = FakeAsterisk.connect(port)) {
            running.sendHeader(FakeAsterisk.header("record", Map.of()));
            assertTrue(untilNotice(running).startsWith("STREAM FILE"));
            Socket extra = new Socket("127.0.0.1", port);
            extra.setSoTimeout(3_000);
            assertEquals(-1, extra.getInputStream().read(), "closed at once");
            extra.close();
            running.reply("200 result=-1 endpos=0");
        }
        assertEquals(1.0, eventually("gateway.agi.sessions.refused", "client-cap", 1));
    }

    @Test
    void theAcceptLoopBacksOffWhenAcceptKeepsFailing() throws Exception {
        AtomicInteger accepts = new AtomicInteger();
        ServerSocket failing = new ServerSocket() {
            @Override
            public Socket accept() throws IOException {
                accepts.incrementAndGet();
                throw new IOException("Too many open files");
            }
        };
        server = new FastAgiServer(new InetSocketAddress("127.0.0.1", 0), Set.of(InetAddress.getByName("127.0.0.1")),
                10, 10, HEADER_DEADLINE, Duration.ofSeconds(5), recordScript(), GatewayScripts.busy(), metrics, () -> failing);
        server.start();
        Thread.sleep(1_500);
        int seen = accepts.get();
        // 5, 10, 20, ... 640 ms: about 9 attempts in 1.5 s; a loop without backoff makes millions.
        assertTrue(seen >= 3 && seen <= 15, "accept attempts in 1.5 s: " + seen);
    }

    @Test
    void stoppingRefusesNewConnectionsAndLetsARunningSessionFinish() throws Exception {
        int port = start(100, 100);
        try (FakeAsterisk running = FakeAsterisk.connect(port)) {
            running.sendHeader(FakeAsterisk.header("record", Map.of()));
            assertTrue(untilNotice(running).startsWith("STREAM FILE"), "the notice is playing");
            Future<Integer> stopping = threads.submit(() -> server.drain(Duration.ofSeconds(10)));
            Thread.sleep(300);
            assertTrue(!stopping.isDone(), "waits for the running session");
            boolean refused;
            try (Socket late = new Socket("127.0.0.1", port)) {
                late.setSoTimeout(2_000);
                refused = late.getInputStream().read() < 0;
            } catch (IOException e) {
                refused = true;
            }
            assertTrue(refused, "no new session once stopping");
            running.reply("200 result=0 endpos=" + FixedPromptLibrary.QUALITY_SAMPLES);
            List<String> rest = running.converse(c -> running.asteriskReplies(c, FixedPromptLibrary.QUALITY_SAMPLES));
            assertTrue(rest.contains("SET VARIABLE \"RECORDING_STATUS\" \"recording\""), "finished its work: " + rest);
            assertEquals(0, stopping.get(10, TimeUnit.SECONDS), "none left running");
        }
    }

    /** Answers the commands before the notice (channel variables); returns the first STREAM FILE, or what came instead. */
    private static String untilNotice(FakeAsterisk running) throws IOException {
        String command = running.nextCommand();
        for (int i = 0; i < 10 && command.startsWith("GET VARIABLE"); i++) {
            running.reply(running.asteriskReplies(command, 0));
            command = running.nextCommand();
        }
        return command;
    }

    private static List<String> realCall(int port, String uniqueId) throws Exception {
        try (FakeAsterisk asterisk = FakeAsterisk.connect(port)) {
            asterisk.sendHeader(FakeAsterisk.header("record", Map.of("agi_uniqueid", uniqueId)));
            return CompletableFuture.supplyAsync(() -> {
                try {
                    // each call its own linkedid: one recording per call would otherwise make calls 2 and 3 a second pass
                    return asterisk.converse(c -> c.contains("CHANNEL(linkedid)") ? "200 result=1 (" + uniqueId + ")"
                            : asterisk.asteriskReplies(c, FixedPromptLibrary.QUALITY_SAMPLES));
                } catch (IOException e) {
                    throw new RuntimeException(e);
                }
            }).get(10, TimeUnit.SECONDS);
        }
    }

    /** Sends a header one byte per {@code every}; returns the milliseconds from connect until the gateway closed it. */
    private static long dripUntilClosed(int port, Duration every) throws Exception {
        byte[] header = "agi_network: yes\nagi_network_script: record\nagi_channel: PJSIP/x\n".getBytes(StandardCharsets.US_ASCII);
        long start = System.nanoTime();
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout((int) every.toMillis());
            OutputStream out = s.getOutputStream();
            InputStream in = s.getInputStream();
            for (int i = 0; ; i = (i + 1) % header.length) {
                try {
                    out.write(header[i]);
                    out.flush();
                } catch (IOException closed) {
                    break;
                }
                try {
                    if (in.read() < 0) {
                        break;
                    }
                } catch (SocketTimeoutException stillOpen) {
                    continue;
                } catch (IOException reset) {
                    break;
                }
            }
        }
        return (System.nanoTime() - start) / 1_000_000;
    }

    private double eventually(String name, String reason, double atLeast) throws InterruptedException {
        for (int i = 0; i < 200 && registry.counter(name, "reason", reason).count() < atLeast; i++) {
            Thread.sleep(20);
        }
        return registry.counter(name, "reason", reason).count();
    }
}
