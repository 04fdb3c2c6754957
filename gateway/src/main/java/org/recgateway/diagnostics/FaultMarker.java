package org.recgateway.diagnostics;

import java.time.Instant;
import java.util.Objects;

/**
 * The agent marked "now it happens": an offset into a diagnostic recording, which decides what the provider may hear.
 *
 * @param by  who set it (an audit actor, e.g. {@code agent:PJSIP/agent})
 * @param how how it was set: {@code feature-code} or {@code http}; empty for markers set before this was kept
 */
public record FaultMarker(String recordingId, long offsetMillis, Instant at, String by, String how) {
    public FaultMarker {
        Objects.requireNonNull(recordingId, "recordingId");
        Objects.requireNonNull(at, "at");
        by = Objects.requireNonNullElse(by, "");
        how = Objects.requireNonNullElse(how, "");
        if (offsetMillis < 0) {
            throw new IllegalArgumentException("a marker lies inside the recording, offset " + offsetMillis + " ms");
        }
    }

    /** A marker whose way of setting is not known. */
    public FaultMarker(String recordingId, long offsetMillis, Instant at, String by) {
        this(recordingId, offsetMillis, at, by, "");
    }
}
