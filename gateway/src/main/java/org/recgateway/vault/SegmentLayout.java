package org.recgateway.vault;

import java.util.Optional;

import com.google.crypto.tink.Parameters;
import com.google.crypto.tink.streamingaead.AesCtrHmacStreamingParameters;
import com.google.crypto.tink.streamingaead.AesGcmHkdfStreamingParameters;

/**
 * Where Tink's streaming AEAD keeps a plaintext range in a sealed file, from the data key's parameters
 * and Tink's documented wire format: a header (1 length byte, a salt as long as the derived key, a
 * 7-byte nonce prefix), then segments of {@code ciphertextSegment} bytes, each ending in a
 * {@code tag}; the first segment is shorter by the header. Used only to read the ciphertext a read
 * needs in one go; Tink still decrypts and authenticates every segment itself.
 *
 * @param ciphertextSegment bytes per ciphertext segment
 * @param header            bytes before the first segment
 * @param tag               authentication tag bytes per segment
 */
record SegmentLayout(int ciphertextSegment, int header, int tag) {
    private static final int NONCE_PREFIX = 7;

    /** The layout of files sealed with {@code p}; empty for a kind of key whose layout is not known here. */
    static Optional<SegmentLayout> of(Parameters p) {
        if (p instanceof AesGcmHkdfStreamingParameters g) {
            return Optional.of(new SegmentLayout(g.getCiphertextSegmentSizeBytes(), 1 + g.getDerivedAesGcmKeySizeBytes() + NONCE_PREFIX,
                    16));
        }
        if (p instanceof AesCtrHmacStreamingParameters c) {
            return Optional.of(new SegmentLayout(c.getCiphertextSegmentSizeBytes(), 1 + c.getDerivedKeySizeBytes() + NONCE_PREFIX,
                    c.getHmacTagSizeBytes()));
        }
        return Optional.empty();
    }

    /** The segment holding plaintext byte {@code position}. */
    long segmentOf(long position) {
        return (position + header) / (ciphertextSegment - tag);
    }

    /**
     * The ciphertext bytes {@code [from, to)} of the segments holding plaintext bytes {@code [plainFrom,
     * plainTo)}, as {from, to}; {@code to} may lie past the end of the file (the caller clamps it).
     */
    long[] ciphertextOf(long plainFrom, long plainTo) {
        long first = segmentOf(plainFrom);
        long last = segmentOf(plainTo - 1);
        return new long[] {first == 0 ? header : first * ciphertextSegment, (last + 1) * ciphertextSegment};
    }
}
