package org.recgateway.vault;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.stream.Stream;

import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.StreamingAead;
import com.google.crypto.tink.TinkProtoKeysetFormat;
import com.google.crypto.tink.streamingaead.AesGcmHkdfStreamingParameters;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recgateway.listening.TestAudio;
import org.recgateway.recording.AudioVault;
import org.recgateway.recording.FileHashes;
import org.recgateway.store.JdbcDataKeys;
import org.recgateway.store.JdbcRecordingStore;

/**
 * The sealing path at filing (issue 13, session 6): data keys made from parameters without a keyset
 * generation per recording, one hop to the random thread, the plaintext read once and hashed as it is
 * encrypted; and files sealed by the keyset path of before still open.
 */
class SealingPathTest {
    private static final String A = "0f8fad5b-d9cb-469f-a165-70867728950e";
    private static final String B = "7c9e6679-7425-40de-944b-e07fc1f90ae7";

    @TempDir
    Path dir;

    private JdbcRecordingStore store;
    private JdbcDataKeys keys;
    private TinkAudioVault vault;

    @BeforeEach
    void open() {
        store = JdbcRecordingStore.open(dir.resolve("data/recordings.db"));
        keys = JdbcDataKeys.of(store);
        vault = TinkAudioVault.open(dir.resolve("keys/master-key.json"), keys);
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void sealingReturnsTheHashOfTheAudioItReadAndSealed() throws Exception {
        Path plain = TestAudio.wav(dir.resolve("rec/" + A + ".wav"), 20);
        String expected = FileHashes.sha256(plain);
        long size = Files.size(plain);

        AudioVault.Kept kept = vault.seal(A, plain, size);

        assertEquals(expected, kept.sha256());
        assertEquals(new TinkAudioVault.Digest(size, expected), vault.digest(A, kept.file()), "and the sealed file decrypts to it");
    }

    @Test
    void aFileThatDoesNotReadAsLongAsItSettledIsNotSealedAndItsPlaintextIsKept() throws Exception {
        Path plain = TestAudio.wav(dir.resolve("rec/" + A + ".wav"), 2);
        byte[] before = Files.readAllBytes(plain);

        IOException e = assertThrows(IOException.class, () -> vault.seal(A, plain, before.length - 1));

        assertTrue(e.getMessage().contains("read " + before.length + " bytes") && e.getMessage().contains("plaintext is kept"),
                e.getMessage());
        assertArrayEquals(before, Files.readAllBytes(plain));
        try (Stream<Path> files = Files.list(dir.resolve("rec"))) {
            assertEquals(List.of(plain), files.toList(), "no sealed file and no .part");
        }
    }

    @Test
    void eachSealingHandsOverToTheRandomThreadOnce() throws Exception {
        long before = RandomThread.hops();
        for (String id : List.of(A, B)) {
            Path plain = TestAudio.wav(dir.resolve("rec/" + id + ".wav"), 1);
            vault.seal(id, plain, Files.size(plain));
        }
        assertEquals(2, RandomThread.hops() - before, "key, wrap and channel start in one hop per recording");
    }

    @Test
    void theChannelStartsOnTheRandomThreadWithoutWritingAFileItsHeaderComesFirstOnceAttached() throws Exception {
        NewDataKeys newKeys = new NewDataKeys(vault.master(), gcm32k());
        SealedFiles.FileSink sink = new SealedFiles.FileSink();
        NewDataKeys.Started started = newKeys.makeAndStart(A, sink);
        Path out = dir.resolve("out");
        byte[] audio = new byte[100_000];
        new java.util.Random(3).nextBytes(audio);
        try (FileChannel file = FileChannel.open(out, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            assertEquals(0, file.size());
            sink.attach(file);
            assertEquals(1 + 32 + 7, file.size(), "the header Tink wrote at the start: length byte, salt, nonce prefix");
            try (WritableByteChannel encrypting = started.encrypting()) {
                encrypting.write(ByteBuffer.wrap(audio));
            }
            assertTrue(file.isOpen(), "closing the channel leaves the file to be forced by the caller");
        }
        assertArrayEquals(audio, decrypt(started.cipher(), out, A));
    }

    @Test
    void aNewKeysCipherIsTheKeyItsWrappedKeysetHolds() throws Exception {
        NewDataKeys.Made made = new NewDataKeys(vault.master(), gcm32k()).make(A);
        KeysetHandle keyset = TinkProtoKeysetFormat.parseEncryptedKeyset(made.wrapped(), vault.master().aead(),
                NewDataKeys.wrapContext(A));
        assertEquals(1, keyset.size());
        assertEquals(gcm32k(), keyset.getPrimary().getKey().getParameters());
        StreamingAead fromKeyset = keyset.getPrimitive(RegistryConfiguration.get(), StreamingAead.class);
        byte[] audio = new byte[70_000];
        new java.util.Random(5).nextBytes(audio);

        Path one = encrypt(made.cipher(), audio, dir.resolve("one"), A);
        Path other = encrypt(fromKeyset, audio, dir.resolve("other"), A);

        assertArrayEquals(audio, decrypt(fromKeyset, one, A), "sealed with the new cipher, opened with the stored keyset");
        assertArrayEquals(audio, decrypt(made.cipher(), other, A));
        assertFalse(java.util.Arrays.equals(made.wrapped(), new NewDataKeys(vault.master(), gcm32k()).make(A).wrapped()),
                "a new key per recording");
    }

    @Test
    void aFileSealedByTheKeysetPathOfBeforeStillOpens() throws Exception {
        // How seal made a data key until session 6: a keyset generated from the parameters, its primitive from the registry.
        KeysetHandle dataKey = KeysetHandle.generateNew(gcm32k());
        keys.put(A, TinkProtoKeysetFormat.serializeEncryptedKeyset(dataKey, vault.master().aead(), NewDataKeys.wrapContext(A)));
        StreamingAead old = dataKey.getPrimitive(RegistryConfiguration.get(), StreamingAead.class);
        Path plain = TestAudio.wav(dir.resolve(A + ".wav"), 30);
        byte[] audio = Files.readAllBytes(plain);
        Path sealed = encrypt(old, audio, AudioVault.sealedPath(plain), A);

        try (SeekableByteChannel in = vault.open(A, sealed)) {
            ByteBuffer all = ByteBuffer.allocate(audio.length);
            while (all.hasRemaining() && in.read(all) >= 0) {
                // read to the end
            }
            assertArrayEquals(audio, all.array());
        }
        assertEquals(new TinkAudioVault.Digest(audio.length, FileHashes.sha256(plain)), vault.digest(A, sealed));
    }

    private static AesGcmHkdfStreamingParameters gcm32k() throws Exception {
        return AesGcmHkdfStreamingParameters.builder().setKeySizeBytes(32).setDerivedAesGcmKeySizeBytes(32)
                .setHkdfHashType(AesGcmHkdfStreamingParameters.HashType.SHA256)
                .setCiphertextSegmentSizeBytes(TinkAudioVault.SEGMENT_BYTES).build();
    }

    private static Path encrypt(StreamingAead cipher, byte[] audio, Path to, String id) throws Exception {
        try (OutputStream out = cipher.newEncryptingStream(Files.newOutputStream(to), SealedFiles.context(id))) {
            out.write(audio);
        }
        return to;
    }

    private static byte[] decrypt(StreamingAead cipher, Path from, String id) throws Exception {
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        try (InputStream in = cipher.newDecryptingStream(Files.newInputStream(from), SealedFiles.context(id))) {
            in.transferTo(got);
        }
        return got.toByteArray();
    }
}
