package org.recgateway.recording;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

import org.recgateway.policy.Purpose;

/**
 * A search for recordings; every present criterion must match. {@code number} matches the caller
 * or the called number exactly. {@code from}/{@code to} bound the recording's start (from inclusive,
 * to exclusive). {@code limit} caps the result (newest first).
 */
public record RecordingQuery(Optional<String> uniqueId, Optional<String> linkedId, Optional<String> number,
                             Optional<Purpose> purpose, Optional<Instant> from, Optional<Instant> to, int limit) {
    public static final int MAX_LIMIT = 1000;

    public RecordingQuery {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT + ", was " + limit);
        }
    }

    /**
     * The search as audit details: how it was asked ({@code via}), each criterion given, the limit, how
     * many were shown. A number is written only as {@code pseudonym} makes it (a keyed pseudonym), never as given.
     */
    public Map<String, String> auditDetails(String via, int count, UnaryOperator<String> pseudonym) {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("via", via);
        uniqueId.ifPresent(v -> details.put("uniqueid", v));
        linkedId.ifPresent(v -> details.put("linkedid", v));
        number.ifPresent(v -> details.put("number", pseudonym.apply(v)));
        purpose.ifPresent(v -> details.put("purpose", v.id()));
        from.ifPresent(v -> details.put("from", v.toString()));
        to.ifPresent(v -> details.put("to", v.toString()));
        details.put("limit", Integer.toString(limit));
        details.put("count", Integer.toString(count));
        return details;
    }

    /** Every recording of one channel (by Asterisk uniqueid); indexed, unlike a scan of all active recordings. */
    public static RecordingQuery byUniqueId(String uniqueId) {
        return new RecordingQuery(Optional.of(uniqueId), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), MAX_LIMIT);
    }

    /** Every recording of one call (by Asterisk linkedid). */
    public static RecordingQuery byLinkedId(String linkedId) {
        return new RecordingQuery(Optional.empty(), Optional.of(linkedId), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), MAX_LIMIT);
    }

    public static RecordingQuery all(int limit) {
        return new RecordingQuery(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), limit);
    }
}
