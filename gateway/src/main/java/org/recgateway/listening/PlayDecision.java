package org.recgateway.listening;

/** Whether a provider may play a stretch of a sample now: granted (already counted and audited) or refused with the reason. */
public sealed interface PlayDecision {

    /**
     * Serve {@code wav}: exactly {@code span} of the recording, already proven to be the filed audio;
     * this was play number {@code play} of {@code allowed}.
     */
    record Granted(byte[] wav, Span span, int play, int allowed) implements PlayDecision {
    }

    record Refused(String reason) implements PlayDecision {
    }
}
