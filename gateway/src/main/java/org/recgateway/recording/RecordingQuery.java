package org.recgateway.recording;

import java.time.Instant;
import java.util.Optional;

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

    public static RecordingQuery all(int limit) {
        return new RecordingQuery(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), limit);
    }
}
