package org.recgateway.audit;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * What an audit event records. The id is what is stored and hashed, so an id never changes once
 * shipped; add new values at will, and never rename or remove one (old events would no longer read).
 */
public enum AuditAction {
    RECORDING_STARTED("recording-started"),
    RECORDING_FILED("recording-filed"),
    RECORDING_MISSING("recording-missing"),
    RECORDING_QUARANTINED("recording-quarantined"),
    RECORDING_READ("recording-read"),
    RECORDING_LISTED("recording-listed"),
    RECORDING_DELETED("recording-deleted"),
    CONSENT_GIVEN("consent-given"),
    CONSENT_DECLINED("consent-declined"),
    OBJECTION("objection"),
    AUDIO_PLAYED("audio-played"),
    AUDIT_LISTED("audit-listed"),
    AUDIT_VERIFIED("audit-verified"),
    TICKET_OPENED("ticket-opened"),
    TICKET_CLOSED("ticket-closed"),
    LISTENING_WINDOW_GRANTED("listening-window-granted"),
    PLAY_REFUSED("play-refused"),
    FAULT_MARKED("fault-marked"),
    STOP_AND_DELETE_REFUSED("stop-and-delete-refused"),
    DIAGNOSTIC_SWITCHED("diagnostic-switched"),
    PURPOSE_ENDED("purpose-ended"),
    HOLD_PLACED("hold-placed"),
    HOLD_LIFTED("hold-lifted"),
    HOLD_LISTED("hold-listed"),
    SUBJECT_ACCESS("subject-access"),
    SUBJECT_ERASURE("subject-erasure"),
    QUARANTINE_ASSIGNED("quarantine-assigned"),
    FAULT_MARK_REFUSED("fault-mark-refused"),
    /** The audio on disk is not what was filed (hash, size or authenticated decryption failed); nothing was served. */
    AUDIO_TAMPERED("audio-tampered"),
    /** A provider was shown the list of its samples. */
    SAMPLES_LISTED("samples-listed"),
    /** A request was refused for want of the right token or role. */
    ACCESS_DENIED("access-denied"),
    /** An agent's or caller's feature code (e.g. *8 diagnostic switch) was refused. */
    FEATURE_CODE_REFUSED("feature-code-refused"),
    /** A new master key wraps every data key now; the old one still unwraps until it is retired. */
    MASTER_KEY_ROTATED("master-key-rotated"),
    /** The master keys before the current one were removed from the key file. */
    MASTER_KEY_RETIRED("master-key-retired"),
    /** The answering agent heard that the call is recorded (or the confirmation was cut short): which channel, which prompt. */
    AGENT_TOLD("agent-told"),
    /** A recorded call was transferred: the recording stopped, so that a party who heard no notice is not recorded. */
    RECORDING_STOPPED_FOR_TRANSFER("recording-stopped-for-transfer"),
    /** A provider looked at the picture of a sample's allowed stretch (a view, not a play). */
    SAMPLE_VIEWED("sample-viewed"),
    /** The caller objected or withdrew consent during the call: the purposes on legitimate interest or consent ended on a recording that goes on for others. */
    PURPOSES_ENDED("purposes-ended"),
    /**
     * The called party of an outbound call that was already recorded (e.g. a recorded inbound call forwarded out)
     * heard the recording's notice on their own channel before the bridge: which channel, which prompt, to the end or not.
     */
    CALLED_PARTY_TOLD("called-party-told"),
    /** A deletion of audio was asked for while a legal hold covers the recording: its purposes ended, the audio is kept until the hold is lifted. */
    DELETION_PAUSED("deletion-paused"),
    /**
     * A diagnostic slot reserved at a key press was given back because its hold ended before the reservation became a
     * recording (the reserving gateway died or its start hung while the notice played): which slot, ticket, call, and
     * which gateway held it until when.
     */
    DIAGNOSTIC_SLOT_RELEASED("diagnostic-slot-released");

    /** Actions that only read, refuse or report: they leave a recording's evidence as it was. */
    private static final Set<AuditAction> READS_ONLY = EnumSet.of(RECORDING_READ, RECORDING_LISTED, AUDIO_PLAYED,
            AUDIT_LISTED, AUDIT_VERIFIED, PLAY_REFUSED, STOP_AND_DELETE_REFUSED, AUDIO_TAMPERED, SAMPLES_LISTED,
            ACCESS_DENIED, FEATURE_CODE_REFUSED, FAULT_MARK_REFUSED, HOLD_LISTED, SUBJECT_ACCESS, SAMPLE_VIEWED);

    private final String id;

    AuditAction(String id) {
        this.id = id;
    }

    /** The stable, stored and hashed name, e.g. {@code recording-read}. */
    public String id() {
        return id;
    }

    /**
     * True unless the action only reads, refuses or reports: an event about a recording with an action
     * that files or changes it carries the digest of the recording's evidence. A new action counts as
     * a change until it is listed among the reads.
     */
    public boolean changesRecording() {
        return !READS_ONLY.contains(this);
    }

    /** The action with this id, or empty for an id this gateway does not know. */
    public static Optional<AuditAction> fromId(String id) {
        return Arrays.stream(values()).filter(a -> a.id.equals(id)).findFirst();
    }
}
