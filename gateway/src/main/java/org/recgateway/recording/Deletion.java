package org.recgateway.recording;

import java.time.Instant;
import java.util.Objects;

/**
 * A recording's audio deletion: begun ({@code done} false: the file may or may not be gone yet) or
 * finished (the row is a tombstone). A begun deletion is finished by the next sweep, so a crash
 * between deleting the file and updating the row leaves nothing unaccounted for.
 *
 * @param at     when the deletion began
 * @param reason why, e.g. {@code retention}, {@code erasure}, {@code objection during the call}
 * @param by     who caused it: {@code gateway} or a person or token
 * @param done   true once the file is gone and the row records it
 */
public record Deletion(Instant at, String reason, String by, boolean done) {
    public Deletion {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(by, "by");
    }

    /** The same deletion, finished. */
    public Deletion finished() {
        return new Deletion(at, reason, by, true);
    }
}
