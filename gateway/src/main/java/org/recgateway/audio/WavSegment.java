package org.recgateway.audio;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;

/**
 * Cuts a time segment out of a PCM WAV file and writes it as a WAV of its own (a canonical 44-byte
 * header, the source's format), reading only the chunk headers and the segment's samples with
 * positional reads. A segment reaching past the end of the file is clamped to it; one starting at
 * or past the end is an empty (valid) WAV.
 */
public final class WavSegment {
    static final int HEADER_BYTES = 44;
    private static final int BUFFER_BYTES = 64 * 1024;

    private WavSegment() {
    }

    /**
     * What was written.
     *
     * @param layout      the source's layout
     * @param firstSample the first sample of the segment, per channel
     * @param samples     samples written, per channel
     * @param bytes       bytes written, header included
     */
    public record Segment(WavLayout layout, long firstSample, long samples, long bytes) { }

    /** Writes the segment of {@code source} from {@code start} lasting {@code length} to {@code out} (not closed). */
    public static Segment cut(Path source, Duration start, Duration length, OutputStream out) throws IOException {
        if (start.isNegative() || length.isNegative()) {
            throw new IllegalArgumentException("a segment needs a start and length of zero or more, got start " + start
                    + " and length " + length);
        }
        try (FileChannel channel = FileChannel.open(source, StandardOpenOption.READ)) {
            return cut(channel, source, start, length, out);
        }
    }

    /**
     * Writes the segment of the WAV read through {@code channel} (e.g. Tink's seekable decrypting
     * channel: only the chunks the segment covers are read) to {@code out}; {@code source} names it in messages.
     */
    public static Segment cut(SeekableByteChannel channel, Path source, Duration start, Duration length, OutputStream out)
            throws IOException {
        Plan plan = plan(channel, source, start, length);
        out.write(header(plan.layout(), plan.dataBytes()));
        copy(channel, plan.dataOffset(), plan.dataBytes(), out, source);
        return plan.segment();
    }

    /**
     * The segment of the WAV read through {@code channel} as one WAV in memory, read straight into an
     * array of exactly its size (no intermediate buffers, no growing copies): what a server that holds
     * a segment before sending it needs.
     *
     * @param maxBytes the largest WAV (header included) the caller will hold; checked before anything is read
     * @throws IOException when the segment is larger than {@code maxBytes}, or the source is shorter than its header says
     */
    public static byte[] read(SeekableByteChannel channel, Path source, Duration start, Duration length, long maxBytes)
            throws IOException {
        Plan plan = plan(channel, source, start, length);
        long total = HEADER_BYTES + plan.dataBytes();
        if (total > maxBytes) {
            throw new IOException("a segment of " + length + " of " + source + " is " + total + " bytes, more than the "
                    + maxBytes + " held at once; ask for a shorter one");
        }
        byte[] wav = new byte[(int) total];
        System.arraycopy(header(plan.layout(), plan.dataBytes()), 0, wav, 0, HEADER_BYTES);
        ByteBuffer into = ByteBuffer.wrap(wav, HEADER_BYTES, (int) plan.dataBytes());
        channel.position(plan.dataOffset());
        while (into.hasRemaining()) {
            if (channel.read(into) < 0) {
                throw new IOException(source + " shrank while a segment was cut from it");
            }
        }
        return wav;
    }

    /** Where a segment's samples are: the source's layout, the byte offset of its first sample and its size. */
    private record Plan(WavLayout layout, long first, long count, long dataBytes) {
        long dataOffset() {
            return layout.dataOffset() + first * layout.blockAlign();
        }

        Segment segment() {
            return new Segment(layout, first, count, HEADER_BYTES + dataBytes);
        }
    }

    private static Plan plan(SeekableByteChannel channel, Path source, Duration start, Duration length) throws IOException {
        if (start.isNegative() || length.isNegative()) {
            throw new IllegalArgumentException("a segment needs a start and length of zero or more, got start " + start
                    + " and length " + length);
        }
        WavLayout layout = WavLayout.read(channel, source);
        long total = layout.samples();
        long first = Math.min(total, samplesIn(start, layout.sampleRate()));
        long count = Math.min(total - first, samplesIn(length, layout.sampleRate()));
        long dataBytes = count * layout.blockAlign();
        if (dataBytes > 0xFFFF_FFFFL - 36) {
            throw new IllegalArgumentException("a segment of " + length + " is too long for one WAV file (4 GiB); cut a shorter one");
        }
        return new Plan(layout, first, count, dataBytes);
    }

    /** Whole samples in {@code d} at {@code rate}, without overflow for any recording length. */
    static long samplesIn(Duration d, int rate) {
        try {
            return Math.addExact(Math.multiplyExact(d.getSeconds(), rate), (long) d.getNano() * rate / 1_000_000_000L);
        } catch (ArithmeticException beyondAnyFile) {
            return Long.MAX_VALUE;
        }
    }

    private static void copy(SeekableByteChannel channel, long position, long length, OutputStream out, Path source) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(BUFFER_BYTES, Math.max(1, length)));
        long done = 0;
        while (done < length) {
            buffer.clear().limit((int) Math.min(buffer.capacity(), length - done));
            channel.position(position + done);
            int n = channel.read(buffer);
            if (n < 0) {
                throw new IOException(source + " shrank while a segment was cut from it");
            }
            out.write(buffer.array(), 0, n);
            done += n;
        }
    }

    static byte[] header(WavLayout layout, long dataBytes) {
        ByteBuffer h = ByteBuffer.allocate(HEADER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        h.putInt(0x46464952).putInt((int) (36 + dataBytes)).putInt(0x45564157);
        h.putInt(0x20746d66).putInt(16).putShort((short) 1).putShort((short) layout.channels())
                .putInt(layout.sampleRate()).putInt(layout.sampleRate() * layout.blockAlign())
                .putShort((short) layout.blockAlign()).putShort((short) layout.bitsPerSample());
        h.putInt(0x61746164).putInt((int) dataBytes);
        return h.array();
    }
}
