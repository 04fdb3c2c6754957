package org.recgateway.listening;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * An administrator's grant: the provider of a ticket may listen from {@code from} until {@code until},
 * each sample at most {@code playsPerSample} times, and hears only {@code before}/{@code after} around
 * each fault marker (or the first {@code withoutMarkers} of a sample that has none).
 *
 * @param id        the gateway's window id
 * @param grantedBy the actor who granted it, as the audit trail names them
 */
public record ListeningWindow(String id, String ticketId, String provider, Instant from, Instant until,
                              int playsPerSample, Duration before, Duration after, Duration withoutMarkers,
                              String grantedBy, Instant grantedAt) {
    public static final int DEFAULT_PLAYS = 3;
    public static final int MAX_PLAYS = 20;
    public static final Duration DEFAULT_AROUND = Duration.ofSeconds(15);
    public static final Duration MAX_AROUND = Duration.ofSeconds(120);
    public static final Duration DEFAULT_WITHOUT_MARKERS = Duration.ofSeconds(30);
    public static final Duration MAX_WITHOUT_MARKERS = Duration.ofSeconds(300);
    public static final Duration MAX_LENGTH = Duration.ofDays(14);

    public ListeningWindow {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(ticketId, "ticketId");
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(grantedBy, "grantedBy");
        Objects.requireNonNull(grantedAt, "grantedAt");
        if (!from.isBefore(until)) {
            throw new IllegalArgumentException("a listening window must open before it closes, got " + from + " to " + until);
        }
        if (Duration.between(from, until).compareTo(MAX_LENGTH) > 0) {
            throw new IllegalArgumentException("a listening window lasts at most " + MAX_LENGTH.toDays() + " days");
        }
        if (playsPerSample < 1 || playsPerSample > MAX_PLAYS) {
            throw new IllegalArgumentException("plays per sample must be 1 to " + MAX_PLAYS + ", not " + playsPerSample);
        }
        within("seconds before a marker", before, Duration.ZERO, MAX_AROUND);
        within("seconds after a marker", after, Duration.ZERO, MAX_AROUND);
        within("seconds without markers", withoutMarkers, Duration.ofSeconds(1), MAX_WITHOUT_MARKERS);
    }

    private static void within(String what, Duration value, Duration min, Duration max) {
        if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
            throw new IllegalArgumentException(what + " must be " + min.toSeconds() + " to " + max.toSeconds()
                    + ", not " + value.toSeconds());
        }
    }

    /** True while the provider may listen. */
    public boolean openAt(Instant now) {
        return !now.isBefore(from) && now.isBefore(until);
    }

    /** Why the provider may not listen now, or empty when it may. */
    public Optional<String> refusal(Instant now) {
        if (now.isBefore(from)) {
            return Optional.of("the listening window opens at " + from);
        }
        if (!now.isBefore(until)) {
            return Optional.of("the listening window closed at " + until);
        }
        return Optional.empty();
    }
}
