package org.recgateway.listening;

import java.util.ArrayList;
import java.util.List;

import org.recgateway.diagnostics.FaultMarker;

/**
 * What a window lets the provider hear of one sample: {@code before}..{@code after} around each fault
 * marker, overlapping stretches merged, clamped to the recording; without markers only its beginning.
 */
public final class AllowedSpans {

    private AllowedSpans() {
    }

    /**
     * The spans in order, cut so that together they last at most {@code maxAudible} (the ticket's cap on
     * what the provider hears of one sample, however many markers and however wide the window): earlier
     * stretches first, the last one shortened, later ones dropped.
     */
    public static List<Span> of(ListeningWindow window, List<FaultMarker> markers, long recordingMillis,
                                java.time.Duration maxAudible) {
        List<Span> capped = new ArrayList<>();
        long left = maxAudible.toMillis();
        for (Span span : of(window, markers, recordingMillis)) {
            if (left <= 0) {
                break;
            }
            capped.add(new Span(span.startMillis(), Math.min(span.lengthMillis(), left)));
            left -= span.lengthMillis();
        }
        return List.copyOf(capped);
    }

    /** The spans in order; empty when the recording has no audio. */
    public static List<Span> of(ListeningWindow window, List<FaultMarker> markers, long recordingMillis) {
        if (recordingMillis <= 0) {
            return List.of();
        }
        if (markers.isEmpty()) {
            return List.of(new Span(0, Math.min(recordingMillis, window.withoutMarkers().toMillis())));
        }
        List<Long> offsets = markers.stream().map(FaultMarker::offsetMillis).sorted().toList();
        List<Span> spans = new ArrayList<>();
        long start = -1;
        long end = -1;
        for (long offset : offsets) {
            long s = Math.max(0, offset - window.before().toMillis());
            long e = Math.min(recordingMillis, offset + window.after().toMillis());
            if (s >= recordingMillis) {
                continue;
            }
            if (start >= 0 && s <= end) {
                end = Math.max(end, e);
            } else {
                if (start >= 0) {
                    spans.add(new Span(start, end - start));
                }
                start = s;
                end = e;
            }
        }
        if (start >= 0) {
            spans.add(new Span(start, end - start));
        }
        return List.copyOf(spans);
    }
}
