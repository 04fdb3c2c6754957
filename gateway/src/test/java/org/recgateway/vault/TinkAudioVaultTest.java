package org.recgateway.vault;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recgateway.audio.WavSegment;
import org.recgateway.listening.TestAudio;
import org.recgateway.recording.AudioVault;
import org.recgateway.recording.TamperedAudioException;
import org.recgateway.store.JdbcDataKeys;
import org.recgateway.store.JdbcRecordingStore;

/** Sealing with Tink streaming AEAD against a real SQLite key table and real files. */
class TinkAudioVaultTest {
    private static final String A = "0f8fad5b-d9cb-469f-a165-70867728950e";
    private static final String B = "7c9e6679-7425-40de-944b-e07fc1f90ae7";

    @TempDir
    Path dir;

    private JdbcRecordingStore store;
    private JdbcDataKeys keys;
    private Path masterFile;

    @BeforeEach
    void open() {
        store = JdbcRecordingStore.open(dir.resolve("data/recordings.db"));
        keys = JdbcDataKeys.of(store);
        masterFile = dir.resolve("keys/master-key.json");
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void firstStartMakesAMasterKeyOnlyItsOwnerMayRead() throws Exception {
        TinkAudioVault.open(masterFile, keys);

        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(masterFile)));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(masterFile.getParent())));
        assertTrue(keys.get(KeyCheck.ID).isPresent(), "the database remembers which master key it belongs to");
    }

    @Test
    void sealingLeavesNoPlaintextAndAnyStretchReadsBackAsTheOriginal() throws Exception {
        TinkAudioVault vault = TinkAudioVault.open(masterFile, keys);
        Path plain = TestAudio.wav(dir.resolve("rec/" + A + ".wav"), 300);
        Path original = Files.copy(plain, dir.resolve("original.wav"));
        byte[] originalBytes = Files.readAllBytes(original);

        Path sealed = vault.seal(A, plain, Files.size(plain)).file();

        assertFalse(Files.exists(plain), "the plaintext is removed");
        assertEquals(AudioVault.sealedPath(plain), sealed);
        try (Stream<Path> files = Files.list(dir.resolve("rec"))) {
            assertEquals(List.of(sealed), files.toList(), "nothing but the sealed file is left, no .part either");
        }
        byte[] ciphertext = Files.readAllBytes(sealed);
        for (int at = 44; at + 64 <= originalBytes.length; at += 40_000) {  // no stretch of samples is readable
            assertEquals(-1, indexOf(ciphertext, Arrays.copyOfRange(originalBytes, at, at + 64)), "plaintext at byte " + at);
        }
        for (int[] segment : new int[][] {{0, 30}, {137, 30}, {290, 30}, {299, 1}}) {
            assertArrayEquals(cut(original, segment[0], segment[1]), cut(vault, A, sealed, segment[0], segment[1]),
                    "segment at " + segment[0] + " s");
        }
    }

    @Test
    void aDestroyedKeyLeavesEveryCopyUnopenableAndIsOverwrittenInTheDatabase() throws Exception {
        TinkAudioVault vault = TinkAudioVault.open(masterFile, keys);
        Path plain = TestAudio.wav(dir.resolve(A + ".wav"), 5);
        Path sealed = vault.seal(A, plain, Files.size(plain)).file();
        Path backup = Files.copy(sealed, dir.resolve("backup.enc"));
        byte[] wrapped = keys.get(A).orElseThrow();

        vault.shred(A);

        assertTrue(keys.get(A).isEmpty());
        TamperedAudioException e = assertThrows(TamperedAudioException.class, () -> vault.open(A, backup));
        assertTrue(e.getMessage().contains("has no data key"), e.getMessage());
        store.close();  // checkpoints the WAL into the database file
        byte[] database = Files.readAllBytes(dir.resolve("data/recordings.db"));
        assertEquals(-1, indexOf(database, Arrays.copyOfRange(wrapped, 0, 48)), "secure_delete overwrote the wrapped key");
        store = JdbcRecordingStore.open(dir.resolve("data/recordings.db"));
    }

    @Test
    void aKeyDestroyedByThisOrAnotherGatewayOnTheSameStoreIsNeitherUsedNorKeptInMemory() throws Exception {
        TinkAudioVault here = TinkAudioVault.open(masterFile, keys);
        Path a = TestAudio.wav(dir.resolve(A + ".wav"), 5);
        Path b = TestAudio.wav(dir.resolve(B + ".wav"), 5);
        Path sealedA = here.seal(A, a, Files.size(a)).file();
        Path sealedB = here.seal(B, b, Files.size(b)).file();
        cut(here, A, sealedA, 0, 2);
        cut(here, B, sealedB, 0, 2);
        assertTrue(here.holdsUnwrapped(A) && here.holdsUnwrapped(B), "a played recording's key stays unwrapped for its next segment");

        here.shred(A);

        assertFalse(here.holdsUnwrapped(A), "shredding drops the unwrapped key at once");
        assertThrows(TamperedAudioException.class, () -> here.open(A, sealedA));

        TinkAudioVault otherGateway = TinkAudioVault.open(masterFile, keys);
        otherGateway.shred(B);  // e.g. retention run by another gateway on the same PostgreSQL

        TamperedAudioException e = assertThrows(TamperedAudioException.class, () -> here.open(B, sealedB));
        assertTrue(e.getMessage().contains("has no data key"), e.getMessage());
        assertFalse(here.holdsUnwrapped(B), "the key another gateway destroyed is not used, and dropped from memory at the next open");
    }

    @Test
    void rotationRewrapsEveryKeyKeepsOldRecordingsReadableAndRetiringLocksOldBackupsOut() throws Exception {
        TinkAudioVault vault = TinkAudioVault.open(masterFile, keys);
        Path a = TestAudio.wav(dir.resolve(A + ".wav"), 5);
        Path original = Files.copy(a, dir.resolve("a-original.wav"));
        Path sealedA = vault.seal(A, a, Files.size(a)).file();
        byte[] wrappedBefore = keys.get(A).orElseThrow();
        String masterBefore = Files.readString(masterFile);

        FileMasterKey master = (FileMasterKey) vault.master();
        master.rotate();
        assertEquals(2, vault.rewrapAll(), "A's data key and the key check");
        Path b = TestAudio.wav(dir.resolve(B + ".wav"), 5);
        Path sealedB = vault.seal(B, b, Files.size(b)).file();
        master.retireOld();

        assertEquals(1, master.keys());
        assertFalse(Arrays.equals(wrappedBefore, keys.get(A).orElseThrow()), "A's data key is wrapped anew");
        assertArrayEquals(cut(original, 1, 2), cut(vault, A, sealedA, 1, 2), "A still reads after rotation");
        assertEquals(44 + 2 * TestAudio.BYTES_PER_SECOND, cut(vault, B, sealedB, 1, 2).length);
        TinkAudioVault reopened = TinkAudioVault.open(masterFile, keys);
        assertArrayEquals(cut(original, 1, 2), cut(reopened, A, sealedA, 1, 2), "and after a restart");
        // A backup of the database from before the rotation holds A's old wrapping: the retired key is gone.
        keys.put(A, wrappedBefore);
        assertThrows(TamperedAudioException.class, () -> reopened.open(A, sealedA));
        assertFalse(Files.readString(masterFile).contains(masterBefore.substring(20, 60)));
    }

    @Test
    void aRunningGatewayPicksUpARotationMadeByTheCommandLine() throws Exception {
        TinkAudioVault running = TinkAudioVault.open(masterFile, keys);
        Path a = TestAudio.wav(dir.resolve(A + ".wav"), 2);
        Path original = Files.copy(a, dir.resolve("a-original.wav"));
        Path sealed = running.seal(A, a, Files.size(a)).file();

        FileMasterKey commandLine = FileMasterKey.load(masterFile);  // another process: ./run keys rotate
        commandLine.rotate();
        TinkAudioVault.open(commandLine, keys).rewrapAll();
        commandLine.retireOld();

        Path b = TestAudio.wav(dir.resolve(B + ".wav"), 2);
        running.seal(B, b, Files.size(b)).file();

        assertEquals(commandLine.primaryId(), ((FileMasterKey) running.master()).primaryId(), "the running gateway re-read the key file");
        assertArrayEquals(cut(original, 0, 1), cut(TinkAudioVault.open(masterFile, keys), A, sealed, 0, 1));
        assertEquals(44 + TestAudio.BYTES_PER_SECOND, cut(TinkAudioVault.open(masterFile, keys), B,
                AudioVault.sealedPath(b), 0, 1).length, "wrapped under the new key, which the file now holds alone");
    }

    @Test
    void aWrongMasterKeyIsRefusedBeforeAnythingIsRead() throws Exception {
        TinkAudioVault vault = TinkAudioVault.open(masterFile, keys);
        Path a = TestAudio.wav(dir.resolve(A + ".wav"), 2);
        vault.seal(A, a, Files.size(a)).file();
        Path other = dir.resolve("other-keys/master-key.json");
        FileMasterKey.create(other);
        Files.move(other, masterFile, StandardCopyOption.REPLACE_EXISTING);

        VaultException e = assertThrows(VaultException.class, () -> TinkAudioVault.open(masterFile, keys));

        assertTrue(e.getMessage().contains(masterFile.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("is not the key this database's recordings were sealed with"), e.getMessage());
        assertTrue(e.getMessage().contains("restore the right key file"), e.getMessage());
    }

    @Test
    void aMissingMasterKeyIsRefusedOnceTheDatabaseHoldsDataKeys() throws Exception {
        TinkAudioVault.open(masterFile, keys);
        Files.delete(masterFile);

        VaultException e = assertThrows(VaultException.class, () -> TinkAudioVault.open(masterFile, keys));

        assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
        assertTrue(e.getMessage().contains("a new key would not open the recordings"), e.getMessage());
        assertFalse(Files.exists(masterFile), "no new key was made in its place");
    }

    @Test
    void aMasterKeyFileOthersMayReadIsRefused() throws Exception {
        TinkAudioVault.open(masterFile, keys);
        Files.setPosixFilePermissions(masterFile, PosixFilePermissions.fromString("rw-r--r--"));

        VaultException e = assertThrows(VaultException.class, () -> TinkAudioVault.open(masterFile, keys));

        assertTrue(e.getMessage().contains("chmod 600 " + masterFile), e.getMessage());
    }

    @Test
    void aMasterKeyFileThatIsNotAKeysetIsRefused() throws Exception {
        TinkAudioVault.open(masterFile, keys);
        Files.writeString(masterFile, "{\"not\": \"a keyset\"}");

        VaultException e = assertThrows(VaultException.class, () -> TinkAudioVault.open(masterFile, keys));

        assertTrue(e.getMessage().contains("is not a Tink AES-GCM keyset"), e.getMessage());
    }

    @Test
    void anEditedChunkASwappedFileAndASwappedKeyDoNotAuthenticate() throws Exception {
        TinkAudioVault vault = TinkAudioVault.open(masterFile, keys);
        Path a = TestAudio.wav(dir.resolve(A + ".wav"), 20);
        Path b = TestAudio.wav(dir.resolve(B + ".wav"), 20);
        Path sealedA = vault.seal(A, a, Files.size(a)).file();
        Path sealedB = vault.seal(B, b, Files.size(b)).file();

        byte[] edited = Files.readAllBytes(sealedA);
        edited[edited.length / 2] ^= 1;
        Path editedFile = Files.write(dir.resolve("edited.enc"), edited);
        assertArrayEquals(cut(vault, A, sealedA, 0, 2), cut(vault, A, editedFile, 0, 2), "chunks before the edit still read");
        TamperedAudioException e = assertThrows(TamperedAudioException.class, () -> cut(vault, A, editedFile, 8, 4));
        assertTrue(e.getMessage().contains("does not authenticate"), e.getMessage());

        assertThrows(TamperedAudioException.class, () -> vault.open(A, sealedB), "B's file under A's name");
        keys.put(A, keys.get(B).orElseThrow());
        assertThrows(TamperedAudioException.class, () -> vault.open(A, sealedA), "B's key under A's name");
    }

    @Test
    void recordingsSealedWithTheOldFourKilobyteSegmentsStayReadableAndNewOnesUseTheLargerSegments() throws Exception {
        TinkAudioVault vault = TinkAudioVault.open(masterFile, keys);
        Path a = TestAudio.wav(dir.resolve(A + ".wav"), 120);
        Path b = TestAudio.wav(dir.resolve(B + ".wav"), 120);
        Path original = Files.copy(a, dir.resolve("original.wav"));
        long size = Files.size(a);

        Path old = vault.sealingWithSegments(4096).seal(A, a, size).file();  // as sealed before the change
        TinkAudioVault restarted = TinkAudioVault.open(masterFile, keys);
        Path current = restarted.seal(B, b, size).file();

        for (int[] segment : new int[][] {{0, 30}, {61, 30}, {100, 30}}) {
            assertArrayEquals(cut(original, segment[0], segment[1]), cut(restarted, A, old, segment[0], segment[1]),
                    "a 4 KB recording read by today's vault at " + segment[0] + " s");
            assertArrayEquals(cut(original, segment[0], segment[1]), cut(restarted, B, current, segment[0], segment[1]),
                    "a new recording at " + segment[0] + " s");
        }
        long tags4k = (Files.size(old) - size) / 16;
        long tagsNew = (Files.size(current) - size) / 16;
        assertTrue(tags4k >= size / 4096, "one 16-byte tag per 4 KB: " + tags4k);
        assertTrue(tagsNew <= size / TinkAudioVault.SEGMENT_BYTES + 4, "one tag per " + TinkAudioVault.SEGMENT_BYTES + " bytes: " + tagsNew);
        assertThrows(IllegalArgumentException.class, () -> vault.sealingWithSegments(1024));
    }

    @Test
    void aCutAuthenticatesOnlyTheChunksItCoversSoDamageElsewhereDoesNotStopIt() throws Exception {
        TinkAudioVault vault = TinkAudioVault.open(masterFile, keys);
        Path plain = TestAudio.wav(dir.resolve("rec/" + A + ".wav"), 300);
        Path original = Files.copy(plain, dir.resolve("original.wav"));
        Path sealed = vault.seal(A, plain, Files.size(plain)).file();
        int segment = TinkAudioVault.SEGMENT_BYTES;
        long from = 44 + 137L * 16_000;  // TestAudio: 8 kHz 16-bit mono, 16,000 bytes a second
        long to = from + 30L * 16_000;
        byte[] damaged = Files.readAllBytes(sealed);
        int flipped = 0;
        for (int at = 2 * segment; at < damaged.length - 64; at += segment / 4) {  // the header chunk stays whole
            if (at < from - 2 * segment || at > to + 2 * segment) {
                damaged[at] ^= 0x55;
                flipped++;
            }
        }
        Path damagedFile = Files.write(dir.resolve("damaged.enc"), damaged);

        assertTrue(flipped > 200, "damage all over the file: " + flipped);
        assertArrayEquals(cut(original, 137, 30), cut(vault, A, damagedFile, 137, 30),
                "the 30 s cut reads only its own chunks (and the header's), all intact");
        assertThrows(TamperedAudioException.class, () -> cut(vault, A, damagedFile, 20, 30), "a cut over damaged chunks");
    }

    @Test
    void whenTheDataKeyCannotBeStoredThePlaintextIsKeptAndNothingSealedIsLeft() throws Exception {
        TinkAudioVault vault = TinkAudioVault.open(masterFile, new org.recgateway.recording.DataKeys() {
            @Override
            public void put(String id, byte[] wrapped) {
                if (!id.equals(KeyCheck.ID)) {
                    throw new IllegalStateException("disk full (test)");
                }
                keys.put(id, wrapped);
            }

            @Override
            public java.util.Optional<byte[]> get(String id) {
                return keys.get(id);
            }

            @Override
            public boolean destroy(String id) {
                return keys.destroy(id);
            }

            @Override
            public List<String> ids() {
                return keys.ids();
            }

            @Override
            public int rewrapAll(java.util.function.BiFunction<String, byte[], byte[]> rewrap) {
                return keys.rewrapAll(rewrap);
            }
        });
        Path plain = TestAudio.wav(dir.resolve("rec/" + A + ".wav"), 5);
        byte[] before = Files.readAllBytes(plain);

        java.io.IOException e = assertThrows(java.io.IOException.class,
                () -> vault.seal(A, plain, Files.size(plain)).file());

        assertTrue(e.getMessage().contains("could not store the data key") && e.getMessage().contains("plaintext is kept"), e.getMessage());
        assertArrayEquals(before, Files.readAllBytes(plain));
        try (Stream<Path> files = Files.list(dir.resolve("rec"))) {
            assertEquals(List.of(plain), files.toList(), "no sealed file and no .part without a stored key");
        }
    }

    static byte[] cut(Path wav, int from, int seconds) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        WavSegment.cut(wav, Duration.ofSeconds(from), Duration.ofSeconds(seconds), out);
        return out.toByteArray();
    }

    static byte[] cut(AudioVault vault, String id, Path sealed, int from, int seconds) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (SeekableByteChannel in = vault.open(id, sealed)) {
            WavSegment.cut(in, sealed, Duration.ofSeconds(from), Duration.ofSeconds(seconds), out);
        }
        return out.toByteArray();
    }

    static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
