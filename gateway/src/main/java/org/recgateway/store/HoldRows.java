package org.recgateway.store;

/** The SQL that says whether a legal hold in force covers a recording. */
final class HoldRows {

    /** Selects the holds in force on the recording {@code r} of the outer query. */
    static final String COVERING = "SELECT h.id FROM legal_holds h WHERE " + condition("r.id", "r.caller_key", "r.called_key");

    private HoldRows() {
    }

    /**
     * The condition on {@code legal_holds h} for a hold in force on a recording, given SQL expressions for
     * its id and number keys: by id, by either number, by the diagnostic ticket it belongs to.
     */
    static String condition(String id, String callerKey, String calledKey) {
        return "h.lifted_at IS NULL AND ((h.kind = 'recording' AND h.target = " + id + ")"
                + " OR (h.kind = 'number' AND (h.target = " + callerKey + " OR h.target = " + calledKey + "))"
                + " OR (h.kind = 'ticket' AND h.target IN (SELECT d.ticket_id FROM diagnostic_recordings d"
                + " WHERE d.recording_id = " + id + ")))";
    }
}
