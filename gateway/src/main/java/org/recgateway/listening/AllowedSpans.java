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
