package org.recgateway.listening;

import java.time.Instant;
import java.util.Objects;

/** One play the provider started: which window, which sample, when, and which stretch it heard. */
public record Play(String windowId, String recordingId, String provider, Instant at, Span span) {
    public Play {
        Objects.requireNonNull(windowId, "windowId");
        Objects.requireNonNull(recordingId, "recordingId");
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(span, "span");
    }
}
