package org.recgateway.audit;

import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * One link of the audit trail: who ({@code actor}) did what ({@code action}) to which recording, when,
 * with a few flat facts ({@code details}), chained to the event before it by {@code previousHash}.
 *
 * @param sequence     position in the trail: 1 for the first event, then every number once, without gaps
 * @param at           when it happened
 * @param actor        who did it, see {@link Actors}: {@code gateway}, {@code cli}, {@code token:<name>} ...
 * @param action       what was done
 * @param recordingId  the recording it concerns, or null (e.g. for a search or a verification)
 * @param details      extra facts (reason, count, seconds played ...); sorted by key, unmodifiable
 * @param previousHash the {@code hash} of event {@code sequence - 1}; {@link HashChain#GENESIS} for the first
 * @param hash         {@link HashChain#hash} of all the other fields
 */
public record AuditEvent(long sequence, Instant at, String actor, AuditAction action, String recordingId,
                         Map<String, String> details, String previousHash, String hash) {

    /** Detail keys are short identifiers, so they read well in JSON and never need escaping. */
    static final Pattern DETAIL_KEY = Pattern.compile("[a-z][A-Za-z0-9._-]{0,63}");
    static final int MAX_DETAILS = 32;
    static final int MAX_DETAIL_VALUE = 1024;
    static final int MAX_NAME = 128;
    private static final Pattern HASH = Pattern.compile("[0-9a-f]{64}");

    public AuditEvent {
        if (sequence < 1) {
            throw new IllegalArgumentException("audit event sequence numbers start at 1, got " + sequence);
        }
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(action, "action");
        checkName("actor", actor);
        if (recordingId != null) {
            checkName("recordingId", recordingId);
        }
        details = sortedCopy(details);
        checkHash("previousHash", previousHash);
        checkHash("hash", hash);
    }

    /** Checks actor, recording id and details as {@link AuditTrail#append} takes them; returns the sorted details. */
    static Map<String, String> checkedInput(String actor, AuditAction action, String recordingId,
                                            Map<String, String> details) {
        Objects.requireNonNull(action, "action");
        checkName("actor", actor);
        if (recordingId != null) {
            checkName("recordingId", recordingId);
        }
        return sortedCopy(details);
    }

    private static Map<String, String> sortedCopy(Map<String, String> details) {
        Objects.requireNonNull(details, "details (use Map.of() for none)");
        if (details.size() > MAX_DETAILS) {
            throw new IllegalArgumentException("an audit event takes at most " + MAX_DETAILS + " details, got "
                    + details.size() + "; keep details to the few facts that explain the event");
        }
        TreeMap<String, String> sorted = new TreeMap<>();
        details.forEach((key, value) -> {
            if (key == null || !DETAIL_KEY.matcher(key).matches()) {
                throw new IllegalArgumentException("audit detail key '" + key + "' is not valid; use 1-64 of "
                        + "A-Z a-z 0-9 . _ -, starting with a lowercase letter");
            }
            if (value == null || value.length() > MAX_DETAIL_VALUE) {
                throw new IllegalArgumentException("audit detail '" + key + "' must have a value of at most "
                        + MAX_DETAIL_VALUE + " characters, got " + (value == null ? "null" : value.length()));
            }
            sorted.put(key, value);
        });
        return Collections.unmodifiableSortedMap(sorted);
    }

    private static void checkName(String field, String value) {
        if (value == null || value.isBlank() || value.length() > MAX_NAME
                || value.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("audit event " + field + " must be 1-" + MAX_NAME
                    + " characters without control characters, got "
                    + (value == null ? "null" : value.length() + " characters"));
        }
    }

    private static void checkHash(String field, String value) {
        if (value == null || !HASH.matcher(value).matches()) {
            throw new IllegalArgumentException("audit event " + field
                    + " must be 64 lowercase hex characters (a SHA-256), got '" + value + "'");
        }
    }
}
