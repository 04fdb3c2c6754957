package org.recgateway.recording;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;

import org.recgateway.policy.LegalBasis;
import org.recgateway.policy.Purpose;

/**
 * One recording and the evidence that makes it defensible, built of parts: the {@link RecordedCall call}
 * it was made of, its {@link Evidence evidence} (rule, notice, caller's choices), its {@link AudioFile audio}
 * on disk, its {@link PurposeSet purposes}, and the {@link Deletion deletion} of its audio once begun. Once
 * its audio is deleted the row stays as a tombstone: what existed, for which purposes, when, the size and
 * hash of what was deleted, and the deletion. Made by a named factory ({@link #active}, {@link #quarantined})
 * or read back from the store whole; changed only by the {@code with…}/{@code filed} methods.
 *
 * <p>The accessors {@link #uniqueId()}, {@link #filePath()}, {@link #purpose()} … are shortcuts into the parts.
 *
 * @param id        the gateway's own recording id (also the file's base name)
 * @param status    where it is in its life
 * @param call      the call; {@link RecordedCall#NONE} for a quarantined file
 * @param evidence  rule, notice and choices; {@link Evidence#NONE} for a quarantined file
 * @param audio     the audio file: where, when, and once filed its size and hash
 * @param purposeSet every purpose, its retention and deadline
 * @param deletion  the deletion of its audio, begun or done; null while the audio is kept
 */
public record Recording(String id, RecordingStatus status, RecordedCall call, Evidence evidence, AudioFile audio,
                        PurposeSet purposeSet, Deletion deletion) {
    public Recording {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(status, "status");
        call = call == null ? RecordedCall.NONE : call;
        evidence = evidence == null ? Evidence.NONE : evidence;
        Objects.requireNonNull(audio, "audio");
        purposeSet = purposeSet == null ? PurposeSet.NONE : purposeSet;
    }

    /**
     * A recording that starts now: MixMonitor writes {@code filePath} from {@code started}, after the notice
     * ended; nothing is measured yet and no deadline is set.
     */
    public static Recording active(String id, RecordedCall call, Evidence evidence, PurposeSet purposes,
                                   String filePath, Instant started) {
        return new Recording(id, RecordingStatus.ACTIVE, call, evidence, AudioFile.writing(filePath, started), purposes, null);
    }

    /**
     * A file in the recordings directory that no recording accounts for: no call, no purpose, no notice;
     * only where it is, when it was last written, its size and hash. Kept until reviewed.
     */
    public static Recording quarantined(String id, String filePath, Instant modified, long sizeBytes, String sha256) {
        return new Recording(id, RecordingStatus.QUARANTINED, RecordedCall.NONE, Evidence.NONE,
                new AudioFile(filePath, modified, modified, sizeBytes, sha256), PurposeSet.NONE, null);
    }

    /** Asterisk uniqueid of the recorded channel. */
    public String uniqueId() {
        return call.uniqueId();
    }

    /** Asterisk linkedid of the call. */
    public String linkedId() {
        return call.linkedId();
    }

    /** Asterisk channel name. */
    public String channel() {
        return call.channel();
    }

    /** Calling number as presented (for display; searches use its key). */
    public String callerNumber() {
        return call.callerNumber();
    }

    /** Called number as presented. */
    public String calledNumber() {
        return call.calledNumber();
    }

    /** The main purpose. */
    public Purpose purpose() {
        return purposeSet.main();
    }

    /** The main purpose's legal basis. */
    public LegalBasis legalBasis() {
        return purposeSet.basis();
    }

    /** The longest retention of its purposes. */
    public Duration retention() {
        return purposeSet.retention();
    }

    /** When the last purpose's deadline falls; null until it ended. */
    public Instant retentionUntil() {
        return purposeSet.until();
    }

    /** Every purpose, the main one first, ended ones included. */
    public List<RecordedPurpose> purposes() {
        return purposeSet.all();
    }

    /** The policy rule that decided. */
    public String ruleName() {
        return evidence.ruleName();
    }

    /** The notice evidence; null when none. */
    public NoticeEvidence notice() {
        return evidence.notice();
    }

    /** The caller's choices; null when none applied. */
    public CallerChoices choices() {
        return evidence.choices();
    }

    /** Where the gateway finds the file. */
    public String filePath() {
        return audio.filePath();
    }

    /** When MixMonitor was started. */
    public Instant started() {
        return audio.started();
    }

    /** When it ended; null while active. */
    public Instant ended() {
        return audio.ended();
    }

    /** Plaintext size in bytes; null while active. */
    public Long sizeBytes() {
        return audio.sizeBytes();
    }

    /** SHA-256 of the plaintext; null while active. */
    public String sha256() {
        return audio.sha256();
    }

    /** How long it ran, in milliseconds, or null while active. */
    public Long durationMillis() {
        return started() == null || ended() == null ? null : ended().toEpochMilli() - started().toEpochMilli();
    }

    /** The purposes still in force. */
    public List<RecordedPurpose> livePurposes() {
        return purposes().stream().filter(RecordedPurpose::live).toList();
    }

    /**
     * The same recording, ended and filed with what was measured on disk; each purpose's deadline is
     * set from {@code endedAt}.
     */
    public Recording filed(Instant endedAt, long size, String fileSha256, RecordingStatus newStatus) {
        List<RecordedPurpose> due = purposes().stream().map(p -> p.dueFrom(endedAt)).toList();
        PurposeSet ended = new PurposeSet(purpose(), legalBasis(), retention(), endedAt.plus(retention()), due);
        return new Recording(id, newStatus, call, evidence, new AudioFile(filePath(), started(), endedAt, size, fileSha256),
                ended, deletion);
    }

    /** The same recording with each purpose changed by {@code change} (e.g. ended). */
    public Recording withPurposes(UnaryOperator<RecordedPurpose> change) {
        return withPurposes(purposes().stream().map(change).toList());
    }

    /** The same recording with these purposes (e.g. as read from the store). */
    public Recording withPurposes(List<RecordedPurpose> purposes) {
        return new Recording(id, status, call, evidence, audio, purposeSet.with(purposes), deletion);
    }

    /** The same recording with this evidence of the caller's choices. */
    public Recording withChoices(CallerChoices choices) {
        return new Recording(id, status, call, evidence.withChoices(choices), audio, purposeSet, deletion);
    }

    /** The same recording with its audio's deletion begun or done; a done deletion makes it {@link RecordingStatus#DELETED}. */
    public Recording withDeletion(Deletion d, Long size, String hash) {
        return new Recording(id, d.done() ? RecordingStatus.DELETED : status, call, evidence,
                new AudioFile(filePath(), started(), ended(), size, hash), purposeSet, d);
    }

    /** The same recording, its audio now kept in {@code path} (e.g. once sealed). */
    public Recording keptIn(String path) {
        return new Recording(id, status, call, evidence, new AudioFile(path, started(), ended(), sizeBytes(), sha256()),
                purposeSet, deletion);
    }

    /** The same recording with {@code status} and this file (e.g. a quarantined file assigned to it). */
    public Recording withFile(RecordingStatus newStatus, String path, Long size, String hash) {
        return new Recording(id, newStatus, call, evidence, new AudioFile(path, started(), ended(), size, hash),
                purposeSet, deletion);
    }

    /** The same quarantined file, closed: assigned to the recording {@code recordingId}, its note says so. */
    public Recording assignedTo(String recordingId) {
        return new Recording(id, RecordingStatus.FILED, RecordedCall.NONE, new Evidence("assigned to " + recordingId, null, null),
                audio, PurposeSet.NONE.with(List.of()), deletion);
    }
}
