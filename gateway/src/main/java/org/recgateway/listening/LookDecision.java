package org.recgateway.listening;

import java.nio.file.Path;
import java.util.List;

/** Whether a provider may look at a stretch of a sample now (its waveform and spectrogram): granted (audited as a view, not a play) or refused. */
public sealed interface LookDecision {

    /** Draw exactly {@code span} of {@code file}, with the markers inside it. */
    record Granted(Path file, Span span, List<Long> markersMillis) implements LookDecision {
        public Granted {
            markersMillis = List.copyOf(markersMillis);
        }
    }

    /** Why not, in words. */
    record Refused(String reason) implements LookDecision {
    }
}
