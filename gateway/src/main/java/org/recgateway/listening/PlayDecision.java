package org.recgateway.listening;

import java.nio.file.Path;

/** Whether a provider may play a stretch of a sample now: granted (already counted and audited) or refused with the reason. */
public sealed interface PlayDecision {

    /** Serve exactly {@code span} of {@code file}; this was play number {@code play} of {@code allowed}. */
    record Granted(Path file, Span span, int play, int allowed) implements PlayDecision {
    }

    record Refused(String reason) implements PlayDecision {
    }
}
