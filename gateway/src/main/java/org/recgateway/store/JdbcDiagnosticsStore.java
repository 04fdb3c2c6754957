package org.recgateway.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.recgateway.diagnostics.DiagnosticRecording;
import org.recgateway.diagnostics.DiagnosticTicket;
import org.recgateway.diagnostics.DiagnosticsStore;
import org.recgateway.diagnostics.FaultMarker;
import org.recgateway.diagnostics.LineQuality;
import org.recgateway.diagnostics.Reservation;

/**
 * {@link DiagnosticsStore} in the recordings database: the tickets ({@link JdbcDiagnosticTickets}), their slots
 * ({@link JdbcDiagnosticSlots}) and the stop-by times of confirmed ones ({@link JdbcDiagnosticStops}), line quality
 * ({@link JdbcLineQuality}); here, the link of each diagnostic recording to its ticket (diagnostic_recordings) and its
 * fault markers (fault_markers).
 */
public final class JdbcDiagnosticsStore implements DiagnosticsStore {
    private final JdbcRecordingStore.Locked locked;
    private final JdbcDiagnosticTickets tickets;
    private final JdbcDiagnosticSlots slots;
    private final JdbcDiagnosticStops stops;
    private final JdbcLineQuality lineQuality;

    JdbcDiagnosticsStore(JdbcRecordingStore.Locked locked) {
        this.locked = locked;
        this.tickets = new JdbcDiagnosticTickets(locked);
        this.lineQuality = new JdbcLineQuality(locked);
        this.slots = new JdbcDiagnosticSlots(locked, JdbcDiagnosticTickets::read);
        this.stops = new JdbcDiagnosticStops(locked);
    }

    @Override
    public void insertTicket(DiagnosticTicket t) {
        tickets.insert(t);
    }

    @Override
    public Optional<DiagnosticTicket> ticket(String id) {
        return tickets.list("read ticket " + id, "WHERE id = ?", id).stream().findFirst();
    }

    @Override
    public List<DiagnosticTicket> openTickets() {
        return tickets.list("list open tickets", "WHERE closed_at IS NULL ORDER BY opened, id", null);
    }

    /** Every ticket, open or closed, oldest first. */
    List<DiagnosticTicket> allTickets() {
        return tickets.list("list every ticket", "ORDER BY opened, id", null);
    }

    @Override
    public List<DiagnosticTicket> ticketsOf(String provider) {
        return tickets.list("list tickets of " + provider, "WHERE provider = ? ORDER BY opened DESC, id", provider);
    }

    @Override
    public void closeTicket(String id, Instant at) {
        tickets.close(id, at);
    }

    @Override
    public void linkRecording(DiagnosticRecording link) {
        locked.run("link recording " + link.recordingId(), c -> {
            insertLink(c, link);
            return null;
        });
    }

    /** Inserts a link on {@code c} (inside the caller's transaction when there is one). */
    static void insertLink(java.sql.Connection c, DiagnosticRecording link) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO diagnostic_recordings (recording_id, ticket_id, agent,"
                + " agent_channel, caller_channel, notice_heard_by, position, switched_by, switched_how) VALUES (?, ?, ?, ?, ?, ?,"
                + " (SELECT COUNT(*) FROM diagnostic_recordings WHERE ticket_id = ?), ?, ?)")) {
            s.setString(1, link.recordingId());
            s.setString(2, link.ticketId());
            s.setString(3, link.agent());
            s.setString(4, link.agentChannel());
            s.setString(5, link.callerChannel());
            s.setString(6, String.join(",", link.noticeHeardBy()));
            s.setString(7, link.ticketId());
            s.setString(8, link.switchedBy());
            s.setString(9, link.how());
            s.executeUpdate();
        }
    }

    @Override
    public List<String> unstoppedRecordings() {
        return stops.unstopped();
    }

    @Override
    public void addLineQuality(LineQuality q) {
        lineQuality.add(q);
    }

    @Override
    public List<LineQuality> lineQuality(String recordingId) {
        return lineQuality.of(recordingId);
    }

    @Override
    public Reservation reserve(String ticketId, String call, String formerKey, Instant now, Hold hold) {
        return slots.reserve(ticketId, call, formerKey, now, hold);
    }

    @Override
    public Optional<String> confirm(String slotId, DiagnosticRecording link, Instant now, Instant stopBy) {
        return slots.confirm(slotId, link, now, stopBy);
    }

    @Override
    public void release(String slotId, String why) {
        slots.release(slotId, why);
    }

    @Override
    public int slotsUsed(String ticketId) {
        return slots.slotsUsed(ticketId);
    }

    @Override
    public List<ExpiredSlot> releaseExpired(Instant now) {
        return slots.releaseExpired(now);
    }

    @Override
    public List<UnstoredSlot> releaseNeverStored(Instant now) {
        return slots.releaseNeverStored(now);
    }

    @Override
    public List<StopDue> stopsDue(Instant now) {
        return stops.stopsDue(now);
    }

    @Override
    public void stopRequested(String recordingId, Instant at) {
        stops.stopRequested(recordingId, at);
    }

    @Override
    public void stopConfirmed(String recordingId, Instant at) {
        stops.stopConfirmed(recordingId, at);
    }

    @Override
    public int stopFailed(String recordingId) {
        return stops.stopFailed(recordingId);
    }

    @Override
    public Optional<DiagnosticRecording> linkOf(String recordingId) {
        return links("read the ticket of " + recordingId, "WHERE recording_id = ?", recordingId).stream().findFirst();
    }

    @Override
    public List<DiagnosticRecording> recordingsOf(String ticketId) {
        return links("list recordings of ticket " + ticketId, "WHERE ticket_id = ? ORDER BY position", ticketId);
    }

    @Override
    public boolean addMarker(FaultMarker m) {
        return locked.run("add a marker to " + m.recordingId(), c -> {
            try (PreparedStatement s = c.prepareStatement("INSERT INTO fault_markers (recording_id, offset_millis, at, by_whom, how)"
                    + " VALUES (?, ?, ?, ?, ?)")) {
                s.setString(1, m.recordingId());
                s.setLong(2, m.offsetMillis());
                s.setString(3, Timestamps.format(m.at()));
                s.setString(4, m.by());
                s.setString(5, m.how());
                s.executeUpdate();
                return true;
            } catch (SQLException e) {
                if (String.valueOf(e.getMessage()).contains("fault marker refused")) {
                    return false;
                }
                throw e;
            }
        });
    }

    @Override
    public List<FaultMarker> markers(String recordingId) {
        return locked.run("list markers of " + recordingId, c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT recording_id, offset_millis, at, by_whom, how FROM fault_markers"
                    + " WHERE recording_id = ? ORDER BY offset_millis")) {
                s.setString(1, recordingId);
                List<FaultMarker> result = new ArrayList<>();
                try (ResultSet rows = s.executeQuery()) {
                    while (rows.next()) {
                        result.add(new FaultMarker(rows.getString(1), rows.getLong(2), Timestamps.parse(rows.getString(3)),
                                rows.getString(4), rows.getString(5)));
                    }
                }
                return List.copyOf(result);
            }
        });
    }

    private List<DiagnosticRecording> links(String what, String where, String parameter) {
        return locked.run(what, c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT recording_id, ticket_id, agent, agent_channel, caller_channel,"
                    + " notice_heard_by, switched_by, switched_how FROM diagnostic_recordings " + where)) {
                s.setString(1, parameter);
                List<DiagnosticRecording> result = new ArrayList<>();
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        String heard = r.getString(6);
                        result.add(new DiagnosticRecording(r.getString(1), r.getString(2), r.getString(3), r.getString(4),
                                r.getString(5), heard.isEmpty() ? List.of() : List.of(heard.split(",")), r.getString(7),
                                r.getString(8)));
                    }
                }
                return List.copyOf(result);
            }
        });
    }

}
