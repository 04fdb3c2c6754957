package org.recgateway.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.recgateway.diagnostics.DiagnosticsStore;

/**
 * The stop-by bookkeeping of confirmed diagnostic slots (table diagnostic_slots, state {@code recording}): when each
 * running diagnostic recording must stop, whether Asterisk confirmed its stop, and how often a stop failed. Each call
 * is one statement on the writing connection, durable when it returns.
 */
final class JdbcDiagnosticStops {
    private final JdbcRecordingStore.Locked locked;

    JdbcDiagnosticStops(JdbcRecordingStore.Locked locked) {
        this.locked = locked;
    }

    /** See {@link DiagnosticsStore#stopsDue(Instant)}. */
    List<DiagnosticsStore.StopDue> stopsDue(Instant now) {
        return locked.run("list diagnostic recordings due to stop", c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT recording_id, stop_by, stop_attempts FROM diagnostic_slots"
                    + " WHERE state = 'recording' AND stop_confirmed_at IS NULL AND stop_by <= ? ORDER BY stop_by")) {
                s.setString(1, Timestamps.format(now));
                List<DiagnosticsStore.StopDue> due = new ArrayList<>();
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        due.add(new DiagnosticsStore.StopDue(r.getString(1), Timestamps.parse(r.getString(2)), r.getInt(3)));
                    }
                }
                return List.copyOf(due);
            }
        });
    }

    /** See {@link DiagnosticsStore#unstoppedRecordings()}. */
    List<String> unstopped() {
        return locked.run("list running diagnostic recordings", c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT recording_id FROM diagnostic_slots"
                    + " WHERE state = 'recording' AND stop_confirmed_at IS NULL ORDER BY confirmed_at")) {
                List<String> ids = new ArrayList<>();
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        ids.add(r.getString(1));
                    }
                }
                return List.copyOf(ids);
            }
        });
    }

    void stopRequested(String recordingId, Instant at) {
        update("bring the stop of " + recordingId + " forward", "UPDATE diagnostic_slots SET stop_by = ?"
                + " WHERE recording_id = ? AND stop_confirmed_at IS NULL AND stop_by > ?", Timestamps.format(at), recordingId,
                Timestamps.format(at));
    }

    void stopConfirmed(String recordingId, Instant at) {
        update("confirm the stop of " + recordingId, "UPDATE diagnostic_slots SET stop_confirmed_at = ?"
                + " WHERE recording_id = ? AND stop_confirmed_at IS NULL", Timestamps.format(at), recordingId);
    }

    int stopFailed(String recordingId) {
        update("count a failed stop of " + recordingId,
                "UPDATE diagnostic_slots SET stop_attempts = stop_attempts + 1 WHERE recording_id = ?", recordingId);
        return locked.run("read the stop attempts of " + recordingId, c -> JdbcDiagnosticSlots.text(c,
                "SELECT stop_attempts FROM diagnostic_slots WHERE recording_id = ?", recordingId).map(Integer::parseInt).orElse(0));
    }

    private void update(String what, String sql, String... parameters) {
        locked.run(what, c -> {
            try (PreparedStatement s = c.prepareStatement(sql)) {
                for (int i = 0; i < parameters.length; i++) {
                    s.setString(i + 1, parameters[i]);
                }
                s.executeUpdate();
            }
            return null;
        });
    }
}
