package org.recgateway.bench;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import org.recgateway.audio.WavSegment;
import org.recgateway.metrics.GatewayMetrics;
import org.recgateway.policy.LegalBasis;
import org.recgateway.policy.Purpose;
import org.recgateway.recording.AudioVault;
import org.recgateway.recording.AuditNotes;
import org.recgateway.recording.FiledAudio;
import org.recgateway.recording.Recording;
import org.recgateway.recording.FileHashes;
import org.recgateway.recording.RecordingFiler;
import org.recgateway.recording.RecordingStatus;
import org.recgateway.store.JdbcDataKeys;
import org.recgateway.store.JdbcRecordingStore;
import org.recgateway.vault.TinkAudioVault;

/**
 * Encryption at rest, side by side in one run. (1) A 30-second segment from the middle of a one-hour
 * 8 kHz 16-bit mono recording, cut into memory as the listening desk serves it: from the plaintext file
 * (positional reads straight into the WAV, no proof), from the same hour sealed with 64 KB segments (new
 * recordings), 4 KB (recordings sealed before 2026-11-30) and 1 MB, every chunk read authenticated; a
 * first play (the data key not yet unwrapped); the plaintext proven by its whole SHA-256 (how a plaintext
 * recording is served); and {@code sox trim} (a process per cut). The cutters take turns round by round so
 * that they share the machine's state. (2) Filing throughput: a one-minute recording filed by
 * {@link RecordingFiler} (hash, store, audit) with and without sealing, by 1 and by 16 concurrent filers.
 */
final class SealedBench {
    private static final int ROUNDS = 400;
    private static final int COLD_ROUNDS = Integer.getInteger("bench.coldRounds", 200);
    private static final int SOX_EVERY = 4;
    private static final int HASHED_EVERY = 10;
    private static final int WRITERS = 16;

    private SealedBench() {
    }

    static String run(Path dir, int seconds) throws Exception {
        Files.createDirectories(dir);
        StringBuilder md = new StringBuilder("### sealed\n\n");
        md.append(segment(dir.resolve("segment")));
        md.append('\n').append(filing(dir.resolve("filing"), seconds));
        return md.toString();
    }

    private static String segment(Path dir) throws Exception {
        Files.createDirectories(dir);
        Path hour = dir.resolve("hour.wav");
        exec(List.of("sox", "-n", "-r", "8000", "-b", "16", "-c", "1", hour.toString(), "synth", "3600", "sine", "300-3000"));
        Path plain = Files.copy(hour, dir.resolve("plain.wav"));
        try (JdbcRecordingStore store = JdbcRecordingStore.open(dir.resolve("data/recordings.db"))) {
            TinkAudioVault vault = TinkAudioVault.open(dir.resolve("keys/master-key.json"), JdbcDataKeys.of(store));
            String hash = FileHashes.sha256(hour);
            long size = Files.size(hour);
            AuditNotes notes = new AuditNotes(store.auditTrail(Clock.systemUTC()));
            FiledAudio sealedAudio = new FiledAudio(vault, GatewayMetrics.NOOP, notes);
            FiledAudio plainAudio = new FiledAudio(AudioVault.plaintext(), GatewayMetrics.NOOP, notes);
            // The same hour sealed four times: with today's segment size (32 KB) and with three others (64 KB from
            // 2026-11-30 to 2026-12-01, 4 KB before; 1 MB to compare); every data key remembers its own size.
            int[] sizes = {TinkAudioVault.SEGMENT_BYTES, 64 * 1024, 4 * 1024, 1024 * 1024};
            Recording[] sealed = new Recording[sizes.length];
            long[] sealedBytes = new long[sizes.length];
            for (int k = 0; k < sizes.length; k++) {
                String id = UUID.randomUUID().toString();
                Path file = vault.sealingWithSegments(sizes[k]).seal(id, Files.copy(hour, dir.resolve(id + ".wav")), size).file();
                sealed[k] = filed(id, file, size, hash);
                sealedBytes[k] = Files.size(file);
            }
            Recording plainRecording = filed(UUID.randomUUID().toString(), plain, size, hash);
            // The cutters: every size the gateway's way, and 64 KB read segment by segment (the gateway before 2026-12-01).
            FiledAudio beforeAudio = new FiledAudio(vault.readingWith(TinkAudioVault.Reads.SEGMENT_BY_SEGMENT), GatewayMetrics.NOOP, notes);
            Recording[] cutRecordings = {sealed[0], sealed[1], sealed[2], sealed[3], sealed[1]};
            FiledAudio[] cutAudio = {sealedAudio, sealedAudio, sealedAudio, sealedAudio, beforeAudio};
            Duration from = Duration.ofSeconds(1800);
            Duration length = Duration.ofSeconds(30);
            List<String> trim = List.of("sox", plain.toString(), dir.resolve("sox-cut.wav").toString(), "trim", "1800", "30");
            Floor floor = new Floor(480_000);
            // Warm-up: class loading and JIT for every cutter.
            for (int i = 0; i < 200; i++) {
                for (int k = 0; k < cutRecordings.length; k++) {
                    cutAudio[k].segment(cutRecordings[k], from, length);
                }
                cutPlain(plain, from, length);
                floor.decrypt();
            }
            plainAudio.segment(plainRecording, from, length);
            exec(trim);
            long[][] enc = new long[cutRecordings.length][ROUNDS];
            long[][] encCpu = new long[cutRecordings.length][ROUNDS];
            long[] first = new long[ROUNDS];
            long[] firstCpu = new long[ROUNDS];
            long[] pt = new long[ROUNDS];
            long[] ptCpu = new long[ROUNDS];
            long[] gcm = new long[ROUNDS];
            long[] gcmCpu = new long[ROUNDS];
            java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
            long[] hashed = new long[ROUNDS / HASHED_EVERY];
            long[] sox = new long[ROUNDS / SOX_EVERY];
            boolean same = true;
            for (int i = 0; i < ROUNDS; i++) {
                // A first play: a new vault instance has nothing unwrapped yet (no start-up key check either).
                FiledAudio fresh = new FiledAudio(vault.sealingWithSegments(TinkAudioVault.SEGMENT_BYTES), GatewayMetrics.NOOP, notes);
                long u0 = mx.getCurrentThreadCpuTime();
                long c0 = System.nanoTime();
                fresh.segment(sealed[0], from, length);
                first[i] = System.nanoTime() - c0;
                firstCpu[i] = mx.getCurrentThreadCpuTime() - u0;
                u0 = mx.getCurrentThreadCpuTime();
                long p0 = System.nanoTime();
                byte[] b = cutPlain(plain, from, length);
                pt[i] = System.nanoTime() - p0;
                ptCpu[i] = mx.getCurrentThreadCpuTime() - u0;
                for (int k = 0; k < cutRecordings.length; k++) {
                    u0 = mx.getCurrentThreadCpuTime();
                    long t0 = System.nanoTime();
                    byte[] a = cutAudio[k].segment(cutRecordings[k], from, length);
                    enc[k][i] = System.nanoTime() - t0;
                    encCpu[k][i] = mx.getCurrentThreadCpuTime() - u0;
                    same &= Arrays.equals(a, b);
                }
                u0 = mx.getCurrentThreadCpuTime();
                long g0 = System.nanoTime();
                floor.decrypt();
                gcm[i] = System.nanoTime() - g0;
                gcmCpu[i] = mx.getCurrentThreadCpuTime() - u0;
                if (i % HASHED_EVERY == 0) {
                    long h0 = System.nanoTime();
                    plainAudio.segment(plainRecording, from, length);
                    hashed[i / HASHED_EVERY] = System.nanoTime() - h0;
                }
                if (i % SOX_EVERY == 0) {
                    long s0 = System.nanoTime();
                    exec(trim);
                    sox[i / SOX_EVERY] = System.nanoTime() - s0;
                }
            }
            LoadResult.Percentiles p = LoadResult.Percentiles.of(pt);
            LoadResult.Percentiles c = LoadResult.Percentiles.of(first);
            LoadResult.Percentiles h = LoadResult.Percentiles.of(hashed);
            LoadResult.Percentiles s = LoadResult.Percentiles.of(sox);
            StringBuilder md = new StringBuilder();
            md.append(String.format("Segment: 1800 s + 30 s of a one-hour 8 kHz 16-bit mono WAV (%,d bytes plaintext; sealed %,d with"
                    + " 32 KB segments, %,d with 64 KB, %,d with 4 KB, %,d with 1 MB); %,d bytes out, into memory. Every sealed cut byte for byte the"
                    + " plaintext cut: %s. Rounds: %d (sox every %d, hashed every %d); %s.%n%n",
                    size, sealedBytes[0], sealedBytes[1], sealedBytes[2], sealedBytes[3], 44 + 30 * 8000 * 2, same ? "yes" : "NO", ROUNDS, SOX_EVERY,
                    HASHED_EVERY, load()));
            md.append("| cutter | runs | p50 ms | p99 ms | max ms | p50 / plaintext | p99 / plaintext | CPU p50 ms | CPU p99 ms |"
                    + " CPU p50 / plaintext |\n|---|---|---|---|---|---|---|---|---|---|\n");
            LoadResult.Percentiles pc = LoadResult.Percentiles.of(ptCpu);
            md.append(row("plaintext: positional reads straight into the WAV, no check", p, p, pc, pc));
            String gw = SealedParts.readsName(TinkAudioVault.READS);
            String[] names = {"**sealed, 32 KB segments (new recordings)**, data key unwrapped before, " + gw,
                    "sealed, 64 KB segments (sealed 2026-11-30), " + gw,
                    "sealed, 4 KB segments (recordings sealed before 2026-11-30), " + gw, "sealed, 1 MB segments, " + gw,
                    "sealed, 64 KB segments, " + SealedParts.readsName(TinkAudioVault.Reads.SEGMENT_BY_SEGMENT)
                            + ": the gateway's cut before this change"};
            for (int k = 0; k < cutRecordings.length; k++) {
                md.append(row(names[k], LoadResult.Percentiles.of(enc[k]), p, LoadResult.Percentiles.of(encCpu[k]), pc));
            }
            md.append(row("sealed, 32 KB, first play of the recording: + data-key fetch and unwrap", c, p,
                    LoadResult.Percentiles.of(firstCpu), pc));
            md.append(row("floor: javax.crypto AES-256-GCM decryption of the 480,000 bytes alone, in memory, one call (no read, no key,"
                    + " no copy)", LoadResult.Percentiles.of(gcm), p, LoadResult.Percentiles.of(gcmCpu), pc));
            md.append(row("plaintext proven by its whole SHA-256 (how a plaintext recording is served)", h, p, null, pc));
            md.append(row("sox trim (process per cut, to a file)", s, p, null, pc));
            md.append('\n').append(cold(dir, plain, sealed, vault, notes, from, length));
            return md.toString();
        }
    }

    /**
     * Cold rows: the plaintext cut against the sealed cuts (32 KB and 64 KB segments, read each way the
     * vault can; 4 KB segments the gateway's way), each file dropped from the page cache
     * before every round ({@link ColdCuts}).
     */
    private static String cold(Path dir, Path plain, Recording[] sealed, TinkAudioVault vault, AuditNotes notes, Duration from,
                               Duration length) throws Exception {
        Path coldPlain = ColdCuts.plainCopy(dir, plain);
        List<ColdCuts.Cutter> cutters = new ArrayList<>();
        cutters.add(new ColdCuts.Cutter("plaintext: positional reads straight into the WAV, no check", coldPlain,
                () -> cutPlain(coldPlain, from, length)));
        String[] names = {"sealed, 32 KB segments (new recordings)", "sealed, 64 KB segments (sealed 2026-11-30)"};
        for (int k = 0; k < 2; k++) {
            for (TinkAudioVault.Reads how : TinkAudioVault.Reads.values()) {
                FiledAudio audio = new FiledAudio(vault.readingWith(how), GatewayMetrics.NOOP, notes);
                Recording copy = ColdCuts.sealedCopy(dir, sealed[k]);
                cutters.add(new ColdCuts.Cutter(names[k] + ", " + SealedParts.readsName(how), Path.of(copy.filePath()),
                        () -> audio.segment(copy, from, length)));
            }
        }
        FiledAudio audio = new FiledAudio(vault, GatewayMetrics.NOOP, notes);
        Recording s4 = ColdCuts.sealedCopy(dir, sealed[2]);
        cutters.add(new ColdCuts.Cutter("sealed, 4 KB segments (recordings sealed before 2026-11-30), "
                + SealedParts.readsName(TinkAudioVault.READS), Path.of(s4.filePath()), () -> audio.segment(s4, from, length)));
        return ColdCuts.run(cutters, cutPlain(plain, from, length), COLD_ROUNDS);
    }

    private static String load() throws IOException {
        return "1-minute load average at the end of the cuts " + Files.readString(Path.of("/proc/loadavg")).split(" ")[0] + " on "
                + Runtime.getRuntime().availableProcessors() + " cores";
    }

    private static String filing(Path dir, int seconds) throws Exception {
        Files.createDirectories(dir);
        Path minute = dir.resolve("minute.wav");
        exec(List.of("sox", "-n", "-r", "8000", "-b", "16", "-c", "1", minute.toString(), "synth", "60", "sine", "300-3000"));
        StringBuilder md = new StringBuilder(String.format("Filing: a one-minute recording (%,d bytes) filed by RecordingFiler"
                + " (settle check, SHA-256, store update, audit event; sealed: also a new data key stored, encryption, fsync of the"
                + " sealed file, full decryption check, plaintext removed), by 1 and by %d concurrent filers (virtual threads, as"
                + " the gateway files on AMI events), %d s per kind and count, alternating plaintext and sealed in 4 slices.%n%n",
                Files.size(minute), WRITERS, seconds));
        md.append("| filers | filing | recordings/s | p50 ms | p99 ms | max ms | sealed / plaintext recordings/s | process CPU ms per"
                + " recording | sealed / plaintext CPU |\n|---|---|---|---|---|---|---|---|---|\n");
        for (int writers : new int[] {1, WRITERS}) {
            List<long[]> plain = new ArrayList<>();
            List<long[]> sealed = new ArrayList<>();
            double plainSeconds = 0;
            double sealedSeconds = 0;
            long plainCpu = 0;
            long sealedCpu = 0;
            var os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
            for (int slice = 0; slice < 4; slice++) {
                long c0 = os.getProcessCpuTime();
                long t0 = System.nanoTime();
                plain.add(fileFor(dir.resolve(writers + "-plain-" + slice), minute, false, seconds / 4.0, writers));
                long t1 = System.nanoTime();
                long c1 = os.getProcessCpuTime();
                sealed.add(fileFor(dir.resolve(writers + "-sealed-" + slice), minute, true, seconds / 4.0, writers));
                plainSeconds += (t1 - t0) / 1e9;
                sealedSeconds += (System.nanoTime() - t1) / 1e9;
                plainCpu += c1 - c0;
                sealedCpu += os.getProcessCpuTime() - c1;
            }
            long[] p = concat(plain);
            long[] s = concat(sealed);
            double pRate = p.length / plainSeconds;
            double sRate = s.length / sealedSeconds;
            LoadResult.Percentiles pp = LoadResult.Percentiles.of(p);
            LoadResult.Percentiles sp = LoadResult.Percentiles.of(s);
            double pCpu = plainCpu / 1e6 / p.length;
            double sCpu = sealedCpu / 1e6 / s.length;
            md.append(String.format("| %d | plaintext | %.1f | %.2f | %.2f | %.2f | | %.2f | |%n", writers, pRate, pp.p50(), pp.p99(),
                    pp.max(), pCpu));
            md.append(String.format("| %d | sealed | %.1f | %.2f | %.2f | %.2f | **%.2f** | %.2f | %.2fx |%n", writers, sRate, sp.p50(),
                    sp.p99(), sp.max(), sRate / pRate, sCpu, sCpu / pCpu));
        }
        md.append(String.format("%n%s.%n", load()));
        return md.toString();
    }

    /** Files copies of {@code template} for {@code seconds} with {@code writers} filers; each filing's time, ns. */
    private static long[] fileFor(Path dir, Path template, boolean seal, double seconds, int writers) throws Exception {
        Files.createDirectories(dir.resolve("rec"));
        List<Long> times = java.util.Collections.synchronizedList(new ArrayList<>());
        try (JdbcRecordingStore store = JdbcRecordingStore.open(dir.resolve("data/recordings.db"))) {
            AudioVault vault = seal ? TinkAudioVault.open(dir.resolve("keys/master-key.json"), JdbcDataKeys.of(store))
                    : AudioVault.plaintext();
            RecordingFiler filer = new RecordingFiler(store, Clock.systemUTC(), GatewayMetrics.NOOP, Duration.ZERO,
                    new AuditNotes(store.auditTrail(Clock.systemUTC())), vault);
            long end = System.nanoTime() + (long) (seconds * 1e9);
            try (var pool = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
                List<java.util.concurrent.Future<?>> running = new ArrayList<>();
                for (int w = 0; w < writers; w++) {
                    running.add(pool.submit(() -> {
                        while (System.nanoTime() < end) {
                            String id = UUID.randomUUID().toString();
                            Path file = Files.copy(template, dir.resolve("rec/" + id + ".wav"), StandardCopyOption.REPLACE_EXISTING);
                            Recording active = Recording.active(id, new org.recgateway.recording.RecordedCall("u-" + id, "l", "PJSIP/sipp-1", "0612345678", "1001"), new org.recgateway.recording.Evidence("default", null, null), new org.recgateway.recording.PurposeSet(Purpose.QUALITY, LegalBasis.LEGITIMATE_INTEREST, Duration.ofDays(30), null, java.util.List.of()), file.toString(), Instant.now());
                            store.insert(active);
                            long t0 = System.nanoTime();
                            filer.file(active);
                            times.add(System.nanoTime() - t0);
                            Files.deleteIfExists(file);
                            Files.deleteIfExists(AudioVault.sealedPath(file));
                        }
                        return null;
                    }));
                }
                for (var f : running) {
                    f.get();
                }
            }
        }
        return times.stream().mapToLong(Long::longValue).toArray();
    }

    private static Recording filed(String id, Path file, long size, String hash) {
        Instant start = Instant.now().minusSeconds(3600);
        return Recording.active(id, new org.recgateway.recording.RecordedCall("u", "l", "PJSIP/x-1", "0611", "1001"), new org.recgateway.recording.Evidence("bench", null, null), new org.recgateway.recording.PurposeSet(Purpose.PROVIDER_DIAGNOSTICS, LegalBasis.LEGITIMATE_INTEREST, Duration.ofDays(30), null, java.util.List.of()), file.toString(), start)
                .filed(start.plusSeconds(3600), size, hash, RecordingStatus.FILED);
    }

    /** The plaintext cut as the listening desk makes it, minus the proof: open, read the segment into its WAV. */
    private static byte[] cutPlain(Path file, Duration from, Duration length) throws IOException {
        try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
            return WavSegment.read(in, file, from, length, Long.MAX_VALUE);
        }
    }

    private static String row(String name, LoadResult.Percentiles p, LoadResult.Percentiles plain, LoadResult.Percentiles cpu,
                              LoadResult.Percentiles plainCpu) {
        String cpuColumns = cpu == null ? " | | |" : String.format(" %.3f | %.3f | %.2fx |", cpu.p50(), cpu.p99(),
                cpu.p50() / plainCpu.p50());
        return String.format("| %s | %d | %.3f | %.3f | %.3f | %.2fx | %.2fx |%s%n", name, p.count(), p.p50(), p.p99(), p.max(),
                p.p50() / plain.p50(), p.p99() / plain.p99(), cpuColumns);
    }

    /** AES-256-GCM decryption of a fixed ciphertext with the JDK alone: what any authenticated cut pays at least. */
    private static final class Floor {
        private final javax.crypto.spec.SecretKeySpec key = new javax.crypto.spec.SecretKeySpec(new byte[32], "AES");
        private final byte[] ciphertext;
        private final byte[] out;
        private final javax.crypto.Cipher cipher;

        Floor(int bytes) throws java.security.GeneralSecurityException {
            cipher = javax.crypto.Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(javax.crypto.Cipher.ENCRYPT_MODE, key, new javax.crypto.spec.GCMParameterSpec(128, new byte[12]));
            ciphertext = cipher.doFinal(new byte[bytes]);
            out = new byte[bytes];
        }

        void decrypt() throws java.security.GeneralSecurityException {
            cipher.init(javax.crypto.Cipher.DECRYPT_MODE, key, new javax.crypto.spec.GCMParameterSpec(128, new byte[12]));
            cipher.doFinal(ciphertext, 0, ciphertext.length, out, 0);
        }
    }

    private static long[] concat(List<long[]> parts) {
        return parts.stream().flatMapToLong(Arrays::stream).toArray();
    }

    static void exec(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (p.waitFor() != 0) {
            throw new IOException(String.join(" ", command) + " failed; is sox installed (apt-get install sox)?");
        }
    }
}
