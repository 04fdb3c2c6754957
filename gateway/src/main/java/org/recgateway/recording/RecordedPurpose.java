package org.recgateway.recording;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

import org.recgateway.policy.LegalBasis;
import org.recgateway.policy.Purpose;

/**
 * One purpose a recording carries, with its own legal basis and retention; access and deletion
 * follow it. A purpose ends by itself at its deadline ({@code due}: when the recording ended plus
 * {@code retention}), or earlier by an erasure; an ended purpose no longer finds or grants access to
 * the recording, and when the last one ends the audio goes.
 *
 * @param retention how long the audio is kept for this purpose after the recording ends, at the
 *                  resolution it was configured in (seconds, minutes, days)
 * @param due       the deadline, known once the recording ended; null while it runs
 * @param endedAt   when this purpose ended; null while it is in force
 * @param endReason why it ended ({@code retention}, {@code erasure}, …); null while it is in force
 */
public record RecordedPurpose(Purpose purpose, LegalBasis basis, Duration retention, Instant due, Instant endedAt,
                              String endReason) {
    public RecordedPurpose {
        Objects.requireNonNull(purpose, "purpose");
        Objects.requireNonNull(basis, "basis");
        Objects.requireNonNull(retention, "retention");
        if (retention.isNegative()) {
            throw new IllegalArgumentException("retention of " + purpose.id() + " is negative: " + retention);
        }
    }

    /** A purpose in force with no deadline yet (the recording has not ended). */
    public RecordedPurpose(Purpose purpose, LegalBasis basis, Duration retention) {
        this(purpose, basis, retention, null, null, null);
    }

    /** True while the purpose is in force. */
    public boolean live() {
        return endedAt == null;
    }

    /** The same purpose with its deadline set from when the recording ended. */
    public RecordedPurpose dueFrom(Instant recordingEnded) {
        return new RecordedPurpose(purpose, basis, retention, recordingEnded.plus(retention), endedAt, endReason);
    }

    /** The same purpose, ended at {@code at} for {@code reason}; an ended purpose stays as it ended. */
    public RecordedPurpose end(Instant at, String reason) {
        return live() ? new RecordedPurpose(purpose, basis, retention, due, at, reason) : this;
    }

    /** True when its deadline has come at {@code now} and it is still in force. */
    public boolean overdue(Instant now) {
        return live() && due != null && !due.isAfter(now);
    }
}
