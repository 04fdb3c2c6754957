package org.recgateway.audit;

import java.util.Arrays;
import java.util.Optional;

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
    FAULT_MARK_REFUSED("fault-mark-refused");

    private final String id;

    AuditAction(String id) {
        this.id = id;
    }

    /** The stable, stored and hashed name, e.g. {@code recording-read}. */
    public String id() {
        return id;
    }

    /** The action with this id, or empty for an id this gateway does not know. */
    public static Optional<AuditAction> fromId(String id) {
        return Arrays.stream(values()).filter(a -> a.id.equals(id)).findFirst();
    }
}
