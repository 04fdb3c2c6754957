package org.recgateway.audio;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Path;

/**
 * Where a PCM WAV file's samples are and how they are laid out, found by walking the RIFF chunks
 * (a {@code LIST} or {@code fact} chunk may come before {@code data}; the header is not assumed to
 * be 44 bytes). Only the chunk headers are read. A {@code data} size beyond the end of the file (a
 * recording still being written, or a header never updated) is clamped to the whole blocks present.
 *
 * @param sampleRate    samples per second per channel
 * @param channels      interleaved channels
 * @param bitsPerSample 8, 16, 24 or 32
 * @param dataOffset    file offset of the first sample
 * @param dataBytes     bytes of samples present, a whole number of blocks
 */
public record WavLayout(int sampleRate, int channels, int bitsPerSample, long dataOffset, long dataBytes) {
    private static final int RIFF = 0x46464952;
    private static final int WAVE = 0x45564157;
    private static final int FMT = 0x20746d66;
    private static final int DATA = 0x61746164;
    private static final int PCM = 1;
    private static final int MAX_CHUNKS = 64;

    /** Bytes per sample frame (all channels). */
    public int blockAlign() {
        return channels * (bitsPerSample / 8);
    }

    /** Samples per channel present. */
    public long samples() {
        return dataBytes / blockAlign();
    }

    /** Reads the layout of {@code file} through {@code channel} (a file, or a decrypting channel); moves its position. */
    public static WavLayout read(SeekableByteChannel channel, Path file) throws IOException {
        long size = channel.size();
        ByteBuffer head = read(channel, 0, 12, file, "RIFF header");
        if (head.getInt(0) != RIFF || head.getInt(8) != WAVE) {
            throw new MalformedWavException(file + " is not a WAV file (no RIFF/WAVE header); only PCM WAV recordings can be cut");
        }
        long pos = 12;
        ByteBuffer fmt = null;
        for (int chunk = 0; chunk < MAX_CHUNKS; chunk++) {
            ByteBuffer header = read(channel, pos, 8, file, "chunk header at byte " + pos + " (no data chunk found)");
            int id = header.getInt(0);
            long length = Integer.toUnsignedLong(header.getInt(4));
            long body = pos + 8;
            if (id == FMT) {
                if (length < 16) {
                    throw new MalformedWavException(file + ": fmt chunk of " + length + " bytes, a PCM WAV needs at least 16");
                }
                fmt = read(channel, body, 16, file, "fmt chunk");
            } else if (id == DATA) {
                if (fmt == null) {
                    throw new MalformedWavException(file + ": data chunk before the fmt chunk; the sample format is unknown");
                }
                return of(fmt, body, Math.min(length, size - body), file);
            }
            pos = body + length + (length & 1);
        }
        throw new MalformedWavException(file + ": no data chunk within the first " + MAX_CHUNKS + " chunks");
    }

    private static WavLayout of(ByteBuffer fmt, long dataOffset, long available, Path file) throws MalformedWavException {
        int format = Short.toUnsignedInt(fmt.getShort(0));
        int channels = Short.toUnsignedInt(fmt.getShort(2));
        int rate = fmt.getInt(4);
        int bits = Short.toUnsignedInt(fmt.getShort(14));
        if (format != PCM) {
            throw new MalformedWavException(file + ": WAV format tag " + format + " is not supported; only plain PCM (1) "
                    + "as MixMonitor writes it can be cut");
        }
        if (channels < 1 || rate < 1 || (bits != 8 && bits != 16 && bits != 24 && bits != 32)) {
            throw new MalformedWavException(file + ": unsupported PCM layout (" + channels + " channels, " + rate + " Hz, "
                    + bits + " bits); expected at least one channel, a positive rate and 8, 16, 24 or 32 bits");
        }
        int block = channels * (bits / 8);
        long bytes = Math.max(0, available) / block * block;
        return new WavLayout(rate, channels, bits, dataOffset, bytes);
    }

    private static ByteBuffer read(SeekableByteChannel channel, long position, int length, Path file, String what) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
        channel.position(position);
        while (b.hasRemaining()) {
            if (channel.read(b) < 0) {
                throw new MalformedWavException(file + " is truncated: it ends inside the " + what);
            }
        }
        return b.flip();
    }
}
