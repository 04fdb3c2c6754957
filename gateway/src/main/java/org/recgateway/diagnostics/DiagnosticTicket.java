package org.recgateway.diagnostics;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A fault case for one telecom provider. Diagnostic recordings exist only attached to an open
 * ticket: at most {@code maxRecordings}, each at most {@code maxLength}, made before {@code recordUntil}
 * (PRODUCT.md rule 4: short, few, listened to briefly around the fault).
 *
 * @param id                     the gateway's ticket id
 * @param reference              the provider's or the company's fault reference, shown to people
 * @param provider               which provider may listen (matches the provider's API token name)
 * @param closedAt               when the ticket was closed, or null while open
 * @param maxMarkers             fault markers allowed per recording (1-20); each marker opens seconds to the provider
 * @param maxAudible             the most the provider may hear of one sample, whatever the markers and windows say
 * @param administratorMaySwitch whether an administrator may switch a recording on for an agent (the
 *                               agent's agreement is then the administrator's word, recorded as such)
 */
public record DiagnosticTicket(String id, String reference, String provider, String description, int maxRecordings,
                               Duration maxLength, Instant recordUntil, Instant opened, Instant closedAt,
                               int maxMarkers, Duration maxAudible, boolean administratorMaySwitch) {
    public static final int DEFAULT_MAX_RECORDINGS = 2;
    public static final Duration DEFAULT_MAX_LENGTH = Duration.ofSeconds(120);
    public static final int DEFAULT_MAX_MARKERS = 3;
    public static final Duration DEFAULT_MAX_AUDIBLE = Duration.ofSeconds(60);

    public DiagnosticTicket {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(reference, "reference");
        Objects.requireNonNull(provider, "provider");
        description = Objects.requireNonNullElse(description, "");
        Objects.requireNonNull(maxLength, "maxLength");
        Objects.requireNonNull(recordUntil, "recordUntil");
        Objects.requireNonNull(opened, "opened");
        Objects.requireNonNull(maxAudible, "maxAudible");
        if (maxRecordings < 1 || maxRecordings > 10) {
            throw new IllegalArgumentException("a ticket allows 1 to 10 recordings (one or two should be enough), not " + maxRecordings);
        }
        if (maxLength.isNegative() || maxLength.isZero() || maxLength.compareTo(Duration.ofMinutes(10)) > 0) {
            throw new IllegalArgumentException("a diagnostic recording lasts at most 10 minutes, not " + maxLength);
        }
        if (maxMarkers < 1 || maxMarkers > 20) {
            throw new IllegalArgumentException("a ticket allows 1 to 20 fault markers per recording, not " + maxMarkers);
        }
        if (maxAudible.compareTo(Duration.ofSeconds(1)) < 0 || maxAudible.compareTo(Duration.ofMinutes(10)) > 0) {
            throw new IllegalArgumentException("the provider may hear 1 s to 10 minutes of a sample, not " + maxAudible);
        }
    }

    /** A ticket with the default marker cap and audible seconds, which an administrator may not switch for an agent. */
    public DiagnosticTicket(String id, String reference, String provider, String description, int maxRecordings,
                            Duration maxLength, Instant recordUntil, Instant opened, Instant closedAt) {
        this(id, reference, provider, description, maxRecordings, maxLength, recordUntil, opened, closedAt,
                DEFAULT_MAX_MARKERS, DEFAULT_MAX_AUDIBLE, false);
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
        return new DiagnosticTicket(id, reference, provider, description, maxRecordings, maxLength, recordUntil, opened, at,
                maxMarkers, maxAudible, administratorMaySwitch);
    }

    /** This ticket with other marker and listening limits, and whether an administrator may switch for an agent. */
    public DiagnosticTicket withLimits(int markers, Duration audible, boolean administratorSwitch) {
        return new DiagnosticTicket(id, reference, provider, description, maxRecordings, maxLength, recordUntil, opened,
                closedAt, markers, audible, administratorSwitch);
    }
}
