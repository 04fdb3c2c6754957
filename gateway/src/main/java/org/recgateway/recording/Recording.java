package org.recgateway.recording;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;

import org.recgateway.policy.LegalBasis;
import org.recgateway.policy.Purpose;

/**
 * One recording and the evidence that makes it defensible. Fields that are only known once the
 * recording ends ({@code ended}, {@code sizeBytes}, {@code sha256}, {@code retentionUntil}) are null
 * while it is {@link RecordingStatus#ACTIVE}. Once its audio is deleted the row stays as a tombstone:
 * what existed, for which purposes, when, the size and hash of what was deleted, and {@code deletion}.
 *
 * @param id             the gateway's own recording id (also the file's base name)
 * @param uniqueId       Asterisk uniqueid of the recorded channel
 * @param linkedId       Asterisk linkedid of the call
 * @param channel        Asterisk channel name
 * @param callerNumber   calling number, as Asterisk presented it (data, never a path); searches use its
 *                       {@link PhoneNumbers} key, this original notation is for display
 * @param calledNumber   called number (DNID or extension), as presented
 * @param purpose        why it is recorded
 * @param legalBasis     on which GDPR basis
 * @param ruleName       the policy rule that decided
 * @param retention      how long to keep the audio after it ends: the longest retention of its purposes,
 *                       at the resolution it was configured in
 * @param notice         the notice evidence
 * @param started        when MixMonitor was started (after the notice ended)
 * @param ended          when the recording ended
 * @param retentionUntil when the last purpose's deadline falls
 * @param filePath       where the gateway finds the file
 * @param sizeBytes      file size
 * @param sha256         SHA-256 of the file
 * @param status         where it is in its life
 * @param purposes       every purpose the recording carries, the main one ({@code purpose}) first, ended ones included
 * @param choices        the sample draw, objection and consent evidence; null when none applied (e.g. quarantined)
 * @param deletion       the deletion of its audio, begun or done; null while the audio is kept
 */
public record Recording(String id, String uniqueId, String linkedId, String channel, String callerNumber,
                        String calledNumber, Purpose purpose, LegalBasis legalBasis, String ruleName,
                        Duration retention, NoticeEvidence notice, Instant started, Instant ended,
                        Instant retentionUntil, String filePath, Long sizeBytes, String sha256,
                        RecordingStatus status, List<RecordedPurpose> purposes, CallerChoices choices,
                        Deletion deletion) {
    public Recording {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(status, "status");
        retention = retention == null ? Duration.ZERO : retention;
        purposes = purposes == null || purposes.isEmpty() ? mainOnly(purpose, legalBasis, retention) : List.copyOf(purposes);
    }

    /** A recording whose audio is kept. */
    public Recording(String id, String uniqueId, String linkedId, String channel, String callerNumber,
                     String calledNumber, Purpose purpose, LegalBasis legalBasis, String ruleName,
                     Duration retention, NoticeEvidence notice, Instant started, Instant ended,
                     Instant retentionUntil, String filePath, Long sizeBytes, String sha256,
                     RecordingStatus status, List<RecordedPurpose> purposes, CallerChoices choices) {
        this(id, uniqueId, linkedId, channel, callerNumber, calledNumber, purpose, legalBasis, ruleName, retention,
                notice, started, ended, retentionUntil, filePath, sizeBytes, sha256, status, purposes, choices, null);
    }

    /** A recording for its main purpose only, with no caller choices. */
    public Recording(String id, String uniqueId, String linkedId, String channel, String callerNumber,
                     String calledNumber, Purpose purpose, LegalBasis legalBasis, String ruleName,
                     Duration retention, NoticeEvidence notice, Instant started, Instant ended,
                     Instant retentionUntil, String filePath, Long sizeBytes, String sha256,
                     RecordingStatus status) {
        this(id, uniqueId, linkedId, channel, callerNumber, calledNumber, purpose, legalBasis, ruleName, retention,
                notice, started, ended, retentionUntil, filePath, sizeBytes, sha256, status, List.of(), null, null);
    }

    /**
     * A file in the recordings directory that no recording accounts for: no call, no purpose, no notice;
     * only where it is, when it was last written, its size and hash. Kept until reviewed.
     */
    public static Recording quarantined(String id, String filePath, Instant modified, long sizeBytes, String sha256) {
        return new Recording(id, null, null, null, null, null, null, null, null, Duration.ZERO, null, modified, modified,
                null, filePath, sizeBytes, sha256, RecordingStatus.QUARANTINED);
    }

    private static List<RecordedPurpose> mainOnly(Purpose purpose, LegalBasis basis, Duration retention) {
        return purpose == null || basis == null ? List.of() : List.of(new RecordedPurpose(purpose, basis, retention));
    }

    /** How long it ran, in milliseconds, or null while active. */
    public Long durationMillis() {
        return started == null || ended == null ? null : ended.toEpochMilli() - started.toEpochMilli();
    }

    /** The purposes still in force. */
    public List<RecordedPurpose> livePurposes() {
        return purposes.stream().filter(RecordedPurpose::live).toList();
    }

    /**
     * The same recording, ended and filed with what was measured on disk; each purpose's deadline is
     * set from {@code endedAt}.
     */
    public Recording filed(Instant endedAt, long size, String fileSha256, RecordingStatus newStatus) {
        List<RecordedPurpose> due = purposes.stream().map(p -> p.dueFrom(endedAt)).toList();
        return new Recording(id, uniqueId, linkedId, channel, callerNumber, calledNumber, purpose, legalBasis,
                ruleName, retention, notice, started, endedAt, endedAt.plus(retention), filePath, size, fileSha256,
                newStatus, due, choices, deletion);
    }

    /** The same recording with each purpose changed by {@code change} (e.g. ended). */
    public Recording withPurposes(UnaryOperator<RecordedPurpose> change) {
        return new Recording(id, uniqueId, linkedId, channel, callerNumber, calledNumber, purpose, legalBasis,
                ruleName, retention, notice, started, ended, retentionUntil, filePath, sizeBytes, sha256, status,
                purposes.stream().map(change).toList(), choices, deletion);
    }

    /** The same recording with its audio's deletion begun or done; a done deletion makes it {@link RecordingStatus#DELETED}. */
    public Recording withDeletion(Deletion d, Long size, String hash) {
        return new Recording(id, uniqueId, linkedId, channel, callerNumber, calledNumber, purpose, legalBasis,
                ruleName, retention, notice, started, ended, retentionUntil, filePath, size, hash,
                d.done() ? RecordingStatus.DELETED : status, purposes, choices, d);
    }

    /** The same recording, its audio now kept in {@code path} (e.g. once sealed). */
    public Recording keptIn(String path) {
        return new Recording(id, uniqueId, linkedId, channel, callerNumber, calledNumber, purpose, legalBasis,
                ruleName, retention, notice, started, ended, retentionUntil, path, sizeBytes, sha256, status,
                purposes, choices, deletion);
    }
}
