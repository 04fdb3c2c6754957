package org.recgateway.listening;

import java.time.Instant;
import java.util.List;

/**
 * A diagnostic recording as its provider sees it: when, how long, where the fault markers are, the
 * stretches it may hear and how many plays are left in the current window.
 *
 * @param window    the window that decides (open now, else the next, else the last), or null when none was granted
 * @param playsLeft plays left in the open window; 0 when no window is open
 * @param refusal   why it cannot be played now, or null when it can
 */
public record Sample(String recordingId, String ticketId, String ticketReference, Instant started, Long durationMillis,
                     String status, List<Long> markerOffsetsMillis, List<Span> spans, ListeningWindow window,
                     int playsLeft, String refusal) {
    public Sample {
        markerOffsetsMillis = List.copyOf(markerOffsetsMillis);
        spans = List.copyOf(spans);
    }
}
