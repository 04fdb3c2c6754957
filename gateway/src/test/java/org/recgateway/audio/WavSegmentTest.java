package org.recgateway.audio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WavSegmentTest {
    private static final int RATE = 8000;
    private static final byte[] TEN_SECONDS = TestWavs.samples16(10 * RATE);

    @TempDir
    Path dir;

    @Test
    void segmentOfAMixMonitorWavHasACanonicalHeaderAndTheSourceSamples() throws IOException {
        Path wav = write(TestWavs.riff().fmt(1, 1, RATE, 16).data(TEN_SECONDS.length, TEN_SECONDS).bytes());
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        WavSegment.Segment segment = WavSegment.cut(wav, Duration.ofSeconds(2), Duration.ofSeconds(3), out);

        byte[] cut = out.toByteArray();
        int dataBytes = 3 * RATE * 2;
        assertEquals(44 + dataBytes, cut.length);
        assertEquals(cut.length, segment.bytes());
        assertEquals(2L * RATE, segment.firstSample());
        assertEquals(3L * RATE, segment.samples());
        assertHeader(cut, 1, RATE, 16, dataBytes);
        assertArrayEquals(Arrays.copyOfRange(TEN_SECONDS, 2 * RATE * 2, 5 * RATE * 2), Arrays.copyOfRange(cut, 44, cut.length));
    }

    @Test
    void chunksBeforeTheDataAreWalkedNotAssumedToBe44Bytes() throws IOException {
        byte[] file = TestWavs.riff().chunk("LIST", "INFOISFT\u0003\0\0\0abc".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1))
                .fmt(1, 1, RATE, 16).chunk("fact", new byte[4]).data(TEN_SECONDS.length, TEN_SECONDS).bytes();
        Path wav = write(file);
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        WavSegment.cut(wav, Duration.ofMillis(500), Duration.ofMillis(250), out);

        byte[] cut = out.toByteArray();
        assertEquals(44 + 2000 * 2, cut.length);
        assertArrayEquals(Arrays.copyOfRange(TEN_SECONDS, 4000 * 2, 6000 * 2), Arrays.copyOfRange(cut, 44, cut.length));
        try (java.nio.channels.FileChannel channel = java.nio.channels.FileChannel.open(wav)) {
            assertEquals(file.length - TEN_SECONDS.length, WavLayout.read(channel, wav).dataOffset());
        }
    }

    @Test
    void aSegmentReachingPastTheEndIsClampedToTheEnd() throws IOException {
        Path wav = write(TestWavs.riff().fmt(1, 1, RATE, 16).data(TEN_SECONDS.length, TEN_SECONDS).bytes());
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        WavSegment.Segment segment = WavSegment.cut(wav, Duration.ofSeconds(8), Duration.ofSeconds(30), out);

        assertEquals(2L * RATE, segment.samples());
        assertHeader(out.toByteArray(), 1, RATE, 16, 2 * RATE * 2);
        assertArrayEquals(Arrays.copyOfRange(TEN_SECONDS, 8 * RATE * 2, TEN_SECONDS.length),
                Arrays.copyOfRange(out.toByteArray(), 44, out.size()));
    }

    @Test
    void aSegmentStartingPastTheEndIsAnEmptyWav() throws IOException {
        Path wav = write(TestWavs.riff().fmt(1, 1, RATE, 16).data(TEN_SECONDS.length, TEN_SECONDS).bytes());
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        WavSegment.Segment segment = WavSegment.cut(wav, Duration.ofHours(2), Duration.ofSeconds(30), out);

        assertEquals(0, segment.samples());
        assertEquals(44, out.size());
        assertHeader(out.toByteArray(), 1, RATE, 16, 0);
    }

    @Test
    void aDataSizeBeyondTheFileIsClampedToTheWholeSamplesPresent() throws IOException {
        byte[] present = Arrays.copyOf(TEN_SECONDS, RATE * 2 + 1);
        Path wav = write(TestWavs.riff().fmt(1, 1, RATE, 16).data(TEN_SECONDS.length, present).bytes());
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        WavSegment.Segment segment = WavSegment.cut(wav, Duration.ZERO, Duration.ofSeconds(5), out);

        assertEquals(RATE, segment.samples());
        assertEquals(44 + RATE * 2, out.size());
    }

    @Test
    void stereoSegmentsStayOnSampleFrameBoundaries() throws IOException {
        byte[] stereo = TestWavs.samples16(2 * RATE);
        Path wav = write(TestWavs.riff().fmt(1, 2, RATE, 16).data(stereo.length, stereo).bytes());
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        WavSegment.cut(wav, Duration.ofMillis(100), Duration.ofMillis(100), out);

        assertHeader(out.toByteArray(), 2, RATE, 16, 800 * 4);
        assertArrayEquals(Arrays.copyOfRange(stereo, 800 * 4, 1600 * 4), Arrays.copyOfRange(out.toByteArray(), 44, out.size()));
    }

    @Test
    void readingIntoMemoryGivesExactlyTheBytesTheStreamingCutWrites() throws IOException {
        byte[] stereo = TestWavs.samples16(2 * RATE);
        Path mono = write(TestWavs.riff().chunk("LIST", new byte[6]).fmt(1, 1, RATE, 16).data(TEN_SECONDS.length, TEN_SECONDS).bytes());
        Path two = dir.resolve("stereo.wav");
        Files.write(two, TestWavs.riff().fmt(1, 2, RATE, 16).data(stereo.length, stereo).bytes());
        long[][] cuts = {{0, 1000}, {2500, 3000}, {9000, 5000}, {20_000, 1000}, {0, 0}, {1, 1}};
        for (Path wav : new Path[] {mono, two}) {
            for (long[] c : cuts) {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                WavSegment.cut(wav, Duration.ofMillis(c[0]), Duration.ofMillis(c[1]), out);
                try (java.nio.channels.FileChannel channel = java.nio.channels.FileChannel.open(wav)) {
                    byte[] read = WavSegment.read(channel, wav, Duration.ofMillis(c[0]), Duration.ofMillis(c[1]), Long.MAX_VALUE);
                    assertArrayEquals(out.toByteArray(), read, wav.getFileName() + " from " + c[0] + " ms for " + c[1] + " ms");
                }
            }
        }
    }

    @Test
    void aSegmentLargerThanTheCallerHoldsIsRefusedBeforeItsSamplesAreRead() throws IOException {
        Path wav = write(TestWavs.riff().fmt(1, 1, RATE, 16).data(TEN_SECONDS.length, TEN_SECONDS).bytes());
        long headerOnly = 44;  // reads past the chunk headers would fail on this channel
        try (java.nio.channels.FileChannel file = java.nio.channels.FileChannel.open(wav);
             java.nio.channels.SeekableByteChannel guarded = new HeaderOnly(file, 44)) {
            IOException e = assertThrows(IOException.class,
                    () -> WavSegment.read(guarded, wav, Duration.ofSeconds(1), Duration.ofSeconds(2), headerOnly + 2 * RATE * 2 - 1));
            assertTrue(e.getMessage().contains("more than the " + (headerOnly + 2 * RATE * 2 - 1) + " held at once"), e.getMessage());
            assertEquals(44 + 2 * RATE * 2, WavSegment.read(file, wav, Duration.ofSeconds(1), Duration.ofSeconds(2), 44 + 2 * RATE * 2).length);
        }
    }

    /** A channel that fails any read beyond its first {@code limit} bytes. */
    private record HeaderOnly(java.nio.channels.FileChannel file, long limit) implements java.nio.channels.SeekableByteChannel {
        @Override
        public int read(ByteBuffer dst) throws IOException {
            if (file.position() + dst.remaining() > limit) {
                throw new IOException("read past the header at " + file.position());
            }
            return file.read(dst);
        }

        @Override
        public int write(ByteBuffer src) {
            throw new UnsupportedOperationException();
        }

        @Override
        public long position() throws IOException {
            return file.position();
        }

        @Override
        public java.nio.channels.SeekableByteChannel position(long p) throws IOException {
            file.position(p);
            return this;
        }

        @Override
        public long size() throws IOException {
            return file.size();
        }

        @Override
        public java.nio.channels.SeekableByteChannel truncate(long size) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean isOpen() {
            return file.isOpen();
        }

        @Override
        public void close() {
            // the test closes the file
        }
    }

    @Test
    void aFileThatIsNotRiffIsRefusedWithTheReason() throws IOException {
        Path notWav = write("this is not audio at all".getBytes());

        MalformedWavException e = assertThrows(MalformedWavException.class,
                () -> WavSegment.cut(notWav, Duration.ZERO, Duration.ofSeconds(1), new ByteArrayOutputStream()));
        assertTrue(e.getMessage().contains("not a WAV file"), e.getMessage());
    }

    @Test
    void aFileEndingInsideItsHeaderIsRefusedAsTruncated() throws IOException {
        byte[] whole = TestWavs.riff().fmt(1, 1, RATE, 16).data(0, new byte[0]).bytes();
        Path truncated = write(Arrays.copyOf(whole, 30));

        MalformedWavException e = assertThrows(MalformedWavException.class,
                () -> WavSegment.cut(truncated, Duration.ZERO, Duration.ofSeconds(1), new ByteArrayOutputStream()));
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());
    }

    @Test
    void aCompressedWavIsRefusedAsUnsupported() throws IOException {
        Path alaw = write(TestWavs.riff().fmt(6, 1, RATE, 8).data(RATE, new byte[RATE]).bytes());

        MalformedWavException e = assertThrows(MalformedWavException.class,
                () -> WavSegment.cut(alaw, Duration.ZERO, Duration.ofSeconds(1), new ByteArrayOutputStream()));
        assertTrue(e.getMessage().contains("format tag 6 is not supported"), e.getMessage());
    }

    @Test
    void dataBeforeFmtIsRefused() throws IOException {
        Path wav = write(TestWavs.riff().data(4, new byte[4]).fmt(1, 1, RATE, 16).bytes());

        MalformedWavException e = assertThrows(MalformedWavException.class,
                () -> WavSegment.cut(wav, Duration.ZERO, Duration.ofSeconds(1), new ByteArrayOutputStream()));
        assertTrue(e.getMessage().contains("data chunk before the fmt chunk"), e.getMessage());
    }

    @Test
    void aNegativeStartIsRefused() throws IOException {
        Path wav = write(TestWavs.riff().fmt(1, 1, RATE, 16).data(TEN_SECONDS.length, TEN_SECONDS).bytes());

        assertThrows(IllegalArgumentException.class,
                () -> WavSegment.cut(wav, Duration.ofSeconds(-1), Duration.ofSeconds(1), new ByteArrayOutputStream()));
    }

    private Path write(byte[] bytes) throws IOException {
        Path file = Files.createTempFile(dir, "rec", ".wav");
        Files.write(file, bytes);
        return file;
    }

    private static void assertHeader(byte[] wav, int channels, int rate, int bits, int dataBytes) {
        ByteBuffer h = ByteBuffer.wrap(wav).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals("RIFF", new String(wav, 0, 4, java.nio.charset.StandardCharsets.US_ASCII));
        assertEquals(36 + dataBytes, h.getInt(4));
        assertEquals("WAVEfmt ", new String(wav, 8, 8, java.nio.charset.StandardCharsets.US_ASCII));
        assertEquals(16, h.getInt(16));
        assertEquals(1, h.getShort(20));
        assertEquals(channels, h.getShort(22));
        assertEquals(rate, h.getInt(24));
        assertEquals(rate * channels * bits / 8, h.getInt(28));
        assertEquals(channels * bits / 8, h.getShort(32));
        assertEquals(bits, h.getShort(34));
        assertEquals("data", new String(wav, 36, 4, java.nio.charset.StandardCharsets.US_ASCII));
        assertEquals(dataBytes, h.getInt(40));
    }
}
