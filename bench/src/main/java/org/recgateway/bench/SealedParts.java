package org.recgateway.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.Callable;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import com.google.crypto.tink.Parameters;
import com.google.crypto.tink.streamingaead.AesCtrHmacStreamingParameters;
import com.google.crypto.tink.streamingaead.AesGcmHkdfStreamingParameters;
import org.recgateway.audio.WavSegment;
import org.recgateway.metrics.GatewayMetrics;
import org.recgateway.policy.LegalBasis;
import org.recgateway.policy.Purpose;
import org.recgateway.recording.AuditNotes;
import org.recgateway.recording.FiledAudio;
import org.recgateway.recording.Recording;
import org.recgateway.recording.FileHashes;
import org.recgateway.recording.RecordingStatus;
import org.recgateway.store.JdbcDataKeys;
import org.recgateway.store.JdbcRecordingStore;
import org.recgateway.vault.TinkAudioVault;

/**
 * Where the time of a sealed 30-second cut goes, each part measured on its own and side by side with
 * the plaintext cut in the same rounds (the order rotates each round): wall time and the cutting
 * thread's CPU time, p50 and p99.
 */
final class SealedParts {
    private static final int WARMUP = 300;
    private static final int ROUNDS = Integer.getInteger("bench.rounds", 1000);
    private static final int COLD_ROUNDS = Integer.getInteger("bench.coldRounds", 200);

    private SealedParts() {
    }

    static String run(Path dir) throws Exception {
        Files.createDirectories(dir);
        Path hour = dir.resolve("hour.wav");
        SealedBench.exec(List.of("sox", "-n", "-r", "8000", "-b", "16", "-c", "1", hour.toString(), "synth", "3600", "sine", "300-3000"));
        Duration from = Duration.ofSeconds(1800);
        Duration length = Duration.ofSeconds(30);
        try (JdbcRecordingStore store = JdbcRecordingStore.open(dir.resolve("data/recordings.db"))) {
            JdbcDataKeys keys = JdbcDataKeys.of(store);
            TinkAudioVault vault = TinkAudioVault.open(dir.resolve("keys/master-key.json"), keys);
            String hash = FileHashes.sha256(hour);
            long size = Files.size(hour);
            FiledAudio audio = new FiledAudio(vault, GatewayMetrics.NOOP, new AuditNotes(store.auditTrail(Clock.systemUTC())));
            Map<String, Callable<?>> parts = new LinkedHashMap<>();
            parts.put("plaintext cut", () -> {
                try (FileChannel in = FileChannel.open(hour, StandardOpenOption.READ)) {
                    return WavSegment.read(in, hour, from, length, Long.MAX_VALUE);
                }
            });
            // The gateway's ways of reading a sealed file: segment by segment (before 2026-12-01), one range.
            Map<TinkAudioVault.Reads, FiledAudio> reading = new java.util.EnumMap<>(TinkAudioVault.Reads.class);
            for (TinkAudioVault.Reads how : TinkAudioVault.Reads.values()) {
                reading.put(how, new FiledAudio(vault.readingWith(how), GatewayMetrics.NOOP, new AuditNotes(store.auditTrail(Clock.systemUTC()))));
            }
            Map<String, Parameters> kinds = new LinkedHashMap<>();
            kinds.put("AES-256-GCM-HKDF 32 KB", gcm(32, 32));
            kinds.put("AES-256-GCM-HKDF 64 KB", gcm(32, 64));
            kinds.put("AES-256-GCM-HKDF 16 KB", gcm(32, 16));
            kinds.put("AES-128-GCM-HKDF 64 KB", gcm(16, 64));
            kinds.put("AES-128-GCM-HKDF 32 KB", gcm(16, 32));
            kinds.put("AES-128-CTR-HMAC-SHA256 64 KB", AesCtrHmacStreamingParameters.builder().setKeySizeBytes(16)
                    .setDerivedKeySizeBytes(16).setHkdfHashType(AesCtrHmacStreamingParameters.HashType.SHA256)
                    .setHmacHashType(AesCtrHmacStreamingParameters.HashType.SHA256).setHmacTagSizeBytes(32)
                    .setCiphertextSegmentSizeBytes(64 * 1024).build());
            Recording aes128 = null;
            Map<String, Recording> sealedKinds = new LinkedHashMap<>();
            for (Map.Entry<String, Parameters> k : kinds.entrySet()) {
                String id = UUID.randomUUID().toString();
                Path copy = Files.copy(hour, dir.resolve(id + ".wav"));
                Path file = vault.sealingWith(k.getValue()).seal(id, copy, size).file();
                Recording r = filed(id, file, size, hash);
                sealedKinds.put(k.getKey(), r);
                if (k.getKey().equals("AES-128-GCM-HKDF 64 KB")) {
                    aes128 = r;
                }
                if (k.getKey().startsWith("AES-256")) {
                    for (TinkAudioVault.Reads how : TinkAudioVault.Reads.values()) {
                        parts.put("sealed cut " + k.getKey() + ", " + readsName(how), () -> reading.get(how).segment(r, from, length));
                    }
                } else {
                    parts.put("sealed cut " + k.getKey() + ", " + readsName(TinkAudioVault.READS), () -> audio.segment(r, from, length));
                }
                if (k.getValue() instanceof AesGcmHkdfStreamingParameters p && p.getDerivedAesGcmKeySizeBytes() == 16) {
                    parts.put("sealed cut " + k.getKey() + ", two halves at once (second half on a virtual thread)",
                            () -> twoHalves(vault, r, p));
                }
            }
            Recording r128 = aes128;
            Path f128 = Path.of(r128.filePath());
            parts.put("AES-128 64 KB: data key read (store) + open + first chunk", () -> {
                try (SeekableByteChannel c = vault.open(r128.id(), f128)) {
                    return c.size();
                }
            });
            parts.put("store read of the wrapped data key", () -> keys.get(r128.id()));
            byte[] plain = new byte[480_000];
            new Random(1).nextBytes(plain);
            byte[] out = new byte[plain.length + 16];
            for (int keyBytes : new int[] {16, 32}) {
                SecretKeySpec key = new SecretKeySpec(new byte[keyBytes], "AES");
                Cipher enc = Cipher.getInstance("AES/GCM/NoPadding");
                enc.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, new byte[12]));
                byte[] ct = enc.doFinal(plain);
                Cipher dec = Cipher.getInstance("AES/GCM/NoPadding");
                parts.put("javax.crypto AES-" + keyBytes * 8 + "-GCM decrypt of 480,000 bytes, one call", () -> {
                    dec.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, new byte[12]));
                    return dec.doFinal(ct, 0, ct.length, out, 0);
                });
            }
            parts.put("copy of 480,000 bytes (System.arraycopy)", () -> {
                System.arraycopy(plain, 0, out, 0, plain.length);
                return out;
            });
            List<String> names = new ArrayList<>(parts.keySet());
            List<Callable<?>> calls = new ArrayList<>(parts.values());
            byte[] expected = (byte[]) calls.getFirst().call();
            for (int i = 0; i < WARMUP; i++) {
                for (int k = 0; k < calls.size(); k++) {
                    Object got = calls.get(k).call();
                    if (names.get(k).contains("cut") && !java.util.Arrays.equals(expected, (byte[]) got)) {
                        throw new IllegalStateException(names.get(k) + " does not give the plaintext cut");
                    }
                }
            }
            ThreadMXBean mx = ManagementFactory.getThreadMXBean();
            long[][] wall = new long[calls.size()][ROUNDS];
            long[][] cpu = new long[calls.size()][ROUNDS];
            String load0 = loadavg();
            for (int i = 0; i < ROUNDS; i++) {
                for (int j = 0; j < calls.size(); j++) {
                    int k = (i + j) % calls.size();
                    long c0 = mx.getCurrentThreadCpuTime();
                    long t0 = System.nanoTime();
                    calls.get(k).call();
                    wall[k][i] = System.nanoTime() - t0;
                    cpu[k][i] = mx.getCurrentThreadCpuTime() - c0;
                }
            }
            StringBuilder md = new StringBuilder(String.format("Parts of a sealed 30-s cut (1800 s + 30 s of a one-hour 8 kHz"
                    + " 16-bit WAV), %d rounds after %d warm-up, order rotating; load average %s at the start, %s at the end, on %d"
                    + " cores.%n%n| part | wall p50 ms | wall p99 ms | CPU p50 ms | CPU p99 ms | wall p50 / plaintext cut |%n"
                    + "|---|---|---|---|---|---|%n", ROUNDS, WARMUP, load0, loadavg(), Runtime.getRuntime().availableProcessors()));
            LoadResult.Percentiles base = LoadResult.Percentiles.of(wall[0].clone());
            for (int k = 0; k < calls.size(); k++) {
                LoadResult.Percentiles w = LoadResult.Percentiles.of(wall[k]);
                LoadResult.Percentiles c = LoadResult.Percentiles.of(cpu[k]);
                md.append(String.format("| %s | %.3f | %.3f | %.3f | %.3f | %.2fx |%n", names.get(k), w.p50(), w.p99(), c.p50(),
                        c.p99(), w.p50() / base.p50()));
            }
            md.append('\n').append(cold(dir, hour, reading, sealedKinds, from, length, expected));
            md.append('\n').append(SealingParts.run(dir.resolve("filing"), store, vault, Math.max(50, ROUNDS / 10)));
            return md.toString();
        }
    }

    /**
     * The same 30-s cut with the second half (from the ciphertext segment boundary nearest the middle)
     * decrypted at the same time through a second channel on a virtual thread. The second {@code open}
     * also reads the data key from the store and authenticates the first chunk: an upper bound of what a
     * second channel costs.
     */
    private static byte[] twoHalves(TinkAudioVault vault, Recording r, AesGcmHkdfStreamingParameters p) throws Exception {
        Path file = Path.of(r.filePath());
        long start = 44 + 1800L * 16_000;
        int bytes = 30 * 16_000;
        int plainPerSegment = p.getCiphertextSegmentSizeBytes() - 16;
        int header = 1 + p.getDerivedAesGcmKeySizeBytes() + 7;
        long split = Math.round((double) (start + bytes / 2 + header) / plainPerSegment) * plainPerSegment - header;
        byte[] wav = new byte[44 + bytes];
        try (SeekableByteChannel first = vault.open(r.id(), file)) {
            readFully(first, ByteBuffer.wrap(wav, 0, 44));  // sox writes the canonical 44-byte header
            ByteBuffer.wrap(wav).order(java.nio.ByteOrder.LITTLE_ENDIAN).putInt(4, 36 + bytes).putInt(40, bytes);
            java.util.concurrent.FutureTask<Void> tail = new java.util.concurrent.FutureTask<>(() -> {
                try (SeekableByteChannel second = vault.open(r.id(), file)) {
                    second.position(split);
                    readFully(second, ByteBuffer.wrap(wav, 44 + (int) (split - start), (int) (start + bytes - split)));
                }
                return null;
            });
            Thread.ofVirtual().start(tail);
            first.position(start);
            readFully(first, ByteBuffer.wrap(wav, 44, (int) (split - start)));
            tail.get();
        }
        return wav;
    }

    private static void readFully(SeekableByteChannel in, ByteBuffer into) throws java.io.IOException {
        while (into.hasRemaining()) {
            if (in.read(into) < 0) {
                throw new java.io.EOFException();
            }
        }
    }

    /** Cold rows: the plaintext cut and the AES-256 sealed cuts, each file dropped from the page cache before every round. */
    private static String cold(Path dir, Path hour, Map<TinkAudioVault.Reads, FiledAudio> reading, Map<String, Recording> sealed,
                               Duration from, Duration length, byte[] expected) throws Exception {
        Path plain = ColdCuts.plainCopy(dir, hour);
        List<ColdCuts.Cutter> cutters = new ArrayList<>();
        cutters.add(new ColdCuts.Cutter("plaintext cut", plain, () -> {
            try (FileChannel in = FileChannel.open(plain, StandardOpenOption.READ)) {
                return WavSegment.read(in, plain, from, length, Long.MAX_VALUE);
            }
        }));
        for (String kind : List.of("AES-256-GCM-HKDF 32 KB", "AES-256-GCM-HKDF 64 KB", "AES-256-GCM-HKDF 16 KB")) {
            for (TinkAudioVault.Reads how : TinkAudioVault.Reads.values()) {
                Recording copy = ColdCuts.sealedCopy(dir, sealed.get(kind));
                FiledAudio audio = reading.get(how);
                cutters.add(new ColdCuts.Cutter("sealed cut " + kind + ", " + readsName(how), Path.of(copy.filePath()),
                        () -> audio.segment(copy, from, length)));
            }
        }
        return ColdCuts.run(cutters, expected, COLD_ROUNDS);
    }

    static String readsName(TinkAudioVault.Reads how) {
        return switch (how) {
            case SEGMENT_BY_SEGMENT -> "FileChannel read per segment (before)";
            case ONE_RANGE -> "one FileChannel read of the range";
        } + (how == TinkAudioVault.READS ? " (the gateway's)" : "");
    }

    private static Parameters gcm(int keyBytes, int segmentKb) throws java.security.GeneralSecurityException {
        return AesGcmHkdfStreamingParameters.builder().setKeySizeBytes(keyBytes).setDerivedAesGcmKeySizeBytes(keyBytes)
                .setHkdfHashType(AesGcmHkdfStreamingParameters.HashType.SHA256).setCiphertextSegmentSizeBytes(segmentKb * 1024)
                .build();
    }

    static String loadavg() throws java.io.IOException {
        String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
        return f[0] + "/" + f[1] + "/" + f[2];
    }

    static Recording filed(String id, Path file, long size, String hash) {
        Instant start = Instant.now().minusSeconds(3600);
        return Recording.active(id, new org.recgateway.recording.RecordedCall("u", "l", "PJSIP/x-1", "0611", "1001"),
                new org.recgateway.recording.Evidence("bench", null, null), new org.recgateway.recording.PurposeSet(
                        Purpose.PROVIDER_DIAGNOSTICS, LegalBasis.LEGITIMATE_INTEREST, Duration.ofDays(30), null, List.of()),
                file.toString(), start).filed(start.plusSeconds(3600), size, hash, RecordingStatus.FILED);
    }
}
