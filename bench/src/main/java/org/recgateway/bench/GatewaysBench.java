package org.recgateway.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Issue 17 item 5 end to end: filed recordings per second with ONE and TWO GATEWAY PROCESSES on one private
 * PostgreSQL, against one gateway on SQLite, in one run. Each gateway is the runnable build (as the latency
 * scenario starts it) serving its own simulated Asterisk: its own FastAGI load generator and its own simulated
 * AMI (so two Asterisk servers, {@code ami.name} pbx1 and pbx2), the calls' arrival rate split evenly over the
 * gateways. Every call is a whole FastAGI session, its AMI events, the MixMonitor file written, filed, hashed
 * and audited. After the load: every recording must leave {@code active} (else FAILED RUN), and the one audit
 * chain is verified by the gateway's own {@code audit verify} command. Reported per row: ok/failed, first
 * command p50/p99, filed/s, filing latency, CPU ms per call (all gateways), GC pause p99 (all gateways), the
 * 1-minute load average at the row's end. With {@code --burst} every hangup is held until the arrivals end and
 * then sent at once, so filed/s is the gateways' filing capacity rather than the arrival rate.
 */
final class GatewaysBench {
    private static final String DB_USER = "gateway";
    private static final int WARMUP_RATE = 50;
    private static final int WARMUP_SECONDS = 2;

    private final Path repo;
    private final Path work;
    private final PromptLengths prompts;
    private final List<String> serverJvm;
    private final AgiRun.Options options;

    GatewaysBench(Path repo, Path work, PromptLengths prompts, List<String> serverJvm, AgiRun.Options options) {
        this.repo = repo;
        this.work = work;
        this.prompts = prompts;
        this.serverJvm = serverJvm;
        this.options = options;
    }

    /** One row: a store, how many gateways, the offered rate (all gateways together) and what they did. */
    record Row(String store, int gateways, int rate, LoadResult load, FilingCheck filing, double cpuSeconds,
               LoadResult.Percentiles gc, String chain, String loadAverage) {
        boolean failed() {
            return load.failures() > 0 || filing.failed() || !chain.startsWith("intact");
        }
    }

    /**
     * SQLite with one gateway, PostgreSQL with one and with two, each at {@code rate}; then, for each of
     * {@code steps}, two gateways on PostgreSQL at that rate (a step search for the highest rate without failures).
     */
    String run(int rate, int seconds, long playbackMillis, List<Integer> steps) throws Exception {
        String startLoad = Files.readString(Path.of("/proc/loadavg")).trim();
        List<Row> rows = new ArrayList<>();
        rows.add(row(null, 1, rate, seconds, playbackMillis, "sqlite"));
        try (StoreFilingBench.PrivatePostgres pg = StoreFilingBench.PrivatePostgres.start(null)) {
            rows.add(row(pg, 1, rate, seconds, playbackMillis, "one"));
            rows.add(row(pg, 2, rate, seconds, playbackMillis, "two"));
            for (int step : steps) {
                rows.add(row(pg, 2, step, seconds, playbackMillis, "step" + step));
            }
        }
        StringBuilder s = new StringBuilder("### gateways: one and two gateway processes on PostgreSQL vs one on SQLite\n\n");
        s.append(String.format("Shape %s, playback %d ms, %d s of arrivals per row, %s%s; each gateway its own simulated Asterisk"
                + " (FastAGI + AMI). Load average at the start %s.%n%n", options.shape(), playbackMillis, seconds,
                options.plaintext() ? "plaintext" : "sealed", options.burst() ? ", hangups held and sent at once (burst)" : "", startLoad));
        s.append("| store | gateways | offered calls/s | calls | ok / failed | first command p50 / p99 ms | hung up / filed / left active "
                + "| filed recordings/s | vs SQLite | filing latency p50 / p99 ms | CPU ms per call | GC pause p99 / max ms "
                + "| load average (1 min) | audit chain | verdict |\n");
        s.append("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        double sqlite = rows.getFirst().filing().perSecond();
        for (Row r : rows) {
            FilingCheck f = r.filing();
            s.append(String.format("| %s | %d | %d | %d | %d / %d | %.2f / %.2f | %d / %d / %d | %.0f | %.2fx | %.0f / %.0f | %.2f | %.1f / %.1f | %s | %s | %s |%n",
                    r.store(), r.gateways(), r.rate(), r.load().calls(), r.load().ok(), r.load().failures(),
                    r.load().firstCommand().p50(), r.load().firstCommand().p99(), f.hungUp(), f.filed(), f.active(),
                    f.perSecond(), f.perSecond() / sqlite, f.latency().p50(), f.latency().p99(),
                    r.cpuSeconds() * 1000 / r.load().calls(), r.gc().p99(), r.gc().max(), r.loadAverage(), r.chain(),
                    r.failed() ? "FAILED: " + r.load().failureSummary() + "; " + f.verdict() : f.verdict()));
        }
        if (!steps.isEmpty()) {
            int best = rows.stream().filter(r -> r.gateways() == 2 && r.store().startsWith("PostgreSQL") && !r.failed())
                    .mapToInt(Row::rate).max().orElse(0);
            s.append(String.format("%nHighest rate with 0 failures, two gateways on PostgreSQL, of the rates run: %s.%n",
                    best == 0 ? "none" : best + " calls/s"));
        }
        return s.toString();
    }

    private Row row(StoreFilingBench.PrivatePostgres pg, int gateways, int rate, int seconds, long playbackMillis, String name)
            throws Exception {
        Path dir = Files.createDirectories(work.resolve("gateways-" + name));
        String url = pg == null ? null : pg.createDatabase("gateways_" + name);
        Map<String, String> env = Map.of("RECGATEWAY_DB_USER", DB_USER, "RECGATEWAY_DB_PASSWORD", "unused");
        List<AmiSide> amis = new ArrayList<>();
        List<ServerProcess> servers = new ArrayList<>();
        List<Path> gcLogs = new ArrayList<>();
        List<Path> configs = new ArrayList<>();
        String store = pg == null ? "SQLite" : "PostgreSQL";
        System.out.printf("  %s, %d gateway(s), %d calls/s%n", store, gateways, rate);
        try {
            for (int g = 0; g < gateways; g++) {
                AmiSide ami = AmiSide.start();
                amis.add(ami);
                int port = 14580 + g;
                configs.add(config(dir, g, port, ami, url));
                Path gcLog = dir.resolve("gateway-" + g + "-gc.log");
                gcLogs.add(gcLog);
                List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
                command.addAll(serverJvm);
                command.addAll(List.of("-Xlog:gc,gc+phases:file=" + gcLog + ":uptime", "-cp", classPath(),
                        "org.recgateway.GatewayMain", "run", "--config", configs.get(g).toString()));
                servers.add(ServerProcess.start("gateway-" + g, command, env, port, dir.resolve("gateway-" + g + ".log")));
            }
            for (AmiSide ami : amis) {
                for (int i = 0; i < 100 && !ami.loggedIn(); i++) {
                    Thread.sleep(100);
                }
                if (!ami.loggedIn()) {
                    throw new IOException("a gateway did not log in to its simulated AMI within 10 s; see the logs in " + dir);
                }
            }
            try (Connection c = connect(url, dir); Statement s = c.createStatement()) {
                runLoad(amis, WARMUP_RATE * gateways, WARMUP_SECONDS, 200, AsteriskSide.Shape.SHORT, 1_000_000_000L, false, s);
                FilingCheck.awaitNoneActiveBut(s, 0, 120_000);  // the warm-up's recordings are filed before the measured load
                Thread.sleep(1000);
                int[] gcBefore = new int[gateways];
                double cpu0 = 0;
                for (int g = 0; g < gateways; g++) {
                    gcBefore[g] = GcLog.lines(gcLogs.get(g));
                    cpu0 += servers.get(g).cpuSeconds();
                }
                Measured m = runLoad(amis, rate, seconds, playbackMillis, options.shape(), 0, true, s);
                FilingCheck filing = FilingCheck.await(s, m.hungUp(), 60_000);
                double cpu = -cpu0;
                List<Double> pauses = new ArrayList<>();
                for (int g = 0; g < gateways; g++) {
                    cpu += servers.get(g).cpuSeconds();
                    pauses.addAll(GcLog.pausesMillis(gcLogs.get(g), gcBefore[g]));
                }
                String loadAverage = Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
                String chain = verifyChain(configs.getFirst(), env, dir);
                return new Row(store + (pg == null ? "" : " 15"), gateways, rate, m.load(), filing, cpu,
                        LoadResult.Percentiles.of(pauses.stream().mapToLong(ms -> (long) (ms * 1_000_000)).toArray()), chain, loadAverage);
            }
        } finally {
            for (ServerProcess server : servers) {
                server.close();
            }
            for (AmiSide ami : amis) {
                ami.close();
            }
        }
    }

    private record Measured(LoadResult load, Map<String, Long> hungUp) { }

    /** One open-loop arrival stream at {@code rate}, call i to gateway i mod n (LoadGenerator), each with its own AMI. */
    private Measured runLoad(List<AmiSide> amis, int rate, int seconds, long playbackMillis, AsteriskSide.Shape shape,
                             long idBase, boolean measured, Statement store) throws Exception {
        List<AmiCalls> calls = new ArrayList<>();
        List<AsteriskSide> sides = new ArrayList<>();
        for (int g = 0; g < amis.size(); g++) {
            AmiCalls c = new AmiCalls(amis.get(g), options.audioSeconds(), measured ? options.talkMillis() : 0, measured && options.burst());
            calls.add(c);
            sides.add(new AsteriskSide(new InetSocketAddress("127.0.0.1", 14580 + g), prompts, playbackMillis, 5_000, shape, idBase, c));
        }
        LoadResult load = new LoadGenerator(sides, rate, seconds).run(playbackMillis + options.talkMillis() + 40_000);
        if (measured && options.burst()) {
            // filing capacity: every hangup held until the arrivals end, then all sent at once (as AgiRun's --burst)
            FilingCheck.awaitNoneActiveBut(store, calls.stream().mapToInt(AmiCalls::heldCount).sum(), 60_000);
            int released = 0;
            for (AmiCalls c : calls) {
                released += c.releaseHangups();
            }
            System.out.printf("  %d hangups at once%n", released);
        }
        Map<String, Long> hungUp = new HashMap<>();
        calls.forEach(c -> hungUp.putAll(c.hungUp()));
        return new Measured(load, hungUp);
    }

    /** The gateway's own {@code audit verify} over the store (the one chain every gateway appended to). */
    private String verifyChain(Path config, Map<String, String> env, Path dir) throws IOException, InterruptedException {
        Path out = dir.resolve("audit-verify.txt");
        ProcessBuilder b = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp", classPath(),
                "org.recgateway.GatewayMain", "audit", "verify", "--config", config.toString())
                .redirectErrorStream(true).redirectOutput(out.toFile());
        b.environment().putAll(env);
        int exit = b.start().waitFor();
        java.util.regex.Matcher events = java.util.regex.Pattern.compile("\"events\"\\s*:\\s*([0-9]+)").matcher(Files.readString(out));
        return exit == 0 ? "intact, " + (events.find() ? events.group(1) : "?") + " events (audit verify)"
                : "BROKEN (audit verify exit " + exit + "; see " + out + ")";
    }

    private String classPath() {
        return repo.resolve("gateway/target/classes") + ":" + repo.resolve("gateway/target/lib") + "/*";
    }

    private static Connection connect(String url, Path dir) throws SQLException {
        return url == null ? DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("store/recordings.db") + "?open_mode=1")
                : DriverManager.getConnection(url, DB_USER, "unused");
    }

    /** The bench configuration for gateway {@code g}: its port, its AMI (server pbx{@code g+1}), the shared store and keys. */
    private Path config(Path dir, int g, int port, AmiSide ami, String url) throws IOException {
        Path own = Files.createDirectories(dir.resolve("gateway-" + g));
        Files.createDirectories(own.resolve("recordings"));
        String amiSection = "ami:\n  enabled: true\n  name: pbx" + (g + 1) + "\n  host: 127.0.0.1\n  port: " + ami.port()
                + "\n  username: bench\n  password: bench\n";
        String keys = "\nkeys:\n  encryptAudio: " + !options.plaintext() + "\n  masterKeyFile: " + dir.resolve("keys/master-key.json")
                + "\n  auditKeyFile: " + dir.resolve("keys/audit-chain.key") + "\n  auditHeadFile: " + own.resolve("audit-head.json") + "\n";
        String storeSection = url == null ? "store:\n  path: " + dir.resolve("store/recordings.db") + "\n"
                : "store:\n  url: " + url + "\n  poolSize: 4\n";
        String yaml = Files.readString(repo.resolve("bench/gateway-bench.yaml"))
                .replace("ami:\n  enabled: false\n", amiSection + keys)
                .replace("store:\n  path: @WORK@/store/recordings.db\n", storeSection)
                .replace("@WORK@", own.toString()).replace("@REPO@", repo.toString()).replace("@PORT@", Integer.toString(port));
        Path config = own.resolve("gateway-bench.yaml");
        Files.writeString(config, yaml);
        return config;
    }
}
