package org.recgateway.diagnostics;

import java.time.Instant;
import java.util.Objects;

/** The agent marked "now it happens": an offset into a diagnostic recording, which decides what the provider may hear. */
public record FaultMarker(String recordingId, long offsetMillis, Instant at, String by) {
    public FaultMarker {
        Objects.requireNonNull(recordingId, "recordingId");
        Objects.requireNonNull(at, "at");
        by = Objects.requireNonNullElse(by, "");
        if (offsetMillis < 0) {
            throw new IllegalArgumentException("a marker lies inside the recording, offset " + offsetMillis + " ms");
        }
    }
}
