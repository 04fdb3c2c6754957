package org.recgateway.vault;

import java.io.IOException;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;

import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.Parameters;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.StreamingAead;
import com.google.crypto.tink.TinkProtoKeysetFormat;
import com.google.crypto.tink.streamingaead.AesGcmHkdfStreamingKey;
import com.google.crypto.tink.streamingaead.AesGcmHkdfStreamingParameters;
import com.google.crypto.tink.subtle.AesGcmHkdfStreaming;
import com.google.crypto.tink.util.SecretBytes;

/**
 * Makes each new recording's data key from parameters built once: for AES-GCM-HKDF streaming keys (the
 * gateway's) the key is Tink's {@link AesGcmHkdfStreamingKey} of fresh random bytes and its cipher Tink's
 * {@link AesGcmHkdfStreaming} made from that key, with no key-manager or primitive-registry lookup per
 * recording; any other kind of parameters goes through {@link KeysetHandle#generateNew} as before. Either
 * way the key is kept as a one-key Tink keyset (random key id) encrypted by the master key, the format
 * {@link UnwrappedKeys} opens, and the files it seals are the same Tink streaming AEAD files as a
 * keyset-made primitive writes (a streaming AEAD keyset adds no prefix).
 */
final class NewDataKeys {
    private final MasterKey master;
    private final Parameters parameters;

    /** A new data key: its keyset wrapped by the master key, and its cipher. */
    record Made(byte[] wrapped, StreamingAead cipher) { }

    /** A new data key with its encrypting channel started. */
    record Started(byte[] wrapped, StreamingAead cipher, WritableByteChannel encrypting) { }

    NewDataKeys(MasterKey master, Parameters parameters) {
        this.master = master;
        this.parameters = parameters;
    }

    /**
     * AES-GCM-HKDF streaming parameters: AES-{@code 8 * keyBytes} keys and derived keys, HKDF-SHA256,
     * {@code segmentBytes} ciphertext segments.
     *
     * @throws GeneralSecurityException when Tink refuses them, or the segments are below the 4 KB used before
     */
    static AesGcmHkdfStreamingParameters aesGcmHkdf(int keyBytes, int segmentBytes) throws GeneralSecurityException {
        if (segmentBytes < 4096) {
            throw new GeneralSecurityException("below the 4 KB used before");
        }
        return AesGcmHkdfStreamingParameters.builder().setKeySizeBytes(keyBytes).setDerivedAesGcmKeySizeBytes(keyBytes)
                .setHkdfHashType(AesGcmHkdfStreamingParameters.HashType.SHA256).setCiphertextSegmentSizeBytes(segmentBytes).build();
    }

    /**
     * Makes and wraps {@code recordingId}'s data key and starts an encrypting channel into {@code sink},
     * in one hop to the {@link RandomThread}: each step draws random bytes (key bytes, key id, the wrap's
     * nonce, the channel's salt and nonce prefix). Tink draws the channel's salt inside the same call
     * that derives the segment key (HKDF) and makes the cipher instance, so those come along; the
     * channel's header goes to {@code sink}, which holds it in memory (no file is written on the random
     * thread).
     *
     * @throws GeneralSecurityException when Tink refuses a step
     * @throws IOException              when the caller is interrupted while waiting
     */
    Started makeAndStart(String recordingId, WritableByteChannel sink) throws GeneralSecurityException, IOException {
        return RandomThread.run(() -> {
            Made made = make(recordingId);
            return new Started(made.wrapped(), made.cipher(),
                    made.cipher().newEncryptingChannel(sink, SealedFiles.context(recordingId)));
        });
    }

    /** Makes and wraps a data key on the calling thread (the caller is the random thread, or a benchmark). */
    Made make(String recordingId) throws GeneralSecurityException {
        KeysetHandle keyset;
        StreamingAead cipher;
        if (parameters instanceof AesGcmHkdfStreamingParameters gcm) {
            AesGcmHkdfStreamingKey key = AesGcmHkdfStreamingKey.create(gcm, SecretBytes.randomBytes(gcm.getKeySizeBytes()));
            keyset = KeysetHandle.newBuilder().addEntry(KeysetHandle.importKey(key).withRandomId().makePrimary()).build();
            cipher = AesGcmHkdfStreaming.create(key);
        } else {
            keyset = KeysetHandle.generateNew(parameters);
            cipher = keyset.getPrimitive(RegistryConfiguration.get(), StreamingAead.class);
        }
        return new Made(TinkProtoKeysetFormat.serializeEncryptedKeyset(keyset, master.aead(), wrapContext(recordingId)), cipher);
    }

    /** The associated data of a recording's wrapped data key: a wrapped key opens only for its own recording. */
    static byte[] wrapContext(String recordingId) {
        return ("recgateway data key v1 " + recordingId).getBytes(StandardCharsets.UTF_8);
    }
}
