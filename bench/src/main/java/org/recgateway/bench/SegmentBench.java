package org.recgateway.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import org.recgateway.audio.WavSegment;

/**
 * Cutting a 30-second segment from the middle of a one-hour 8 kHz 16-bit mono WAV: the gateway's
 * {@link WavSegment} (in the running JVM, as the gateway would serve it) against
 * {@code sox in.wav out.wav trim 1800 30} (a process per cut, as a gateway shelling out would run it).
 */
final class SegmentBench {
    private static final int JAVA_RUNS = 300;
    private static final int SOX_RUNS = 60;

    private SegmentBench() {
    }

    static String run(Path dir) throws Exception {
        Files.createDirectories(dir);
        Path hour = dir.resolve("hour.wav");
        exec(List.of("sox", "-n", "-r", "8000", "-b", "16", "-c", "1", hour.toString(), "synth", "3600", "sine", "300-3000"));
        Path javaOut = dir.resolve("java-cut.wav");
        Path soxOut = dir.resolve("sox-cut.wav");
        long firstCall = 0;
        long[] java = new long[JAVA_RUNS];
        for (int i = -1; i < JAVA_RUNS; i++) {
            long t0 = System.nanoTime();
            try (OutputStream out = Files.newOutputStream(javaOut)) {
                WavSegment.cut(hour, Duration.ofSeconds(1800), Duration.ofSeconds(30), out);
            }
            long t = System.nanoTime() - t0;
            if (i < 0) {
                firstCall = t;
            } else {
                java[i] = t;
            }
        }
        long[] sox = new long[SOX_RUNS];
        List<String> trim = List.of("sox", hour.toString(), soxOut.toString(), "trim", "1800", "30");
        exec(trim);
        for (int i = 0; i < SOX_RUNS; i++) {
            long t0 = System.nanoTime();
            exec(trim);
            sox[i] = System.nanoTime() - t0;
        }
        byte[] a = Files.readAllBytes(javaOut);
        byte[] b = Files.readAllBytes(soxOut);
        boolean sameSamples = a.length >= 44 && b.length >= 44 && Arrays.equals(a, 44, a.length, b, b.length - (a.length - 44), b.length);
        LoadResult.Percentiles j = LoadResult.Percentiles.of(java);
        LoadResult.Percentiles s = LoadResult.Percentiles.of(sox);
        StringBuilder md = new StringBuilder("### segment\n\n");
        md.append(String.format("One-hour 8 kHz 16-bit mono WAV (%d bytes); segment 1800 s + 30 s (%d bytes out). "
                + "Same samples as sox: %s. First WavSegment call in this JVM (class loading, cold): %.2f ms.%n%n",
                Files.size(hour), a.length, sameSamples ? "yes" : "NO", firstCall / 1e6));
        md.append("| cutter | runs | p50 ms | p99 ms | max ms |\n|---|---|---|---|---|\n");
        md.append(String.format("| WavSegment (in-process, warm) | %d | %.3f | %.3f | %.3f |%n", JAVA_RUNS, j.p50(), j.p99(), j.max()));
        md.append(String.format("| sox trim (process per cut) | %d | %.3f | %.3f | %.3f |%n", SOX_RUNS, s.p50(), s.p99(), s.max()));
        md.append(String.format("%nRatio sox / WavSegment: p50 %.1fx, p99 %.1fx.%n", s.p50() / j.p50(), s.p99() / j.p99()));
        return md.toString();
    }

    private static void exec(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        int code = p.waitFor();
        if (code != 0) {
            throw new IOException(String.join(" ", command) + " failed with exit code " + code + "; is sox installed (apt-get install sox)?");
        }
    }
}
