package org.recgateway.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * Cold cuts: before every round each cutter's file is dropped from the page cache
 * ({@link PageCache#evict}) and {@code mincore} confirms that none of its pages is left, so every
 * cutter reads its bytes from the disk, through the same code as the warm rows (the plaintext cut's
 * {@code FileChannel}, the gateway's {@code FiledAudio} and {@code TinkAudioVault} for the sealed ones).
 * The store (the wrapped data key) stays warm, as it is in a running gateway. The order rotates each
 * round. Every cut is checked byte for byte against the expected one.
 */
final class ColdCuts {
    /** One cutter: its name, the audio file it reads (evicted before each round), and the cut itself. */
    record Cutter(String name, Path file, Callable<byte[]> cut) { }

    private ColdCuts() {
    }

    /**
     * The same sealed recording in a file of its own (a forced copy, same data key), so that one cutter's
     * cold reads do not warm the file another cutter reads.
     */
    static org.recgateway.recording.Recording sealedCopy(Path dir, org.recgateway.recording.Recording r) throws java.io.IOException {
        Path file = java.nio.file.Files.copy(Path.of(r.filePath()), dir.resolve("cold-" + java.util.UUID.randomUUID() + "-"
                + r.id() + org.recgateway.recording.AudioVault.SEALED_SUFFIX));
        PageCache.force(file);
        return SealedParts.filed(r.id(), file, r.sizeBytes(), r.sha256());
    }

    /** A plaintext file of its own, forced to disk. */
    static Path plainCopy(Path dir, Path wav) throws java.io.IOException {
        Path file = java.nio.file.Files.copy(wav, dir.resolve("cold-" + java.util.UUID.randomUUID() + ".wav"));
        PageCache.force(file);
        return file;
    }

    /** Runs {@code rounds} cold rounds; the first cutter is the baseline of the ratio columns. */
    static String run(List<Cutter> cutters, byte[] expected, int rounds) throws Exception {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        int n = cutters.size();
        long[][] wall = new long[n][rounds];
        long[][] cpu = new long[n][rounds];
        long[] leftMax = new long[n];
        long[] pages = new long[n];
        String load0 = SealedParts.loadavg();
        for (int i = 0; i < rounds; i++) {
            for (int k = 0; k < n; k++) {
                Path file = cutters.get(k).file();
                PageCache.evict(file);
                leftMax[k] = Math.max(leftMax[k], PageCache.resident(file));
                pages[k] = (java.nio.file.Files.size(file) + 4095) / 4096;
            }
            for (int j = 0; j < n; j++) {
                int k = (i + j) % n;
                long c0 = mx.getCurrentThreadCpuTime();
                long t0 = System.nanoTime();
                byte[] got = cutters.get(k).cut().call();
                wall[k][i] = System.nanoTime() - t0;
                cpu[k][i] = mx.getCurrentThreadCpuTime() - c0;
                if (!Arrays.equals(expected, got)) {
                    throw new IllegalStateException(cutters.get(k).name() + " gave another cut than the plaintext cut when cold");
                }
            }
        }
        StringBuilder md = new StringBuilder(String.format("Cold: %d rounds; before each round every cutter's audio file was"
                + " dropped from the page cache (posix_fadvise DONTNEED, then mincore: the most pages found still cached is in the"
                + " last column); the store stays warm; order rotating; every cut byte for byte the plaintext cut; load average %s"
                + " at the start, %s at the end.%n%n| cold cutter | wall p50 ms | wall p99 ms | max ms | CPU p50 ms | p50 / plaintext"
                + " | p99 / plaintext | pages cached after eviction (of the file's) |%n|---|---|---|---|---|---|---|---|%n", rounds,
                load0, SealedParts.loadavg()));
        LoadResult.Percentiles base = LoadResult.Percentiles.of(wall[0].clone());
        for (int k = 0; k < n; k++) {
            LoadResult.Percentiles w = LoadResult.Percentiles.of(wall[k]);
            LoadResult.Percentiles c = LoadResult.Percentiles.of(cpu[k]);
            md.append(String.format("| %s | %.3f | %.3f | %.3f | %.3f | %.2fx | %.2fx | %d of %,d |%n", cutters.get(k).name(), w.p50(),
                    w.p99(), w.max(), c.p50(), w.p50() / base.p50(), w.p99() / base.p99(), leftMax[k], pages[k]));
        }
        return md.toString();
    }
}
