package org.recgateway.prompts;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Optional;

/**
 * The parts of a RIFF/WAVE header the library checks: rate, channels, sample size and sample count.
 * Parsed by hand so a malformed file is a value (empty), not an exception.
 */
record WavHeader(int sampleRate, int channels, int bitsPerSample, long samples) {

    boolean isAsteriskWav() {
        return sampleRate == 8000 && channels == 1 && bitsPerSample == 16;
    }

    static Optional<WavHeader> parse(byte[] bytes) {
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        if (bytes.length < 12 || b.getInt(0) != 0x46464952 /* RIFF */ || b.getInt(8) != 0x45564157 /* WAVE */) {
            return Optional.empty();
        }
        int rate = 0;
        int channels = 0;
        int bits = 0;
        boolean pcm = false;
        int pos = 12;
        while (pos + 8 <= bytes.length) {
            int id = b.getInt(pos);
            long size = Integer.toUnsignedLong(b.getInt(pos + 4));
            int body = pos + 8;
            if (id == 0x20746d66 /* "fmt " */ && size >= 16 && body + 16 <= bytes.length) {
                pcm = b.getShort(body) == 1;
                channels = b.getShort(body + 2);
                rate = b.getInt(body + 4);
                bits = b.getShort(body + 14);
            } else if (id == 0x61746164 /* data */) {
                if (!pcm || channels <= 0 || bits < 8 || bits % 8 != 0 || body + size > bytes.length) {
                    return Optional.empty();
                }
                return Optional.of(new WavHeader(rate, channels, bits, size / ((long) channels * (bits / 8))));
            }
            pos = (int) Math.min(Integer.MAX_VALUE, body + size + (size & 1));
        }
        return Optional.empty();
    }
}
