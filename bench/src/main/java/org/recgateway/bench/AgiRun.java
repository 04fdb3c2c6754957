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

    /** A server kind the harness can start. */
    enum Server { GATEWAY, FLOOR_RAISED, FLOOR_DEFAULT }

    /** Everything one server measured under one load. */
    record Row(String server, int rate, int seconds, long playbackMillis, LoadResult load, long rssStartKb,
               long rssIdleKb, long rssPeakKb, long threadsPeak, double cpuSeconds, double generatorCpuSeconds, String note) {
        double kbPerSession() {
            return load.peakConcurrent() == 0 ? Double.NaN : (rssPeakKb - rssIdleKb) * 1.0 / load.peakConcurrent();
        }
    }

    private final Path repo;
    private final Path work;
    private final PromptLengths prompts;
    private final List<String> serverJvm;
    private final Path storeDir;

    /** {@code storeDir}: where the gateway's SQLite file goes (null: the run's temp directory, on the real disk). */
    AgiRun(Path repo, Path work, PromptLengths prompts, List<String> serverJvm, Path storeDir) {
        this.repo = repo;
        this.work = work;
        this.prompts = prompts;
        this.serverJvm = serverJvm;
        this.storeDir = storeDir;
    }

    Row run(Server kind, int rate, int seconds, long playbackMillis) throws IOException, InterruptedException {
        int port = 14573 + kind.ordinal();
        String name = kind.name().toLowerCase(Locale.ROOT).replace('_', '-');
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(serverJvm);
        switch (kind) {
            case GATEWAY -> {
                Path config = gatewayConfig(port, name);
                command.addAll(List.of("-cp", repo.resolve("gateway/target/classes") + ":" + repo.resolve("gateway/target/lib") + "/*",
                        "org.recgateway.GatewayMain", "run", "--config", config.toString()));
            }
            case FLOOR_RAISED -> command.addAll(List.of("-cp", System.getProperty("java.class.path"),
                    FloorServer.class.getName(), Integer.toString(port), "raised", "20000"));
            case FLOOR_DEFAULT -> command.addAll(List.of("-cp", System.getProperty("java.class.path"),
                    FloorServer.class.getName(), Integer.toString(port), "default"));
        }
        Path log = work.resolve(name + "-" + rate + ".log");
        System.out.printf("  %s: starting (%s), log %s%n", name, String.join(" ", serverJvm), log);
        try (ServerProcess server = ServerProcess.start(name, command, port, log)) {
            Thread.sleep(1000);
            long rssStart = server.rssKb();
            InetSocketAddress address = new InetSocketAddress("127.0.0.1", port);
            new LoadGenerator(new AsteriskSide(address, prompts, WARMUP_PLAYBACK_MILLIS, 5_000), WARMUP_RATE, WARMUP_SECONDS)
                    .run(20_000);
            Thread.sleep(2000);
            long rssIdle = server.rssKb();
            double cpu0 = server.cpuSeconds();
            double gen0 = ServerProcess.cpuSeconds(Path.of("/proc/self/stat"));
            long[] peak = {rssIdle, server.threads()};
            LoadGenerator generator = new LoadGenerator(new AsteriskSide(address, prompts, playbackMillis, 5_000), rate, seconds);
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
            LoadResult load = generator.run(playbackMillis + 20_000);
            sampler.interrupt();
            sampler.join();
            double cpu = server.cpuSeconds() - cpu0;
            double gen = ServerProcess.cpuSeconds(Path.of("/proc/self/stat")) - gen0;
            String note = kind == Server.GATEWAY && storeDir != null ? "store in " + storeDir : "";
            return new Row(name + (note.isEmpty() ? "" : " (" + note + ")"), rate, seconds, playbackMillis, load, rssStart,
                    rssIdle, peak[0], peak[1], cpu, gen, note);
        }
    }

    private Path gatewayConfig(int port, String name) throws IOException {
        Path dir = work.resolve(name + "-" + System.nanoTime());
        Files.createDirectories(dir.resolve("recordings"));
        Path store = storeDir == null ? dir.resolve("store") : Files.createTempDirectory(storeDir, "bench-store-");
        String yaml = Files.readString(repo.resolve("bench/gateway-bench.yaml"))
                .replace("@WORK@/store", store.toString()).replace("@WORK@", dir.toString()).replace("@REPO@", repo.toString()).replace("@PORT@", Integer.toString(port));
        Path config = dir.resolve("gateway-bench.yaml");
        Files.writeString(config, yaml);
        return config;
    }
}
