package org.recgateway.audio;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Builds WAV files byte by byte, with whatever chunks and sizes a test needs. */
final class TestWavs {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    static TestWavs riff() {
        TestWavs w = new TestWavs();
        w.ascii("RIFF").le32(0).ascii("WAVE");
        return w;
    }

    TestWavs fmt(int format, int channels, int rate, int bits) {
        int block = channels * bits / 8;
        ascii("fmt ").le32(16).le16(format).le16(channels).le32(rate).le32(rate * block).le16(block).le16(bits);
        return this;
    }

    TestWavs chunk(String id, byte[] body) {
        ascii(id).le32(body.length);
        bytes.writeBytes(body);
        if (body.length % 2 == 1) {
            bytes.write(0);
        }
        return this;
    }

    /** A data chunk whose header claims {@code declared} bytes, followed by {@code samples} as they are. */
    TestWavs data(int declared, byte[] samples) {
        ascii("data").le32(declared);
        bytes.writeBytes(samples);
        return this;
    }

    byte[] bytes() {
        byte[] b = bytes.toByteArray();
        ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putInt(4, b.length - 8);
        return b;
    }

    /** {@code n} 16-bit samples whose bytes differ from position to position. */
    static byte[] samples16(int n) {
        ByteBuffer b = ByteBuffer.allocate(n * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < n; i++) {
            b.putShort((short) (i * 7 + (i >> 8)));
        }
        return b.array();
    }

    private TestWavs ascii(String s) {
        bytes.writeBytes(s.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        return this;
    }

    private TestWavs le32(int v) {
        bytes.writeBytes(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(v).array());
        return this;
    }

    private TestWavs le16(int v) {
        bytes.writeBytes(ByteBuffer.allocate(2).order(ByteOrder.LITTLE_ENDIAN).putShort((short) v).array());
        return this;
    }
}
