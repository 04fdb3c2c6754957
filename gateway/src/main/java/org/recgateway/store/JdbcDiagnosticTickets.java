package org.recgateway.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.recgateway.diagnostics.DiagnosticTicket;

/**
 * The fault tickets (table diagnostic_tickets): opened, read, listed and closed, each in one statement on the writing
 * connection. A ticket's limits are enforced where its slots are taken ({@link JdbcDiagnosticSlots} and the table's
 * triggers), which read the ticket through {@link #read(Connection, String)} inside their own transaction.
 */
final class JdbcDiagnosticTickets {
    private static final String TICKET_COLUMNS = "id, reference, provider, description, max_recordings, max_length_millis,"
            + " record_until, opened, closed_at, max_markers, max_audible_millis, administrator_may_switch";

    private final JdbcRecordingStore.Locked locked;

    JdbcDiagnosticTickets(JdbcRecordingStore.Locked locked) {
        this.locked = locked;
    }

    void insert(DiagnosticTicket t) {
        locked.run("insert ticket " + t.id(), c -> {
            try (PreparedStatement s = c.prepareStatement("INSERT INTO diagnostic_tickets (" + TICKET_COLUMNS
                    + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                s.setString(1, t.id());
                s.setString(2, t.reference());
                s.setString(3, t.provider());
                s.setString(4, t.description());
                s.setInt(5, t.maxRecordings());
                s.setLong(6, t.maxLength().toMillis());
                s.setString(7, Timestamps.format(t.recordUntil()));
                s.setString(8, Timestamps.format(t.opened()));
                s.setString(9, Timestamps.format(t.closedAt()));
                s.setInt(10, t.maxMarkers());
                s.setLong(11, t.maxAudible().toMillis());
                s.setInt(12, t.administratorMaySwitch() ? 1 : 0);
                s.executeUpdate();
            }
            return null;
        });
    }

    /** The tickets {@code where} selects ("WHERE ..." and/or "ORDER BY ..." with at most one parameter, or null). */
    List<DiagnosticTicket> list(String what, String where, String parameter) {
        return locked.run(what, c -> select(c, where, parameter));
    }

    void close(String id, Instant at) {
        locked.run("close ticket " + id, c -> {
            try (PreparedStatement s = c.prepareStatement("UPDATE diagnostic_tickets SET closed_at = ? WHERE id = ? AND closed_at IS NULL")) {
                s.setString(1, Timestamps.format(at));
                s.setString(2, id);
                s.executeUpdate();
            }
            return null;
        });
    }

    /** The ticket {@code id} read on {@code c}, inside the caller's transaction. */
    static Optional<DiagnosticTicket> read(Connection c, String id) throws SQLException {
        return select(c, "WHERE id = ?", id).stream().findFirst();
    }

    private static List<DiagnosticTicket> select(Connection c, String where, String parameter) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT " + TICKET_COLUMNS + " FROM diagnostic_tickets " + where)) {
            if (parameter != null) {
                s.setString(1, parameter);
            }
            List<DiagnosticTicket> result = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    result.add(new DiagnosticTicket(r.getString(1), r.getString(2), r.getString(3), r.getString(4),
                            r.getInt(5), Duration.ofMillis(r.getLong(6)), Timestamps.parse(r.getString(7)),
                            Timestamps.parse(r.getString(8)), Timestamps.parse(r.getString(9)), r.getInt(10),
                            Duration.ofMillis(r.getLong(11)), r.getInt(12) != 0));
                }
            }
            return List.copyOf(result);
        }
    }
}
