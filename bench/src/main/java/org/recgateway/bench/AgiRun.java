package org.recgateway.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One FastAGI server under one open-loop load: start it in its own process, warm it up, measure its
 * idle memory, run the load while sampling its memory and CPU every 100 ms, stop it.
 */
final class AgiRun {
    static final int WARMUP_RATE = 200;
    static final int WARMUP_SECONDS = 5;
    static final int WARMUP_PLAYBACK_MILLIS = 200;

    /**
     * A server kind the harness can start; {@code GATEWAY_BEFORE} is the gateway built elsewhere ({@code --before DIR}:
     * a checkout whose {@code gateway/target} holds its classes and libraries), for a before/after pair in one run.
     */
    enum Server { GATEWAY, FLOOR_RAISED, FLOOR_DEFAULT, GATEWAY_BEFORE;

        boolean gateway() {
            return this == GATEWAY || this == GATEWAY_BEFORE;
        }
    }

    /**
     * Everything one server measured under one load; {@code filing} is null for servers that file
     * nothing (the floors, or the gateway with {@code --no-filing}); {@code gcPauses}: the server's GC
     * pauses during the measured load, from its GC log.
     */
    record Row(String server, int rate, int seconds, long playbackMillis, LoadResult load, long rssStartKb,
               long rssIdleKb, long rssPeakKb, long threadsPeak, double cpuSeconds, double generatorCpuSeconds, String note,
               FilingCheck filing, LoadResult.Percentiles gcPauses, int gcPauseCount, double compilerCpuSeconds,
               double[] loadAverage) {
        double kbPerSession() {
            return load.peakConcurrent() == 0 ? Double.NaN : (rssPeakKb - rssIdleKb) * 1.0 / load.peakConcurrent();
        }
    }

    private final Path repo;
    private final Path work;
    private final PromptLengths prompts;
    private final List<String> serverJvm;
    private final Path storeDir;
    private final Options options;

    /**
     * How the calls go.
     *
     * @param shape        how long the parts after the notice last (default: their real lengths)
     * @param filing       whether the gateway's AMI side is simulated so every recorded call is filed
     * @param audioSeconds length of each recording's file (8 kHz 16-bit mono WAV)
     * @param talkMillis   how long a call goes on after its FastAGI session before it hangs up
     * @param burst        hold every hangup until the load has ended, then send them all at once
     * @param plaintext    keep recordings as MixMonitor wrote them ({@code keys.encryptAudio: false}) instead of sealing them
     * @param warmupSeconds 0: the short warm-up (5 s at 200 calls/s, short shape, 200 ms notice); else a warm-up of
     *                     this many seconds at the measured rate, shape and notice, waited out (every session ended,
     *                     every recording filed) before the measured window, so JIT compilation of the measured
     *                     paths falls in the warm-up
     * @param jfr          record the measured window (after the warm-up, to the last filing) with JFR's profile settings
     *                     ({@code jcmd JFR.start}/{@code JFR.stop}) into {@code <work>/<server>-<rate>.jfr}
     * @param before       the checkout of the "before" gateway ({@link Server#GATEWAY_BEFORE}), or null
     */
    record Options(AsteriskSide.Shape shape, boolean filing, double audioSeconds, long talkMillis, boolean burst,
                   boolean plaintext, int warmupSeconds, boolean jfr, Path before) { }

    /** {@code storeDir}: where the gateway's SQLite file goes (null: the run's temp directory, on the real disk). */
    AgiRun(Path repo, Path work, PromptLengths prompts, List<String> serverJvm, Path storeDir, Options options) {
        this.repo = repo;
        this.work = work;
        this.prompts = prompts;
        this.serverJvm = serverJvm;
        this.storeDir = storeDir;
        this.options = options;
    }

    /** One server under one load, its simulated AMI sending the events of {@code mix} for each call (gateways only). */
    Row run(Server kind, int rate, int seconds, long playbackMillis, AmiSide.Mix mix) throws IOException, InterruptedException {
        // A port the kernel hands out free, not a fixed one: with a fixed port, a second benchmark on the same machine
        // found the port open (the first run's gateway held it) and sent its calls to the other run's gateway.
        int port;
        try (java.net.ServerSocket probe = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        double[] loadBefore = loadAverage();
        String name = kind.name().toLowerCase(Locale.ROOT).replace('_', '-');
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(serverJvm);
        Path gcLog = work.resolve(name + "-" + rate + "-gc.log");
        command.add("-Xlog:gc,gc+phases:file=" + gcLog + ":uptime");
        boolean filing = kind.gateway() && options.filing();
        AmiSide ami = filing ? AmiSide.start(mix) : null;
        Path[] store = new Path[1];
        switch (kind) {
            case GATEWAY, GATEWAY_BEFORE -> {
                Path config = gatewayConfig(port, name, ami, store);
                Path built = kind == Server.GATEWAY ? repo : options.before();
                if (built == null) {
                    throw new IOException("gateway-before needs --before DIR (a checkout built with mvn -DskipTests package)");
                }
                command.addAll(List.of("-cp", built.resolve("gateway/target/classes") + ":" + built.resolve("gateway/target/lib") + "/*",
                        "org.recgateway.GatewayMain", "run", "--config", config.toString()));
            }
            case FLOOR_RAISED -> command.addAll(List.of("-cp", System.getProperty("java.class.path"),
                    FloorServer.class.getName(), Integer.toString(port), "raised", "20000"));
            case FLOOR_DEFAULT -> command.addAll(List.of("-cp", System.getProperty("java.class.path"),
                    FloorServer.class.getName(), Integer.toString(port), "default"));
        }
        Path log = work.resolve(name + "-" + rate + ".log");
        System.out.printf("  %s: starting (%s), log %s%n", name, String.join(" ", serverJvm), log);
        try (ami; ServerProcess server = ServerProcess.start(name, command, port, log)) {
            Thread.sleep(1000);
            long rssStart = server.rssKb();
            if (ami != null) {
                for (int i = 0; i < 100 && !ami.loggedIn(); i++) {
                    Thread.sleep(100);
                }
                if (!ami.loggedIn()) {
                    throw new IOException(name + " did not log in to the simulated AMI within 10 s; see " + log);
                }
            }
            InetSocketAddress address = new InetSocketAddress("127.0.0.1", port);
            AmiCalls warmCalls = ami == null ? null : new AmiCalls(ami, options.audioSeconds(), 0, false);
            if (options.warmupSeconds() > 0) {
                System.out.printf("  %s: warm-up, %d calls/s for %d s as measured%n", name, rate, options.warmupSeconds());
                new LoadGenerator(new AsteriskSide(address, prompts, playbackMillis, 5_000, options.shape(),
                        1_000_000_000L, warmCalls), rate, options.warmupSeconds()).run(playbackMillis + 40_000);
            } else {
                new LoadGenerator(new AsteriskSide(address, prompts, WARMUP_PLAYBACK_MILLIS, 5_000, AsteriskSide.Shape.SHORT,
                        1_000_000_000L, warmCalls), WARMUP_RATE, WARMUP_SECONDS).run(20_000);
            }
            if (ami != null) {
                // The warm-up's recordings are filed before the measured load starts, not during it.
                try {
                    FilingCheck.awaitNoneActiveBut(store[0].resolve("recordings.db"), 0, 120_000);
                } catch (java.sql.SQLException e) {
                    throw new IOException("could not read the gateway's store " + store[0] + ": " + e.getMessage(), e);
                }
            }
            Thread.sleep(2000);
            int gcLinesBefore = GcLog.lines(gcLog);
            long rssIdle = server.rssKb();
            double cpu0 = server.cpuSeconds();
            double compiler0 = server.compilerCpuSeconds();
            Path jfr = work.resolve(name + "-" + rate + ".jfr");
            if (options.jfr()) {
                jcmd(server.pid(), "JFR.start", "name=bench", "settings=profile", "filename=" + jfr);
            }
            double gen0 = ServerProcess.cpuSeconds(Path.of("/proc/self/stat"));
            long[] peak = {rssIdle, server.threads()};
            AmiCalls calls = ami == null ? null : new AmiCalls(ami, options.audioSeconds(), options.talkMillis(), options.burst());
            LoadGenerator generator = new LoadGenerator(new AsteriskSide(address, prompts, playbackMillis, 5_000, options.shape(),
                    0, calls), rate, seconds);
            Thread sampler = Thread.ofPlatform().daemon().start(() -> {
                while (!Thread.currentThread().isInterrupted()) {
                    peak[0] = Math.max(peak[0], server.rssKb());
                    peak[1] = Math.max(peak[1], server.threads());
                    try {
                        Thread.sleep(100);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            System.out.printf("  %s: %d calls/s for %d s, playback %d ms%n", name, rate, seconds, playbackMillis);
            LoadResult load = generator.run(playbackMillis + options.talkMillis() + 40_000);
            FilingCheck filed = null;
            if (calls != null) {
                try {
                    if (options.burst()) {
                        // The warm-up's filings are done first, so the burst is measured alone.
                        FilingCheck.awaitNoneActiveBut(store[0].resolve("recordings.db"), calls.heldCount(), 60_000);
                        System.out.printf("  %s: %d hangups at once%n", name, calls.releaseHangups());
                    }
                    System.out.printf("  %s: waiting for every recorded call to be filed%n", name);
                    filed = FilingCheck.await(store[0].resolve("recordings.db"), calls.hungUp(), 60_000);
                } catch (java.sql.SQLException e) {
                    throw new IOException("could not read the gateway's store " + store[0] + ": " + e.getMessage(), e);
                }
            }
            sampler.interrupt();
            sampler.join();
            double cpu = server.cpuSeconds() - cpu0;
            double compiler = server.compilerCpuSeconds() - compiler0;
            if (options.jfr()) {
                jcmd(server.pid(), "JFR.stop", "name=bench");
                System.out.printf("  %s: JFR of the measured window in %s%n", name, jfr);
            }
            double gen = ServerProcess.cpuSeconds(Path.of("/proc/self/stat")) - gen0;
            List<Double> pauses = GcLog.pausesMillis(gcLog, gcLinesBefore);
            long[] pauseNanos = pauses.stream().mapToLong(ms -> (long) (ms * 1_000_000)).toArray();
            String note = !kind.gateway() ? "" : String.join(", ", java.util.stream.Stream.of(
                    storeDir != null ? "store in " + storeDir : "", options.plaintext() ? "plaintext" : "",
                    filing ? "AMI " + mix.name().toLowerCase(Locale.ROOT) : "")
                    .filter(t -> !t.isEmpty()).toList());
            return new Row(name + (note.isEmpty() ? "" : " (" + note + ")"), rate, seconds, playbackMillis, load, rssStart,
                    rssIdle, peak[0], peak[1], cpu, gen, note, filed, LoadResult.Percentiles.of(pauseNanos), pauses.size(), compiler,
                    new double[] {loadBefore[0], loadAverage()[0]});
        }
    }

    /** The 1-, 5- and 15-minute load averages now (/proc/loadavg). */
    static double[] loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return new double[] {Double.parseDouble(f[0]), Double.parseDouble(f[1]), Double.parseDouble(f[2])};
        } catch (IOException | RuntimeException e) {
            return new double[] {Double.NaN, Double.NaN, Double.NaN};
        }
    }

    private static void jcmd(long pid, String... command) throws IOException, InterruptedException {
        List<String> line = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(), Long.toString(pid)));
        line.addAll(List.of(command));
        Process p = new ProcessBuilder(line).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IOException("jcmd " + String.join(" ", command) + " failed: " + out);
        }
    }

    private Path gatewayConfig(int port, String name, AmiSide ami, Path[] storeOut) throws IOException {
        Path dir = work.resolve(name + "-" + System.nanoTime());
        Files.createDirectories(dir.resolve("recordings"));
        Path store = storeDir == null ? dir.resolve("store") : Files.createTempDirectory(storeDir, "bench-store-");
        storeOut[0] = store;
        String amiSection = ami == null ? "ami:\n  enabled: false\n"
                : "ami:\n  enabled: true\n  host: 127.0.0.1\n  port: " + ami.port() + "\n  username: bench\n  password: bench\n";
        String yaml = Files.readString(repo.resolve("bench/gateway-bench.yaml"))
                .replace("ami:\n  enabled: false\n", amiSection + (options.plaintext() ? "\nkeys:\n  encryptAudio: false\n" : ""))
                .replace("@WORK@/store", store.toString()).replace("@WORK@", dir.toString()).replace("@REPO@", repo.toString()).replace("@PORT@", Integer.toString(port));
        Path config = dir.resolve("gateway-bench.yaml");
        Files.writeString(config, yaml);
        return config;
    }
}
