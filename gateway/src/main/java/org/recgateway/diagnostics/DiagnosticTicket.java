package org.recgateway.diagnostics;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A fault case for one telecom provider. Diagnostic recordings exist only attached to an open
 * ticket: at most {@code maxRecordings}, each at most {@code maxLength}, made before {@code recordUntil}.
 *
 * @param id            the gateway's ticket id
 * @param reference     the provider's or the company's fault reference, shown to people
 * @param provider      which provider may listen (matches the provider's API token name)
 * @param closedAt      when the ticket was closed, or null while open
 */
public record DiagnosticTicket(String id, String reference, String provider, String description, int maxRecordings,
                               Duration maxLength, Instant recordUntil, Instant opened, Instant closedAt) {
    public static final int DEFAULT_MAX_RECORDINGS = 2;
    public static final Duration DEFAULT_MAX_LENGTH = Duration.ofSeconds(120);

    public DiagnosticTicket {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(reference, "reference");
        Objects.requireNonNull(provider, "provider");
        description = Objects.requireNonNullElse(description, "");
        Objects.requireNonNull(maxLength, "maxLength");
        Objects.requireNonNull(recordUntil, "recordUntil");
        Objects.requireNonNull(opened, "opened");
        if (maxRecordings < 1 || maxRecordings > 10) {
            throw new IllegalArgumentException("a ticket allows 1 to 10 recordings (one or two should be enough), not " + maxRecordings);
        }
        if (maxLength.isNegative() || maxLength.isZero() || maxLength.compareTo(Duration.ofMinutes(10)) > 0) {
            throw new IllegalArgumentException("a diagnostic recording lasts at most 10 minutes, not " + maxLength);
        }
    }

    public boolean open() {
        return closedAt == null;
    }

    /** Why this ticket cannot take another recording now, or empty when it can. */
    public Optional<String> refusal(int recordingsMade, Instant now) {
        if (!open()) {
            return Optional.of("ticket " + reference + " is closed");
        }
        if (!now.isBefore(recordUntil)) {
            return Optional.of("ticket " + reference + " allowed recordings until " + recordUntil);
        }
        if (recordingsMade >= maxRecordings) {
            return Optional.of("ticket " + reference + " has its " + maxRecordings + " recordings already");
        }
        return Optional.empty();
    }

    public DiagnosticTicket closed(Instant at) {
        return new DiagnosticTicket(id, reference, provider, description, maxRecordings, maxLength, recordUntil, opened, at);
    }
}
