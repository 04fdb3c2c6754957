package org.recgateway.listening;

import java.util.List;

/** Whether a provider may look at a stretch of a sample now (its waveform and spectrogram): granted (audited as a view, not a play) or refused. */
public sealed interface LookDecision {

    /** Draw {@code wav}: exactly {@code span} of the filed audio (proven), with the markers inside it. */
    record Granted(byte[] wav, Span span, List<Long> markersMillis) implements LookDecision {
        public Granted {
            markersMillis = List.copyOf(markersMillis);
        }
    }

    /** Why not, in words. */
    record Refused(String reason) implements LookDecision {
    }
}
