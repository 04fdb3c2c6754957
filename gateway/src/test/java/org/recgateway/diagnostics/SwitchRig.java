package org.recgateway.diagnostics;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.recgateway.audit.AuditTrail;
import org.recgateway.listening.MutableClock;
import org.recgateway.metrics.MicrometerGatewayMetrics;
import org.recgateway.prompts.ManifestPromptLibrary;
import org.recgateway.recording.AuditNotes;
import org.recgateway.recording.Recorder;
import org.recgateway.recording.RecordingFiler;
import org.recgateway.recording.RecordingFiles;
import org.recgateway.store.JdbcDiagnosticsStore;
import org.recgateway.store.JdbcRecordingStore;

/**
 * A diagnostic switch on a real store in a temporary directory, with Asterisk's side played by
 * fakes: the notice reaches both parties (after {@link #noticeGate} opens) and MixMonitor
 * starts and stops as told, failing {@link #stopFailures} times first.
 */
final class SwitchRig implements AutoCloseable {
    static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");

    final Path dir;
    final MutableClock clock;
    final JdbcRecordingStore store;
    final JdbcDiagnosticsStore tickets;
    final AuditTrail audit;
    final MicrometerGatewayMetrics metrics = new MicrometerGatewayMetrics(new SimpleMeterRegistry());
    final ConcurrentLinkedQueue<String> started = new ConcurrentLinkedQueue<>();
    final ConcurrentLinkedQueue<String> stopped = new ConcurrentLinkedQueue<>();
    final AtomicInteger stopFailures = new AtomicInteger();
    /** Packets the fake RTP statistics report lost on receive. */
    final AtomicInteger lost = new AtomicInteger();
    volatile CountDownLatch noticeGate = new CountDownLatch(0);
    volatile Runnable duringNotice = () -> { };
    private final ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor();
    private final AtomicInteger pending = new AtomicInteger();
    final ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
    final java.util.concurrent.Executor background = task -> {
        pending.incrementAndGet();
        pool.execute(() -> {
            try {
                task.run();
            } catch (Throwable t) {
                failures.add(t);
            } finally {
                pending.decrementAndGet();
            }
        });
    };
    final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor();
    final DiagnosticSwitch diagnostics;
    final RecordingFiler filer;

    SwitchRig(Path dir, MutableClock clock, Set<String> agents) {
        this(dir, clock, agents, null);
    }

    /** A rig whose Asterisk side is {@code side} (null: the fakes described on the type). */
    SwitchRig(Path dir, MutableClock clock, Set<String> agents, AsteriskSide side) {
        this.dir = dir;
        this.clock = clock;
        this.store = JdbcRecordingStore.open(dir.resolve("recordings.db"));
        this.tickets = store.diagnostics();
        this.audit = store.auditTrail(clock);
        Path repo = Path.of("..", "notice-prompts");
        ManifestPromptLibrary prompts = ManifestPromptLibrary.load(repo.resolve("manifest.json"), repo.resolve("sounds"),
                "recording-gateway");
        RecordingFiles files = new RecordingFiles("/var/spool/asterisk/rg", dir.resolve("audio"), "wav");
        this.filer = new RecordingFiler(store, clock, metrics, Duration.ZERO, new AuditNotes(audit));
        Recorder recorder = new Recorder() {
            @Override
            public String start(String channel, String asteriskFile) {
                started.add(channel);
                return "mm-" + channel;
            }

            @Override
            public void stop(String channel, String mixMonitorId) {
                if (stopFailures.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                    throw new IllegalStateException("Asterisk answered StopMixMonitor: Error");
                }
                stopped.add(channel);
            }
        };
        BothPartiesNotice notice = (channel, prompt, timeout) -> {
            try {
                noticeGate.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            duringNotice.run();
            return new BothPartiesNotice.Result(true, List.of(channel, callerOf(channel)), clock.instant(), clock.instant(), "played");
        };
        LineQualityProbe probe = channel -> java.util.Optional.of(new LineQualityProbe.Reading(
                "ssrc=1;themssrc=2;lp=" + lost.get() + ";rxjitter=0.002500;rxcount=" + (1000 - lost.get())
                        + ";txjitter=0.001000;txcount=1000;rlp=3;rtt=0.045000", "alaw"));
        this.diagnostics = new DiagnosticSwitch(tickets, store, files, filer,
                side != null ? side : new AsteriskSide(recorder, notice, agent -> java.util.Optional.empty(), probe), prompts, timers, clock,
                metrics, Duration.ofSeconds(30), new AgentDevices(agents), background);
    }

    static SwitchRig open(Path dir, MutableClock clock, int agents) {
        Set<String> devices = new HashSet<>();
        for (int i = 0; i < agents; i++) {
            devices.add("PJSIP/agent" + i);
        }
        return new SwitchRig(dir, clock, devices);
    }

    /** The caller's channel of the call an agent channel is in. */
    static String callerOf(String agentChannel) {
        return agentChannel.replace("agent", "caller");
    }

    /** Agent {@code agent}'s press of *8 in call {@code call}. */
    static DiagnosticSwitch.Toggle press(int agent, int call, String ticketId) {
        String channel = "PJSIP/agent" + agent + "-" + String.format("%08x", call);
        return new DiagnosticSwitch.Toggle(channel, "u-" + call, "call-" + call, callerOf(channel), "0612345678", "1501",
                new SwitchedBy("agent:PJSIP/agent" + agent, SwitchedBy.How.FEATURE_CODE), ticketId, "nl");
    }

    DiagnosticTicket ticket(String id, int maxRecordings, Duration maxLength) {
        DiagnosticTicket t = new DiagnosticTicket(id, "REF-" + id, "kpn", "voices distort", maxRecordings, maxLength,
                clock.instant().plus(Duration.ofHours(2)), clock.instant(), null);
        tickets.insertTicket(t);
        return t;
    }

    /** Waits until the background starts are done. */
    void settle() throws InterruptedException {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (pending.get() > 0) {
            if (System.nanoTime() > until) {
                throw new IllegalStateException("background starts did not finish");
            }
            Thread.sleep(5);
        }
        if (!failures.isEmpty()) {
            throw new AssertionError("a background start failed", failures.peek());
        }
    }

    double counter(String event) {
        return metrics.registry().counter("gateway.recordings", "event", event).count();
    }

    @Override
    public void close() {
        pool.shutdownNow();
        timers.shutdownNow();
        store.close();
    }
}
