package org.recgateway.vault;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recgateway.audio.WavSegment;
import org.recgateway.listening.TestAudio;
import org.recgateway.recording.TamperedAudioException;
import org.recgateway.store.JdbcDataKeys;
import org.recgateway.store.JdbcRecordingStore;

/** How a sealed file's ciphertext is read for a cut: in one range, only the segments the cut needs, each once. */
class SealedReadsTest {
    private static final String A = "0f8fad5b-d9cb-469f-a165-70867728950e";
    /** AES-256-GCM-HKDF: 1 length byte + 32-byte salt + 7-byte nonce prefix before the first segment (Tink's wire format). */
    private static final int HEADER = 40;
    private static final int TAG = 16;

    @TempDir
    Path dir;

    private JdbcRecordingStore store;
    private TinkAudioVault vault;

    @BeforeEach
    void open() {
        store = JdbcRecordingStore.open(dir.resolve("data/recordings.db"));
        vault = TinkAudioVault.open(dir.resolve("keys/master-key.json"), JdbcDataKeys.of(store));
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void aCutDecryptsTheFirstSegmentForTheHeaderAndThenOnlyTheSegmentsItCoversEachOnce() throws Exception {
        for (int segmentBytes : new int[] {TinkAudioVault.SEGMENT_BYTES, 16 * 1024, 64 * 1024}) {
            TinkAudioVault sealing = vault.sealingWithSegments(segmentBytes);
            Path plain = TestAudio.wav(dir.resolve(A + ".wav"), 200);
            Path original = Files.copy(plain, dir.resolve("original.wav"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            Path sealed = sealing.seal(A, plain, Files.size(plain)).file();
            for (int[] cut : new int[][] {{0, 30}, {100, 30}, {170, 30}, {150, 1}}) {
                List<long[]> reads = new ArrayList<>();
                byte[] got;
                try (SeekableByteChannel in = vault.open(A, sealed, c -> new Counting(c, reads))) {
                    got = WavSegment.read(in, sealed, Duration.ofSeconds(cut[0]), Duration.ofSeconds(cut[1]), Long.MAX_VALUE);
                }
                String what = cut[1] + " s at " + cut[0] + " s with " + segmentBytes + "-byte segments";
                byte[] want = TestAudio.seconds(original, cut[0], cut[0] + cut[1]);
                assertArrayEquals(want, java.util.Arrays.copyOfRange(got, 44, got.length), what);

                TreeSet<Long> needed = new TreeSet<>();
                needed.add(0L);  // the WAV header
                long plainSegment = segmentBytes - TAG;
                long first = 44 + cut[0] * 16_000L;
                long last = first + cut[1] * 16_000L - 1;
                for (long s = (first + HEADER) / plainSegment; s <= (last + HEADER) / plainSegment; s++) {
                    needed.add(s);
                }
                TreeSet<Long> segmentsRead = new TreeSet<>();
                long bytes = 0;
                for (long[] r : reads) {
                    if (r[1] == HEADER && r[0] == 0) {
                        continue;  // Tink's header (salt and nonce prefix), read once
                    }
                    assertTrue(segmentsRead.add(r[0] / segmentBytes), what + ": segment " + r[0] / segmentBytes + " read twice");
                    bytes += r[1];
                }
                assertEquals(needed, segmentsRead, what + ": the segments read");
                assertTrue(bytes <= needed.size() * (long) segmentBytes, what + ": " + bytes + " bytes of ciphertext read");
            }
            Files.delete(sealed);
        }
    }

    @Test
    void newRecordingsUse32KbSegmentsAndACutReadsItsCiphertextInOnePositionalRead() throws Exception {
        assertEquals(TinkAudioVault.Reads.ONE_RANGE, TinkAudioVault.READS);
        Path plain = TestAudio.wav(dir.resolve(A + ".wav"), 200);
        Path original = Files.copy(plain, dir.resolve("original.wav"));
        long size = Files.size(plain);
        Path sealed = vault.seal(A, plain, size).file();
        long segments = (size + HEADER) / (32 * 1024 - TAG) + 1;
        assertEquals(HEADER + size + segments * TAG, Files.size(sealed), "one 16-byte tag per 32 KB segment");

        RangeReads[] file = new RangeReads[1];
        List<long[]> tinkReads = new ArrayList<>();
        byte[] got;
        try (SeekableByteChannel in = vault.open(A, sealed, c -> {
            file[0] = (RangeReads) c;
            return new Counting(c, tinkReads);
        })) {
            int atOpen = file[0].fileReads();
            assertEquals(2, atOpen, "Tink's header and the first segment (which holds the WAV header), at open");
            got = WavSegment.read(in, sealed, Duration.ofSeconds(100), Duration.ofSeconds(30), Long.MAX_VALUE);
            assertEquals(atOpen + 1, file[0].fileReads(), "the cut's " + (tinkReads.size() - 2) + " segments in one positional read");
        }
        assertTrue(tinkReads.size() > 10, "Tink still reads (and authenticates) segment by segment: " + tinkReads.size());
        assertArrayEquals(TestAudio.seconds(original, 100, 130), java.util.Arrays.copyOfRange(got, 44, got.length));
    }

    @Test
    void aLongCutIsReadAheadInChunksOfAtMostFourMebibytes() throws Exception {
        Path plain = TestAudio.wav(dir.resolve(A + ".wav"), 600);  // 9.6 MB
        Path original = Files.copy(plain, dir.resolve("original.wav"));
        Path sealed = vault.seal(A, plain, Files.size(plain)).file();
        RangeReads[] file = new RangeReads[1];
        byte[] got;
        try (SeekableByteChannel in = vault.open(A, sealed, c -> file[0] = (RangeReads) c)) {
            int atOpen = file[0].fileReads();
            got = WavSegment.read(in, sealed, Duration.ofSeconds(10), Duration.ofSeconds(580), Long.MAX_VALUE);
            int reads = file[0].fileReads() - atOpen;
            assertEquals(3, reads, "9.3 MB of ciphertext in 4 MiB chunks: " + reads + " reads");
        }
        assertArrayEquals(TestAudio.seconds(original, 10, 590), java.util.Arrays.copyOfRange(got, 44, got.length));
    }

    @Test
    void aSealedFileCutShortWhileItIsReadFailsAsTamperedAudioNotAsAFaultWhicheverWayItIsRead() throws Exception {
        for (TinkAudioVault.Reads how : TinkAudioVault.Reads.values()) {
            Path plain = TestAudio.wav(dir.resolve(A + ".wav"), 200);
            Path sealed = vault.seal(A, plain, Files.size(plain)).file();
            try (SeekableByteChannel in = vault.readingWith(how).open(A, sealed)) {
                try (FileChannel cut = FileChannel.open(sealed, StandardOpenOption.WRITE)) {
                    cut.truncate(200_000);
                }
                in.position(150 * 16_000L);
                TamperedAudioException e = assertThrows(TamperedAudioException.class, () -> in.read(ByteBuffer.allocate(30 * 16_000)),
                        how.toString());
                assertTrue(e.getMessage().contains(A) && e.getMessage().contains("does not authenticate at plaintext byte"),
                        how + ": " + e.getMessage());
            }
            Files.delete(sealed);
        }
    }

    @Test
    void everyReadPathGivesTheSameCut() throws Exception {
        Path plain = TestAudio.wav(dir.resolve(A + ".wav"), 120);
        Path original = Files.copy(plain, dir.resolve("original.wav"));
        Path sealed = vault.seal(A, plain, Files.size(plain)).file();
        for (TinkAudioVault.Reads how : TinkAudioVault.Reads.values()) {
            TinkAudioVault reading = vault.readingWith(how);
            for (int[] cut : new int[][] {{0, 30}, {61, 30}, {90, 30}, {119, 1}}) {
                assertArrayEquals(TinkAudioVaultTest.cut(original, cut[0], cut[1]), TinkAudioVaultTest.cut(reading, A, sealed, cut[0], cut[1]),
                        how + " at " + cut[0] + " s");
            }
        }
    }

    /** Records every ciphertext read Tink makes: {position, bytes}. */
    private record Counting(SeekableByteChannel in, List<long[]> reads) implements SeekableByteChannel {
        @Override
        public int read(ByteBuffer dst) throws IOException {
            long at = in.position();
            int n = in.read(dst);
            if (n > 0) {
                reads.add(new long[] {at, n});
            }
            return n;
        }

        @Override
        public int write(ByteBuffer src) {
            throw new UnsupportedOperationException();
        }

        @Override
        public long position() throws IOException {
            return in.position();
        }

        @Override
        public SeekableByteChannel position(long p) throws IOException {
            in.position(p);
            return this;
        }

        @Override
        public long size() throws IOException {
            return in.size();
        }

        @Override
        public SeekableByteChannel truncate(long size) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean isOpen() {
            return in.isOpen();
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
