package org.recgateway.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.recgateway.diagnostics.DiagnosticTicket;
import org.recgateway.listening.ListeningStore;
import org.recgateway.listening.ListeningWindow;
import org.recgateway.listening.Play;

/**
 * {@link ListeningStore} in the recordings database (tables listening_windows, listening_plays,
 * diagnostic_deletions), on the recording store's connection and lock: a play is counted under that
 * lock, so two plays at once cannot both take the last one.
 */
public final class JdbcListeningStore implements ListeningStore {
    private static final String WINDOW_COLUMNS = "id, ticket_id, provider, from_at, until_at, plays_per_sample,"
            + " before_millis, after_millis, without_markers_millis, granted_by, granted_at";

    private final JdbcRecordingStore.Locked locked;
    private final Dialect dialect;

    private JdbcListeningStore(JdbcRecordingStore.Locked locked, Dialect dialect) {
        this.dialect = dialect;
        this.locked = locked;
    }

    /** The listening tables of this store's database; valid until the store is closed. */
    public static JdbcListeningStore of(JdbcRecordingStore store) {
        return new JdbcListeningStore(store::locked, store.dialect());
    }

    @Override
    public void insertWindow(ListeningWindow w) {
        locked.run("grant listening window " + w.id(), c -> {
            try (PreparedStatement s = c.prepareStatement("INSERT INTO listening_windows (" + WINDOW_COLUMNS
                    + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                s.setString(1, w.id());
                s.setString(2, w.ticketId());
                s.setString(3, w.provider());
                s.setString(4, Timestamps.format(w.from()));
                s.setString(5, Timestamps.format(w.until()));
                s.setInt(6, w.playsPerSample());
                s.setLong(7, w.before().toMillis());
                s.setLong(8, w.after().toMillis());
                s.setLong(9, w.withoutMarkers().toMillis());
                s.setString(10, w.grantedBy());
                s.setString(11, Timestamps.format(w.grantedAt()));
                s.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public List<ListeningWindow> windowsOf(String ticketId) {
        return locked.run("list the listening windows of ticket " + ticketId, c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT " + WINDOW_COLUMNS
                    + " FROM listening_windows WHERE ticket_id = ? ORDER BY granted_at, id")) {
                s.setString(1, ticketId);
                List<ListeningWindow> result = new ArrayList<>();
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        result.add(new ListeningWindow(r.getString(1), r.getString(2), r.getString(3),
                                Timestamps.parse(r.getString(4)), Timestamps.parse(r.getString(5)), r.getInt(6),
                                Duration.ofMillis(r.getLong(7)), Duration.ofMillis(r.getLong(8)),
                                Duration.ofMillis(r.getLong(9)), r.getString(10), Timestamps.parse(r.getString(11))));
                    }
                }
                return List.copyOf(result);
            }
        });
    }

    @Override
    public Optional<Integer> recordPlay(Play play, int allowed) {
        // One transaction that first locks the window's row: gateways sharing a PostgreSQL database
        // count and insert one at a time, so the budget holds however many play at once.
        return locked.run("count a play of " + play.recordingId(), c -> JdbcDiagnosticSlots.transaction(c, () -> {
            dialect.lockRow(c, "listening_windows", play.windowId());
            int before = count(c, play.windowId(), play.recordingId());
            if (before >= allowed) {
                return Optional.empty();
            }
            try (PreparedStatement s = c.prepareStatement("INSERT INTO listening_plays (window_id, recording_id,"
                    + " provider, at, start_millis, length_millis) VALUES (?, ?, ?, ?, ?, ?)")) {
                s.setString(1, play.windowId());
                s.setString(2, play.recordingId());
                s.setString(3, play.provider());
                s.setString(4, Timestamps.format(play.at()));
                s.setLong(5, play.span().startMillis());
                s.setLong(6, play.span().lengthMillis());
                s.executeUpdate();
            }
            return Optional.of(before);
        }));
    }

    @Override
    public int plays(String windowId, String recordingId) {
        return locked.run("count the plays of " + recordingId, c -> count(c, windowId, recordingId));
    }

    private static int count(java.sql.Connection c, String windowId, String recordingId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "SELECT COUNT(*) FROM listening_plays WHERE window_id = ? AND recording_id = ?")) {
            s.setString(1, windowId);
            s.setString(2, recordingId);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? r.getInt(1) : 0;
            }
        }
    }

    @Override
    public List<DiagnosticTicket> allTickets() {
        // One reader of diagnostic_tickets rows: the diagnostics store's.
        return new JdbcDiagnosticsStore(locked).allTickets();
    }

    @Override
    public void recordDeletion(String recordingId, Instant at, String reason) {
        locked.run("record the deletion of " + recordingId, c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "INSERT INTO diagnostic_deletions (recording_id, deleted_at, reason) VALUES (?, ?, ?)"
                    + " ON CONFLICT (recording_id) DO UPDATE SET deleted_at = excluded.deleted_at, reason = excluded.reason")) {
                s.setString(1, recordingId);
                s.setString(2, Timestamps.format(at));
                s.setString(3, reason);
                s.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public Optional<Instant> deletedAt(String recordingId) {
        return locked.run("read the deletion of " + recordingId, c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT deleted_at FROM diagnostic_deletions WHERE recording_id = ?")) {
                s.setString(1, recordingId);
                try (ResultSet r = s.executeQuery()) {
                    return r.next() ? Optional.of(Timestamps.parse(r.getString(1))) : Optional.<Instant>empty();
                }
            }
        });
    }
}
