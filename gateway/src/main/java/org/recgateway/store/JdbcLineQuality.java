package org.recgateway.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;

import org.recgateway.diagnostics.LineQuality;

/** The RTP statistics kept per diagnostic recording (table diagnostic_line_quality). */
final class JdbcLineQuality {
    private final JdbcRecordingStore.Locked locked;

    JdbcLineQuality(JdbcRecordingStore.Locked locked) {
        this.locked = locked;
    }

    void add(LineQuality q) {
        locked.run("keep the line quality of " + q.recordingId(), c -> {
            try (PreparedStatement s = c.prepareStatement("INSERT INTO diagnostic_line_quality (recording_id, leg, at, codec,"
                    + " rx_packets, tx_packets, lost_packets, remote_lost_packets, rx_jitter_millis, tx_jitter_millis, rtt_millis)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                s.setString(1, q.recordingId());
                s.setString(2, q.leg());
                s.setString(3, Timestamps.format(q.at()));
                s.setString(4, q.codec());
                s.setLong(5, q.receivedPackets());
                s.setLong(6, q.sentPackets());
                s.setLong(7, q.lostPackets());
                s.setLong(8, q.remoteLostPackets());
                s.setDouble(9, q.receiveJitterMillis());
                s.setDouble(10, q.transmitJitterMillis());
                s.setDouble(11, q.roundTripMillis());
                s.executeUpdate();
            }
            return null;
        });
    }

    List<LineQuality> of(String recordingId) {
        return locked.run("read the line quality of " + recordingId, c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT recording_id, leg, at, codec, rx_packets, tx_packets,"
                    + " lost_packets, remote_lost_packets, rx_jitter_millis, tx_jitter_millis, rtt_millis"
                    + " FROM diagnostic_line_quality WHERE recording_id = ? ORDER BY at, leg")) {
                s.setString(1, recordingId);
                List<LineQuality> result = new ArrayList<>();
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        result.add(new LineQuality(r.getString(1), r.getString(2), Timestamps.parse(r.getString(3)),
                                r.getString(4), r.getLong(5), r.getLong(6), r.getLong(7), r.getLong(8), r.getDouble(9),
                                r.getDouble(10), r.getDouble(11)));
                    }
                }
                return List.copyOf(result);
            }
        });
    }
}
