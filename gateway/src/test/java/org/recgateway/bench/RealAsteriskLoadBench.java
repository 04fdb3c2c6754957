package org.recgateway.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.recgateway.recording.Recording;
import org.recgateway.recording.RecordingStatus;
import org.recgateway.testing.AsteriskRig;
import org.recgateway.testing.GatewayRig;

/**
 * The real-Asterisk load run of BENCHMARKS.md (not part of `./run tests`: run it with
 * `bench/real-asterisk-load.sh`). SIPp places 10-second calls at a fixed rate through Asterisk 22
 * for two minutes, once to numbers the gateway handles (notice, objection offer, MixMonitor, filing)
 * and once to numbers whose dialplan plays the same notice and starts MixMonitor itself (no gateway).
 * It reports both runs side by side, every call accounted for, and the CPU time of the gateway's JVM
 * next to Asterisk's.
 */
class RealAsteriskLoadBench {
    static final String POLICY = """
            policy:
              defaultLanguage: nl
              default:
                record: {purpose: contract-evidence, notice: notice-contract-evidence-will, retention: 30d}
            """;
    private static final int RATE = Integer.getInteger("load.rate", 10);
    private static final int SECONDS = Integer.getInteger("load.seconds", 120);
    private static final int CALL_MILLIS = 10_000;

    record Run(String name, int calls, int ok, int failed, double asteriskCpuSeconds, double gatewayCpuSeconds,
               long accounted, double wallSeconds) { }

    @Test
    void tenSecondCallsAtTheRigsRateWithAndWithoutTheGateway() throws Exception {
        List<Run> runs = new ArrayList<>();
        java.time.Instant startedAt = java.time.Instant.now();
        try (GatewayRig rig = GatewayRig.start("real-asterisk-load", POLICY)) {
            long asterisk = asteriskPid();
            runs.add(load(rig, "without gateway (dialplan notice + MixMonitor)", "1601", asterisk));
            runs.add(load(rig, "with gateway (policy, notice, MixMonitor, filing)", "1001", asterisk));
            Thread.sleep(15_000);
            List<Recording> all = everyRecording(rig, startedAt);
            long filed = all.stream().filter(r -> r.status() == RecordingStatus.FILED).count();
            long active = all.stream().filter(r -> r.status() == RecordingStatus.ACTIVE).count();
            Run with = runs.get(1);
            runs.set(1, new Run(with.name(), with.calls(), with.ok(), with.failed(), with.asteriskCpuSeconds(),
                    with.gatewayCpuSeconds(), filed, with.wallSeconds()));
            String table = table(runs, active);
            System.out.println(table);
            Files.createDirectories(Path.of("target/bench"));
            Files.writeString(Path.of("target/bench/real-asterisk-load.md"), table);
            assertEquals(0, active, "every recording of an ended call is filed");
            assertEquals(with.ok(), all.stream().filter(r -> r.status() == RecordingStatus.FILED).count(),
                    "every completed call through the gateway was recorded and filed");
        }
    }

    /** Every recording since {@code from}, read in 10-second slices (a query returns at most 1,000). */
    private static List<Recording> everyRecording(GatewayRig rig, java.time.Instant from) {
        List<Recording> all = new ArrayList<>();
        java.time.Instant end = java.time.Instant.now().plusSeconds(1);
        for (java.time.Instant t = from; t.isBefore(end); t = t.plusSeconds(10)) {
            all.addAll(rig.gateway().store().find(new org.recgateway.recording.RecordingQuery(java.util.Optional.empty(),
                    java.util.Optional.empty(), java.util.Optional.empty(), java.util.Optional.empty(), java.util.Optional.of(t),
                    java.util.Optional.of(t.plusSeconds(10)), 1000)));
        }
        return all;
    }

    private static Run load(GatewayRig rig, String name, String dialed, long asteriskPid) throws Exception {
        int calls = RATE * SECONDS;
        double asteriskBefore = cpuSeconds(asteriskPid);
        double gatewayBefore = cpuSeconds(ProcessHandle.current().pid());
        long start = System.nanoTime();
        Path log = rig.out().resolve("load-" + dialed + ".log");
        Process sipp = new ProcessBuilder("sipp", "-sf", AsteriskRig.repo().resolve("gateway/src/test/resources/sipp/caller.xml").toString(),
                "-s", dialed, "-key", "callerid", "0699999999", "-key", "callername", "Load", "-i", "127.0.0.1", "-p", Integer.toString(org.recgateway.testing.RigPorts.at(1500)),
                "-mp", Integer.toString(org.recgateway.testing.RigPorts.at(1510)), "-r", Integer.toString(RATE), "-m", Integer.toString(calls), "-l", Integer.toString(RATE * 30),
                "-d", Integer.toString(CALL_MILLIS), "-timeout", Integer.toString(SECONDS + 120), "-nostdin",
                "-trace_stat", "-stf", rig.out().resolve("load-" + dialed + ".csv").toString(), "127.0.0.1:" + AsteriskRig.SIP_PORT)
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        sipp.waitFor(SECONDS + 180, TimeUnit.SECONDS);
        double wall = (System.nanoTime() - start) / 1e9;
        String out = Files.readString(log);
        int ok = counter(out, "Successful call");
        int failed = counter(out, "Failed call");
        return new Run(name, calls, ok, failed, cpuSeconds(asteriskPid) - asteriskBefore,
                cpuSeconds(ProcessHandle.current().pid()) - gatewayBefore, -1, wall);
    }

    private static int counter(String sippOutput, String name) {
        int last = sippOutput.lastIndexOf(name);
        if (last < 0) {
            return -1;
        }
        String[] cells = sippOutput.substring(last, sippOutput.indexOf('\n', last)).split("\\|");
        return Integer.parseInt(cells[cells.length - 1].trim());
    }

    private static long asteriskPid() throws IOException {
        return ProcessHandle.allProcesses().filter(p -> p.info().commandLine().orElse("").contains("asterisk -f -C /etc/asterisk-rig"))
                .mapToLong(ProcessHandle::pid).findFirst().orElseThrow(() -> new IOException("no Asterisk process"));
    }

    /** utime + stime of a process, in seconds (clock ticks of 100 Hz). */
    static double cpuSeconds(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / 100.0;
    }

    private static String table(List<Run> runs, long active) {
        StringBuilder sb = new StringBuilder("| run | calls | completed | failed | Asterisk CPU s | gateway JVM CPU s | recordings filed |\n"
                + "|---|---|---|---|---|---|---|\n");
        for (Run r : runs) {
            sb.append(String.format(Locale.ROOT, "| %s | %d | %d | %d | %.1f | %.1f | %s |%n", r.name(), r.calls(), r.ok(),
                    r.failed(), r.asteriskCpuSeconds(), r.gatewayCpuSeconds(), r.accounted() < 0 ? "n/a" : Long.toString(r.accounted())));
        }
        Run without = runs.get(0);
        Run with = runs.get(1);
        sb.append(String.format(Locale.ROOT, "%nrate %d calls/s for %d s, %d s calls; completed ratio with/without gateway %.3f;"
                        + " Asterisk CPU ratio with/without %.2f; gateway CPU share of (gateway + Asterisk) %.0f%%; still active after the run: %d%n",
                RATE, SECONDS, CALL_MILLIS / 1000, (double) with.ok() / Math.max(1, without.ok()),
                with.asteriskCpuSeconds() / Math.max(0.01, without.asteriskCpuSeconds()),
                100 * with.gatewayCpuSeconds() / Math.max(0.01, with.gatewayCpuSeconds() + with.asteriskCpuSeconds()), active));
        return sb.toString();
    }
}
