package org.recgateway.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The benchmark harness: {@code bench/run.sh [latency|concurrency|filing|pg-filing|gateways|segment|retention|sealed|sealed-parts|all] [--rate N] [--steps N,N]
 * [--seconds N] [--playback-ms N] [--shape real|short] [--no-filing] [--audio-seconds S] [--talk-ms N] [--burst] [--plaintext]
 * [--warmup-seconds N] [--jfr] [--before DIR] [--ami-events filtered|unfiltered|bench[,...]]}. Prints markdown tables and writes them to
 * {@code bench/target/results/<scenario>.md}. The simulated AMI sends what a filtered Asterisk 22 sends unless
 * {@code --ami-events} says otherwise ({@link AmiSide.Mix}).
 */
public final class BenchMain {
    private BenchMain() {
    }

    public static void main(String[] args) throws Exception {
        Locale.setDefault(Locale.ROOT);
        List<String> a = new ArrayList<>(Arrays.asList(args));
        String scenario = a.isEmpty() || a.getFirst().startsWith("--") ? "all" : a.removeFirst();
        Path repo = Path.of("").toAbsolutePath();
        Path work = Files.createTempDirectory("recgateway-bench-");
        Path results = repo.resolve("bench/target/results");
        Files.createDirectories(results);
        List<String> serverJvm = List.of(System.getProperty("bench.serverJvm", "-XX:+UseZGC -XX:SoftMaxHeapSize=256m -Xss256k").split(" "));
        PromptLengths prompts = PromptLengths.load(repo.resolve("notice-prompts/manifest.json"));
        String storeDir = stringOption(a, "--store-dir", null);
        AgiRun.Options calls = new AgiRun.Options(
                AsteriskSide.Shape.valueOf(stringOption(a, "--shape", "real").toUpperCase(Locale.ROOT)),
                !a.contains("--no-filing"), Double.parseDouble(stringOption(a, "--audio-seconds", "1")),
                option(a, "--talk-ms", 0), a.contains("--burst"), a.contains("--plaintext"), option(a, "--warmup-seconds", 0),
                a.contains("--jfr"), stringOption(a, "--before", null) == null ? null : Path.of(stringOption(a, "--before", null)).toAbsolutePath());
        AgiRun agi = new AgiRun(repo, work, prompts, serverJvm, storeDir == null ? null : Path.of(storeDir), calls);
        System.out.println("calls: " + calls);
        // --ami-events filtered,unfiltered,...: scenario latency runs each gateway once per mix, in the order given
        // (alternate them to spread the machine's load over both); concurrency uses the first; default: filtered.
        List<AmiSide.Mix> mixes = Arrays.stream(stringOption(a, "--ami-events", AmiSide.Mix.DEFAULT.name()).split(","))
                .map(AmiSide.Mix::of).toList();
        List<String> servers = List.of(stringOption(a, "--servers", "").split(","));
        System.out.println("work directory " + work);
        for (String s : scenario.equals("all") ? List.of("latency", "concurrency", "filing", "segment", "sealed") : List.of(scenario)) {
            StringBuilder md = new StringBuilder();
            switch (s) {
                case "latency" -> {
                    int rate = option(a, "--rate", 500);
                    int seconds = option(a, "--seconds", 30);
                    int playback = option(a, "--playback-ms", 5000);
                    List<AgiRun.Row> rows = new ArrayList<>();
                    for (AgiRun.Server server : AgiRun.Server.values()) {
                        if (selected(servers, server)) {
                            for (AmiSide.Mix mix : server.gateway() ? mixes : List.of(AmiSide.Mix.DEFAULT)) {
                                rows.add(agi.run(server, rate, seconds, playback, mix));
                            }
                        }
                    }
                    md.append(Report.agi("latency", rows));
                }
                case "concurrency" -> {
                    int rate = option(a, "--rate", 1000);
                    int seconds = option(a, "--seconds", 30);
                    int playback = option(a, "--playback-ms", 10_000);
                    List<AgiRun.Row> rows = new ArrayList<>();
                    for (AgiRun.Server server : List.of(AgiRun.Server.GATEWAY, AgiRun.Server.FLOOR_RAISED)) {
                        if (selected(servers, server)) {
                            rows.add(agi.run(server, rate, seconds, playback, mixes.getFirst()));
                        }
                    }
                    md.append(Report.agi("concurrency", rows));
                }
                case "filing" -> md.append(FilingBench.run(storeDir == null ? work.resolve("filing")
                        : Files.createTempDirectory(Path.of(storeDir), "bench-filing-"),
                        option(a, "--seconds", 10)));
                case "pg-filing" -> md.append(StoreFilingBench.run(storeDir == null ? work.resolve("pg-filing")
                        : Files.createTempDirectory(Path.of(storeDir), "bench-pg-filing-"),
                        storeDir == null ? null : Path.of(storeDir), option(a, "--seconds", 20), option(a, "--callers", 64)));
                case "gateways" -> md.append(new GatewaysBench(repo, work, prompts, serverJvm, calls).run(option(a, "--rate", 100),
                        option(a, "--seconds", 10), option(a, "--playback-ms", 1000), Arrays.stream(
                                stringOption(a, "--steps", "").split(",")).filter(t -> !t.isBlank()).map(Integer::valueOf).toList()));
                case "segment" -> md.append(SegmentBench.run(work.resolve("segment")));
                case "retention" -> md.append(RetentionBench.run(storeDir == null ? work.resolve("retention")
                        : Files.createTempDirectory(Path.of(storeDir), "bench-retention-"), option(a, "--rows", 1_000_000)));
                case "sealed" -> md.append(SealedBench.run(work.resolve("sealed"), option(a, "--seconds", 20)));
                case "sealed-parts" -> md.append(SealedParts.run(work.resolve("sealed-parts")));
                default -> {
                    System.err.println("unknown scenario '" + s + "'; scenarios: latency, concurrency, filing, pg-filing, gateways, segment, retention, sealed, sealed-parts, all");
                    System.exit(2);
                }
            }
            System.out.println(md);
            String suffix = a.isEmpty() ? "" : "-" + String.join("", a).replaceAll("[^A-Za-z0-9]+", "-");
            Files.writeString(results.resolve(s + suffix + ".md"), md.insert(0, "Command: bench/run.sh " + s + " "
                    + String.join(" ", a) + "\n\n"));
        }
    }

    private static boolean selected(List<String> servers, AgiRun.Server server) {
        if (servers.equals(List.of(""))) {
            return server != AgiRun.Server.GATEWAY_BEFORE;
        }
        return servers.contains(server.name().toLowerCase(Locale.ROOT).replace('_', '-'));
    }

    private static String stringOption(List<String> args, String name, String fallback) {
        int at = args.indexOf(name);
        return at >= 0 && at + 1 < args.size() ? args.get(at + 1) : fallback;
    }

    private static int option(List<String> args, String name, int fallback) {
        int at = args.indexOf(name);
        return at >= 0 && at + 1 < args.size() ? Integer.parseInt(args.get(at + 1)) : fallback;
    }
}
