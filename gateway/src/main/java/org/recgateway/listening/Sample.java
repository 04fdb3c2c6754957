package org.recgateway.listening;

import java.time.Instant;
import java.util.List;

import org.recgateway.diagnostics.LineQuality;

/**
 * A diagnostic recording as its provider sees it: only what the fault needs (data minimisation): the
 * ticket, when and how long, where the fault markers are, the audio format and line quality, the
 * stretches it may hear and how many plays are left; no numbers, channels, uniqueids or file paths.
 *
 * @param window    the window that decides (open now, else the next, else the last), or null when none was granted
 * @param playsLeft plays left in the open window; 0 when no window is open
 * @param refusal   why it cannot be played now, or null when it can
 * @param format    the audio format of the sample, e.g. {@code wav}
 * @param lineQuality both legs' RTP statistics while it was recorded, by leg role (never channel or number)
 */
public record Sample(String recordingId, String ticketId, String ticketReference, String ticketDescription, Instant started,
                     Long durationMillis, String status, List<Long> markerOffsetsMillis, List<Span> spans,
                     ListeningWindow window, int playsLeft, String refusal, String format, List<LineQuality> lineQuality) {
    public Sample {
        markerOffsetsMillis = List.copyOf(markerOffsetsMillis);
        spans = List.copyOf(spans);
        lineQuality = List.copyOf(lineQuality);
    }
}
