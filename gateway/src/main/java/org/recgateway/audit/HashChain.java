package org.recgateway.audit;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The keyed hash that links audit events: HMAC-SHA256, under a key kept outside the database, of a
 * canonical binary encoding of every field but the hash itself. Without the key nobody can recompute
 * a chain after editing it (re-chaining), even knowing this encoding. The encoding is unambiguous, so no two different events encode the same: numbers have
 * a fixed width, every string is length-prefixed (length -1 for null, so null and "" differ), and the
 * details are counted and sorted by key. A version tag starts it, so a future encoding cannot collide.
 *
 * <p>Exactly, all integers big-endian: str("recgateway-audit-v2"), sequence (8 bytes), at as epoch
 * second (8 bytes) and nano (4 bytes), str(actor), str(action id), str(recording id), the number of
 * details (4 bytes), then str(key), str(value) per detail in {@link String#compareTo} order of the keys,
 * then str(previous hash); str(s) is the length of s in UTF-8 (4 bytes; -1 for null) followed by those
 * bytes. An auditor holding the key ({@code keys.auditKeyFile}) can recompute every hash from a
 * database copy with nothing but this paragraph.
 */
public final class HashChain {

    /** The {@code previousHash} of event 1: 64 zeros. */
    public static final String GENESIS = "0".repeat(64);

    private static final byte[] TAG = "recgateway-audit-v2".getBytes(StandardCharsets.US_ASCII);
    /** The shortest key accepted: 32 bytes (256 bits). */
    public static final int MIN_KEY_BYTES = 32;

    private final SecretKeySpec key;

    private HashChain(byte[] key) {
        this.key = new SecretKeySpec(key, "HmacSHA256");
    }

    /**
     * The chain under {@code key}.
     *
     * @throws IllegalArgumentException when the key is shorter than {@link #MIN_KEY_BYTES}
     */
    public static HashChain keyed(byte[] key) {
        if (key == null || key.length < MIN_KEY_BYTES) {
            throw new IllegalArgumentException("an audit chain key needs at least " + MIN_KEY_BYTES + " bytes, got "
                    + (key == null ? 0 : key.length));
        }
        return new HashChain(key.clone());
    }

    /** The event that follows {@code previousHash} at {@code sequence}, with its hash computed. */
    public AuditEvent link(long sequence, Instant at, String actor, AuditAction action, String recordingId,
                                  Map<String, String> details, String previousHash) {
        Map<String, String> checked = AuditEvent.checkedInput(actor, action, recordingId, details);
        String hash = hash(sequence, at, actor, action.id(), recordingId, checked, previousHash);
        return new AuditEvent(sequence, at, actor, action, recordingId, checked, previousHash, hash);
    }

    /** Recomputes the hash the event should carry from its other fields. */
    public String hashOf(AuditEvent event) {
        return hash(event.sequence(), event.at(), event.actor(), event.action().id(), event.recordingId(),
                event.details(), event.previousHash());
    }

    /** Lowercase hex HMAC-SHA256 of the canonical encoding of these fields. */
    public String hash(long sequence, Instant at, String actor, String actionId, String recordingId,
                              Map<String, String> details, String previousHash) {
        Mac digest = hmac();
        string(digest, new String(TAG, StandardCharsets.US_ASCII));
        digest.update(ByteBuffer.allocate(Long.BYTES).putLong(sequence).array());
        digest.update(ByteBuffer.allocate(Long.BYTES + Integer.BYTES)
                .putLong(at.getEpochSecond()).putInt(at.getNano()).array());
        string(digest, actor);
        string(digest, actionId);
        string(digest, recordingId);
        TreeMap<String, String> sorted = new TreeMap<>(details);
        digest.update(ByteBuffer.allocate(Integer.BYTES).putInt(sorted.size()).array());
        sorted.forEach((key, value) -> {
            string(digest, key);
            string(digest, value);
        });
        string(digest, previousHash);
        return HexFormat.of().formatHex(digest.doFinal());
    }

    private static void string(Mac digest, String value) {
        if (value == null) {
            digest.update(ByteBuffer.allocate(Integer.BYTES).putInt(-1).array());
            return;
        }
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        digest.update(ByteBuffer.allocate(Integer.BYTES).putInt(bytes.length).array());
        digest.update(bytes);
    }

    private Mac hmac() {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac;
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("this JVM has no HmacSHA256, which every Java platform must provide", e);
        }
    }
}
