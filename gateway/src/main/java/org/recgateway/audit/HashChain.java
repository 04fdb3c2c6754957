package org.recgateway.audit;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * The hash that links audit events: SHA-256 over a canonical binary encoding of every field but the
 * hash itself. The encoding is unambiguous, so no two different events encode the same: numbers have
 * a fixed width, every string is length-prefixed (length -1 for null, so null and "" differ), and the
 * details are counted and sorted by key. A version tag starts it, so a future encoding cannot collide.
 *
 * <p>Exactly, all integers big-endian: str("recgateway-audit-v1"), sequence (8 bytes), at as epoch
 * second (8 bytes) and nano (4 bytes), str(actor), str(action id), str(recording id), the number of
 * details (4 bytes), then str(key), str(value) per detail in {@link String#compareTo} order of the keys,
 * then str(previous hash); str(s) is the length of s in UTF-8 (4 bytes; -1 for null) followed by those
 * bytes. An auditor can recompute every hash from a database copy with nothing but this paragraph.
 */
public final class HashChain {

    /** The {@code previousHash} of event 1: 64 zeros. */
    public static final String GENESIS = "0".repeat(64);

    private static final byte[] TAG = "recgateway-audit-v1".getBytes(StandardCharsets.US_ASCII);

    private HashChain() {
    }

    /** The event that follows {@code previousHash} at {@code sequence}, with its hash computed. */
    public static AuditEvent link(long sequence, Instant at, String actor, AuditAction action, String recordingId,
                                  Map<String, String> details, String previousHash) {
        Map<String, String> checked = AuditEvent.checkedInput(actor, action, recordingId, details);
        String hash = hash(sequence, at, actor, action.id(), recordingId, checked, previousHash);
        return new AuditEvent(sequence, at, actor, action, recordingId, checked, previousHash, hash);
    }

    /** Recomputes the hash the event should carry from its other fields. */
    public static String hashOf(AuditEvent event) {
        return hash(event.sequence(), event.at(), event.actor(), event.action().id(), event.recordingId(),
                event.details(), event.previousHash());
    }

    /** Lowercase hex SHA-256 of the canonical encoding of these fields. */
    public static String hash(long sequence, Instant at, String actor, String actionId, String recordingId,
                              Map<String, String> details, String previousHash) {
        MessageDigest digest = sha256();
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
        return HexFormat.of().formatHex(digest.digest());
    }

    private static void string(MessageDigest digest, String value) {
        if (value == null) {
            digest.update(ByteBuffer.allocate(Integer.BYTES).putInt(-1).array());
            return;
        }
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        digest.update(ByteBuffer.allocate(Integer.BYTES).putInt(bytes.length).array());
        digest.update(bytes);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no SHA-256, which every Java platform must provide", e);
        }
    }
}
