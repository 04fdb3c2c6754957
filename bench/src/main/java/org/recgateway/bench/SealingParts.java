package org.recgateway.bench;

import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.StreamingAead;
import com.google.crypto.tink.TinkProtoKeysetFormat;
import com.google.crypto.tink.streamingaead.AesGcmHkdfStreamingKey;
import com.google.crypto.tink.streamingaead.AesGcmHkdfStreamingParameters;
import com.google.crypto.tink.subtle.AesGcmHkdfStreaming;
import com.google.crypto.tink.util.SecretBytes;
import org.recgateway.recording.AudioVault;
import org.recgateway.recording.FileHashes;
import org.recgateway.recording.RecordingFiler;
import org.recgateway.store.JdbcDataKeys;
import org.recgateway.store.JdbcRecordingStore;
import org.recgateway.vault.TinkAudioVault;

/** Where the time of sealing a recording at filing goes (part of {@code bench/run.sh sealed-parts}). */
final class SealingParts {
    private SealingParts() {
    }

    /**
     * What sealing adds to filing a one-minute recording (960,044 bytes), part by part: the whole
     * {@code seal} (data key made, wrapped and stored, encryption into a file with the SHA-256 taken in the
     * same read, its fsync, decryption of the whole file to check size and SHA-256, rename, plaintext
     * removed) and its pieces measured alone, among them the data key made the way of before and the
     * gateway's way since session 6, side by side in the same rounds.
     */
    static String run(Path dir, JdbcRecordingStore store, TinkAudioVault vault, int rounds) throws Exception {
        Files.createDirectories(dir);
        Path minute = dir.resolve("minute.wav");
        SealedBench.exec(List.of("sox", "-n", "-r", "8000", "-b", "16", "-c", "1", minute.toString(), "synth", "60", "sine", "300-3000"));
        String hash = FileHashes.sha256(minute);
        long size = Files.size(minute);
        byte[] audio = Files.readAllBytes(minute);
        JdbcDataKeys keys = JdbcDataKeys.of(store);
        SecretKeySpec key = new SecretKeySpec(new byte[32], "AES");
        Map<String, Callable<?>> parts = new LinkedHashMap<>();
        parts.put("RecordingFiler's SHA-256 of the file (sealed filing read the file for it before the seal until session 6;"
                + " now only plaintext filing does)", () -> FileHashes.sha256(minute));
        parts.put("seal: whole (AES-256-GCM-HKDF " + TinkAudioVault.SEGMENT_BYTES / 1024 + " KB), the SHA-256 taken in the same read", () -> {
            String id = UUID.randomUUID().toString();
            Path copy = Files.copy(minute, dir.resolve(id + ".wav"));
            long t0 = System.nanoTime();
            AudioVault.Kept kept = vault.seal(id, copy, size);
            long took = System.nanoTime() - t0;
            if (!kept.sha256().equals(hash)) {
                throw new IllegalStateException("seal hashed " + kept.sha256() + ", the file is " + hash);
            }
            Files.delete(kept.file());
            return took;
        });
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        // Filing's work on the audio as CPU of the filing thread (the process's CPU time ticks in 10 ms here, too coarse):
        // before session 6 RecordingFiler.sha256 read the file and seal read it again.
        parts.put("seal: filing's hash and seal of the file, CPU of the filing thread (without the random thread's hop and the key's store commit)", () -> {
            String id = UUID.randomUUID().toString();
            Path copy = Files.copy(minute, dir.resolve(id + ".wav"));
            long c0 = threads.getCurrentThreadCpuTime();
            AudioVault.Kept kept = vault.seal(id, copy, size);
            long cpu = threads.getCurrentThreadCpuTime() - c0;
            Files.delete(kept.file());
            return cpu;
        });
        Aead master = vault.master().aead();
        AesGcmHkdfStreamingParameters gcm = AesGcmHkdfStreamingParameters.builder().setKeySizeBytes(TinkAudioVault.KEY_BYTES)
                .setDerivedAesGcmKeySizeBytes(TinkAudioVault.KEY_BYTES).setHkdfHashType(AesGcmHkdfStreamingParameters.HashType.SHA256)
                .setCiphertextSegmentSizeBytes(TinkAudioVault.SEGMENT_BYTES).build();
        byte[] context = "recgateway data key v1 bench".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        parts.put("  part: data key, keyset path of before (KeysetHandle.generateNew, wrap, registry primitive)", () -> {
            KeysetHandle dataKey = KeysetHandle.generateNew(gcm);
            return List.of(TinkProtoKeysetFormat.serializeEncryptedKeyset(dataKey, master, context),
                    dataKey.getPrimitive(RegistryConfiguration.get(), StreamingAead.class));
        });
        // The steps of vault/NewDataKeys.make (package-private there), through the same Tink calls.
        parts.put("  part: data key from parameters (the gateway's since session 6: AesGcmHkdfStreamingKey, wrap, AesGcmHkdfStreaming)", () -> {
            AesGcmHkdfStreamingKey made = AesGcmHkdfStreamingKey.create(gcm, SecretBytes.randomBytes(gcm.getKeySizeBytes()));
            KeysetHandle dataKey = KeysetHandle.newBuilder().addEntry(KeysetHandle.importKey(made).withRandomId().makePrimary()).build();
            return List.of(TinkProtoKeysetFormat.serializeEncryptedKeyset(dataKey, master, context), AesGcmHkdfStreaming.create(made));
        });
        StreamingAead cipher = AesGcmHkdfStreaming.create(AesGcmHkdfStreamingKey.create(gcm, SecretBytes.randomBytes(gcm.getKeySizeBytes())));
        java.nio.channels.WritableByteChannel nowhere = java.nio.channels.Channels.newChannel(java.io.OutputStream.nullOutputStream());
        parts.put("  part: encrypting channel start (salt and nonce prefix, HKDF, cipher instance, header)",
                () -> cipher.newEncryptingChannel(nowhere, context));
        parts.put("  part: store commit of a wrapped data key (runs beside the encryption)", () -> {
            keys.put("bench-" + UUID.randomUUID(), new byte[150]);
            return null;
        });
        parts.put("  part: write 960,044 bytes to a new file and fsync it", () -> {
            Path f = dir.resolve("sync-" + UUID.randomUUID());
            try (FileChannel out = FileChannel.open(f, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                out.write(ByteBuffer.wrap(audio));
                out.force(true);
            }
            Files.delete(f);
            return null;
        });
        parts.put("  part: javax.crypto AES-256-GCM encryption of 960,044 bytes", () -> {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, java.security.SecureRandom.getSeed(12)));
            return c.doFinal(audio);
        });
        parts.put("  part: SHA-256 of 960,044 bytes in memory", () -> java.security.MessageDigest.getInstance("SHA-256").digest(audio));
        List<String> names = new ArrayList<>(parts.keySet());
        List<Callable<?>> calls = new ArrayList<>(parts.values());
        for (int i = 0; i < 20; i++) {
            for (Callable<?> c : calls) {
                c.call();
            }
        }
        long[][] wall = new long[calls.size()][rounds];
        for (int i = 0; i < rounds; i++) {
            for (int k = 0; k < calls.size(); k++) {
                long t0 = System.nanoTime();
                Object got = calls.get(k).call();
                wall[k][i] = got instanceof Long took && names.get(k).startsWith("seal:") ? took : System.nanoTime() - t0;
            }
        }
        StringBuilder md = new StringBuilder(String.format("Parts of sealing at filing (a one-minute recording, %,d bytes),"
                + " %d rounds; load average %s at the end.%n%n| part | p50 ms | p99 ms |%n|---|---|---|%n", size, rounds, SealedParts.loadavg()));
        for (int k = 0; k < calls.size(); k++) {
            LoadResult.Percentiles w = LoadResult.Percentiles.of(wall[k]);
            md.append(String.format("| %s | %.3f | %.3f |%n", names.get(k), w.p50(), w.p99()));
        }
        return md.toString();
    }
}
