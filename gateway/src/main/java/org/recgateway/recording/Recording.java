package org.recgateway.recording;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

import org.recgateway.policy.LegalBasis;
import org.recgateway.policy.Purpose;

/**
 * One recording and the evidence that makes it defensible. Fields that are only known once the
 * recording ends ({@code ended}, {@code sizeBytes}, {@code sha256}, {@code retentionUntil}) are null
 * while it is {@link RecordingStatus#ACTIVE}.
 *
 * @param id             the gateway's own recording id (also the file's base name)
 * @param uniqueId       Asterisk uniqueid of the recorded channel
 * @param linkedId       Asterisk linkedid of the call
 * @param channel        Asterisk channel name
 * @param callerNumber   calling number, as Asterisk presented it (data, never a path)
 * @param calledNumber   called number (DNID or extension)
 * @param purpose        why it is recorded
 * @param legalBasis     on which GDPR basis
 * @param ruleName       the policy rule that decided
 * @param retentionDays  how long to keep the audio after it ends, in days: the longest retention of its purposes
 * @param notice         the notice evidence
 * @param started        when MixMonitor was started (after the notice ended)
 * @param ended          when the recording ended
 * @param retentionUntil when it must be deleted
 * @param filePath       where the gateway finds the file
 * @param sizeBytes      file size
 * @param sha256         SHA-256 of the file
 * @param status         where it is in its life
 * @param purposes       every purpose the recording carries, the main one ({@code purpose}) first
 * @param choices        the sample draw, objection and consent evidence; null when none applied (e.g. quarantined)
 */
public record Recording(String id, String uniqueId, String linkedId, String channel, String callerNumber,
                        String calledNumber, Purpose purpose, LegalBasis legalBasis, String ruleName,
                        long retentionDays, NoticeEvidence notice, Instant started, Instant ended,
                        Instant retentionUntil, String filePath, Long sizeBytes, String sha256,
                        RecordingStatus status, List<RecordedPurpose> purposes, CallerChoices choices) {
    public Recording {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(status, "status");
        purposes = purposes == null || purposes.isEmpty() ? mainOnly(purpose, legalBasis, retentionDays) : List.copyOf(purposes);
    }

    /** A recording for its main purpose only, with no caller choices. */
    public Recording(String id, String uniqueId, String linkedId, String channel, String callerNumber,
                     String calledNumber, Purpose purpose, LegalBasis legalBasis, String ruleName,
                     long retentionDays, NoticeEvidence notice, Instant started, Instant ended,
                     Instant retentionUntil, String filePath, Long sizeBytes, String sha256,
                     RecordingStatus status) {
        this(id, uniqueId, linkedId, channel, callerNumber, calledNumber, purpose, legalBasis, ruleName, retentionDays,
                notice, started, ended, retentionUntil, filePath, sizeBytes, sha256, status, List.of(), null);
    }

    private static List<RecordedPurpose> mainOnly(Purpose purpose, LegalBasis basis, long retentionDays) {
        return purpose == null || basis == null ? List.of() : List.of(new RecordedPurpose(purpose, basis, retentionDays));
    }

    /** How long it ran, in milliseconds, or null while active. */
    public Long durationMillis() {
        return started == null || ended == null ? null : ended.toEpochMilli() - started.toEpochMilli();
    }

    /** The same recording, ended and filed with what was measured on disk. */
    public Recording filed(Instant endedAt, long size, String fileSha256, RecordingStatus newStatus) {
        return new Recording(id, uniqueId, linkedId, channel, callerNumber, calledNumber, purpose, legalBasis,
                ruleName, retentionDays, notice, started, endedAt,
                endedAt.plus(java.time.Duration.ofDays(retentionDays)), filePath, size, fileSha256, newStatus,
                purposes, choices);
    }

    /** The same recording, its audio now kept in {@code path} (e.g. once sealed). */
    public Recording keptIn(String path) {
        return new Recording(id, uniqueId, linkedId, channel, callerNumber, calledNumber, purpose, legalBasis,
                ruleName, retentionDays, notice, started, ended, retentionUntil, path, sizeBytes, sha256, status,
                purposes, choices);
    }
}
