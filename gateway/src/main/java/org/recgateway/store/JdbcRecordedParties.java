package org.recgateway.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;

import org.recgateway.recording.RecordedParties;
import org.recgateway.recording.RecordedParty;

/** The parties of each recording in the recordings database ({@code recorded_parties}); writes ride the group commit. */
public final class JdbcRecordedParties implements RecordedParties {
    private static final String COLUMNS = "recording_id, channel, role, joined, notice, played_to_end";
    /** The primary key (recording, channel) keeps the first row: the notice a party heard when it joined. */
    static final String INSERT = "INSERT INTO recorded_parties (" + COLUMNS
            + ") VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (recording_id, channel) DO NOTHING";

    private final JdbcRecordingStore store;

    JdbcRecordedParties(JdbcRecordingStore store) {
        this.store = store;
    }

    @Override
    public void add(RecordedParty p) {
        store.write("add party " + p.channel() + " to recording " + p.recordingId(), c -> {
            // prepared once on the writer, not for each party (issue 13: two parties per recorded call)
            PreparedStatement s = store.writeStatements().get(INSERT);
            s.setString(1, p.recordingId());
            s.setString(2, p.channel());
            s.setString(3, p.role().id());
            s.setString(4, Timestamps.format(p.joined()));
            s.setString(5, p.notice());
            s.setInt(6, p.playedToEnd() ? 1 : 0);
            return s.executeUpdate();
        });
    }

    @Override
    public List<RecordedParty> of(String recordingId) {
        return store.read("list the parties of recording " + recordingId, c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM recorded_parties WHERE recording_id = ?"
                    + " ORDER BY joined, CASE role WHEN 'caller' THEN 0 WHEN 'answered' THEN 1 ELSE 2 END, channel")) {
                s.setString(1, recordingId);
                List<RecordedParty> parties = new ArrayList<>();
                try (ResultSet rows = s.executeQuery()) {
                    while (rows.next()) {
                        parties.add(new RecordedParty(rows.getString(1), rows.getString(2),
                                RecordedParty.Role.fromId(rows.getString(3)), Timestamps.parse(rows.getString(4)),
                                rows.getString(5), rows.getInt(6) == 1));
                    }
                }
                return List.copyOf(parties);
            }
        });
    }
}
