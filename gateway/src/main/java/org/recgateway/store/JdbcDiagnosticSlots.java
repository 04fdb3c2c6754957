package org.recgateway.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.recgateway.diagnostics.DiagnosticRecording;
import org.recgateway.diagnostics.DiagnosticTicket;
import org.recgateway.diagnostics.DiagnosticsStore;
import org.recgateway.diagnostics.Reservation;

/**
 * The slots of diagnostic tickets (table diagnostic_slots): reserved at the key press for a bounded hold, confirmed
 * after the notice, each in one transaction on the writing connection; the table's triggers and its one-per-call unique
 * index refuse what the transactions would refuse, so no code path can exceed a limit. A reservation whose hold ended
 * unconfirmed is released by {@link #releaseExpired} (migration V16). The stop-by bookkeeping of confirmed slots is
 * {@link JdbcDiagnosticStops}'.
 */
final class JdbcDiagnosticSlots {
    private static final String REFUSED = "diagnostic slot refused: ";
    /** Who held a slot reserved before V16, which did not name the gateway. */
    static final String BEFORE_HOLDS = "a gateway (reserved before V16)";
    /** A confirmed slot's recording row is absent (rows are never deleted: erasure keeps a tombstone). */
    private static final String NEVER_STORED = "NOT EXISTS (SELECT 1 FROM recordings r WHERE r.id = s.recording_id)";

    private final JdbcRecordingStore.Locked locked;
    private final TicketReader tickets;

    /** Reads a ticket on the given connection (inside the caller's transaction). */
    @FunctionalInterface
    interface TicketReader {
        Optional<DiagnosticTicket> read(Connection c, String id) throws SQLException;
    }

    JdbcDiagnosticSlots(JdbcRecordingStore.Locked locked, TicketReader tickets) {
        this.locked = locked;
        this.tickets = tickets;
    }

    /**
     * Reserves a slot for the call keyed {@code linkedId}, held until {@code now} plus the hold's length; a slot kept
     * under {@code formerKey} (null: none) is the same call's (see
     * {@link DiagnosticsStore#reserve(String, String, String, Instant, DiagnosticsStore.Hold)}).
     */
    Reservation reserve(String ticketId, String linkedId, String formerKey, Instant now, DiagnosticsStore.Hold hold) {
        return locked.run("reserve a slot on ticket " + ticketId, c -> transaction(c, () -> {
            Optional<String> existing = text(c, "SELECT state FROM diagnostic_slots WHERE linked_id IN (?, ?) AND state <> 'released'"
                    + " ORDER BY state DESC", linkedId, formerKey == null ? linkedId : formerKey);
            if (existing.isPresent()) {
                return new Reservation.Refused("reserved".equals(existing.get())
                        ? "a diagnostic recording is being switched on for this call already"
                        : "this call has had its diagnostic recording already; one per call");
            }
            Optional<DiagnosticTicket> ticket = tickets.read(c, ticketId);
            if (ticket.isEmpty()) {
                return new Reservation.Refused("there is no ticket " + ticketId + "; name an open ticket or none");
            }
            Optional<String> refusal = ticket.get().refusal(used(c, ticketId), now);
            if (refusal.isPresent()) {
                return new Reservation.Refused(refusal.get());
            }
            String slotId = UUID.randomUUID().toString();
            try (PreparedStatement s = c.prepareStatement("INSERT INTO diagnostic_slots (id, ticket_id, linked_id, state,"
                    + " reserved_at, hold_until, reserved_by) VALUES (?, ?, ?, 'reserved', ?, ?, ?)")) {
                s.setString(1, slotId);
                s.setString(2, ticketId);
                s.setString(3, linkedId);
                s.setString(4, Timestamps.format(now));
                s.setString(5, Timestamps.format(now.plus(hold.length())));
                s.setString(6, hold.by());
                s.executeUpdate();
            } catch (SQLException e) {
                return new Reservation.Refused(constraint(e, "the store refused the slot"));
            }
            return new Reservation.Reserved(slotId, ticket.get());
        }));
    }

    Optional<String> confirm(String slotId, DiagnosticRecording link, Instant now, Instant stopBy) {
        Optional<String> refusal = locked.run("confirm slot " + slotId, c -> transaction(c, () -> {
            Optional<String> state = text(c, "SELECT state FROM diagnostic_slots WHERE id = ?", slotId);
            if (!state.equals(Optional.of("reserved"))) {
                return Optional.of("the slot was no longer held for this call (" + state.orElse("unknown") + ")");
            }
            Optional<String> holdUntil = text(c, "SELECT hold_until FROM diagnostic_slots WHERE id = ?", slotId);
            if (holdUntil.isPresent() && !now.isBefore(Timestamps.parse(holdUntil.get()))) {
                return Optional.of("the slot was held only until " + Timestamps.parse(holdUntil.get()) + " and the notice"
                        + " ended after that; the slot is given back, so switch again");
            }
            DiagnosticTicket ticket = tickets.read(c, link.ticketId()).orElseThrow();
            if (!ticket.open()) {
                return Optional.of("ticket " + ticket.reference() + " was closed while the notice played");
            }
            if (!now.isBefore(ticket.recordUntil())) {
                return Optional.of("ticket " + ticket.reference() + " reached its deadline " + ticket.recordUntil()
                        + " while the notice played");
            }
            try (PreparedStatement s = c.prepareStatement("UPDATE diagnostic_slots SET state = 'recording', confirmed_at = ?,"
                    + " recording_id = ?, stop_by = ? WHERE id = ?")) {
                s.setString(1, Timestamps.format(now));
                s.setString(2, link.recordingId());
                s.setString(3, Timestamps.format(stopBy));
                s.setString(4, slotId);
                s.executeUpdate();
            }
            JdbcDiagnosticsStore.insertLink(c, link);
            return Optional.<String>empty();
        }));
        if (refusal.isPresent()) {
            release(slotId, refusal.get());
        }
        return refusal;
    }

    void release(String slotId, String why) {
        locked.run("release slot " + slotId, c -> {
            try (PreparedStatement s = c.prepareStatement("UPDATE diagnostic_slots SET state = 'released', released_why = ?"
                    + " WHERE id = ? AND state = 'reserved'")) {
                s.setString(1, why);
                s.setString(2, slotId);
                s.executeUpdate();
            }
            return null;
        });
    }

    int slotsUsed(String ticketId) {
        return locked.run("count the slots of ticket " + ticketId, c -> used(c, ticketId));
    }

    /** See {@link DiagnosticsStore#releaseExpired(Instant)}. */
    List<DiagnosticsStore.ExpiredSlot> releaseExpired(Instant now) {
        List<DiagnosticsStore.ExpiredSlot> expired = locked.run("list the expired reservations of diagnostic slots", c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT id, ticket_id, linked_id, reserved_by, reserved_at, hold_until"
                    + " FROM diagnostic_slots WHERE state = 'reserved' AND (hold_until <= ? OR (hold_until IS NULL AND reserved_at <= ?))"
                    + " ORDER BY reserved_at")) {
                s.setString(1, Timestamps.format(now));
                s.setString(2, Timestamps.format(now.minus(DiagnosticsStore.Hold.STANDARD.length())));
                List<DiagnosticsStore.ExpiredSlot> rows = new ArrayList<>();
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        Instant reservedAt = Timestamps.parse(r.getString(5));
                        String until = r.getString(6);
                        rows.add(new DiagnosticsStore.ExpiredSlot(r.getString(1), r.getString(2), r.getString(3),
                                r.getString(4) == null ? BEFORE_HOLDS : r.getString(4), reservedAt, until == null
                                ? reservedAt.plus(DiagnosticsStore.Hold.STANDARD.length()) : Timestamps.parse(until)));
                    }
                }
                return List.copyOf(rows);
            }
        });
        List<DiagnosticsStore.ExpiredSlot> released = new ArrayList<>();
        for (DiagnosticsStore.ExpiredSlot slot : expired) {
            // Still reserved? Another gateway's sweep, or the start's own confirmation or release, may have come first.
            int changed = locked.run("release the expired slot " + slot.slotId(), c -> {
                try (PreparedStatement s = c.prepareStatement("UPDATE diagnostic_slots SET state = 'released', released_why = ?"
                        + " WHERE id = ? AND state = 'reserved'")) {
                    s.setString(1, "held by " + slot.reservedBy() + " until " + slot.heldUntil() + " and never confirmed");
                    s.setString(2, slot.slotId());
                    return s.executeUpdate();
                }
            });
            if (changed == 1) {
                released.add(slot);
            }
        }
        return List.copyOf(released);
    }

    /** See {@link DiagnosticsStore#releaseNeverStored(Instant)}. */
    List<DiagnosticsStore.UnstoredSlot> releaseNeverStored(Instant now) {
        String confirmedBy = Timestamps.format(now.minus(DiagnosticsStore.NEVER_STORED_AFTER));
        List<DiagnosticsStore.UnstoredSlot> found = locked.run("list the confirmed diagnostic slots whose recording was"
                + " never stored", c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT s.id, s.ticket_id, s.linked_id, s.recording_id, s.confirmed_at"
                    + " FROM diagnostic_slots s JOIN diagnostic_tickets t ON t.id = s.ticket_id WHERE s.state = 'recording'"
                    + " AND s.confirmed_at <= ? AND t.closed_at IS NULL AND t.record_until > ? AND " + NEVER_STORED
                    + " ORDER BY s.confirmed_at")) {
                s.setString(1, confirmedBy);
                s.setString(2, Timestamps.format(now));
                List<DiagnosticsStore.UnstoredSlot> rows = new ArrayList<>();
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        rows.add(new DiagnosticsStore.UnstoredSlot(r.getString(1), r.getString(2), r.getString(3),
                                r.getString(4), Timestamps.parse(r.getString(5))));
                    }
                }
                return List.copyOf(rows);
            }
        });
        List<DiagnosticsStore.UnstoredSlot> released = new ArrayList<>();
        for (DiagnosticsStore.UnstoredSlot slot : found) {
            // Checked again in the update: another gateway's sweep may have come first, or the row may have landed.
            int changed = locked.run("release the never-stored slot " + slot.slotId(), c -> {
                try (PreparedStatement s = c.prepareStatement("UPDATE diagnostic_slots SET state = 'released', released_why = ?"
                        + " WHERE id = ? AND state = 'recording' AND " + NEVER_STORED.replace("s.recording_id",
                        "diagnostic_slots.recording_id"))) {
                    s.setString(1, "confirmed at " + slot.confirmedAt() + " for recording " + slot.recordingId()
                            + ", which was never stored");
                    s.setString(2, slot.slotId());
                    return s.executeUpdate();
                }
            });
            if (changed == 1) {
                released.add(slot);
            }
        }
        return List.copyOf(released);
    }

    private static int used(Connection c, String ticketId) throws SQLException {
        return text(c, "SELECT COUNT(*) FROM diagnostic_slots WHERE ticket_id = ? AND state <> 'released'", ticketId)
                .map(Integer::parseInt).orElse(0);
    }

    /** The first column of the first row {@code sql} selects, or empty. */
    static Optional<String> text(Connection c, String sql, String... parameters) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                s.setString(i + 1, parameters[i]);
            }
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.ofNullable(r.getString(1)) : Optional.empty();
            }
        }
    }

    /** The refusal a trigger or the one-per-call index raised, in words; other failures are rethrown. */
    static String constraint(SQLException e, String otherwise) throws SQLException {
        String message = String.valueOf(e.getMessage());
        int at = message.indexOf(REFUSED);
        if (at >= 0) {
            String rest = message.substring(at + REFUSED.length());
            int end = rest.indexOf(')');
            return end >= 0 ? rest.substring(0, end) : rest;
        }
        if (message.contains("diagnostic_slots.linked_id")) {
            return "this call has a diagnostic recording or one being switched on; one per call";
        }
        throw e;
    }

    /** Runs {@code work} in one transaction: committed when it returns, rolled back when it throws. */
    static <T> T transaction(Connection c, Work<T> work) throws SQLException {
        c.setAutoCommit(false);
        try {
            T result = work.run();
            c.commit();
            return result;
        } catch (SQLException | RuntimeException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(true);
        }
    }

    /** Work inside a transaction. */
    @FunctionalInterface
    interface Work<T> {
        T run() throws SQLException;
    }
}
