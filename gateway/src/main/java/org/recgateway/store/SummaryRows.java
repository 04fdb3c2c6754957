package org.recgateway.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.recgateway.policy.Purpose;
import org.recgateway.recording.RecordingQuery;
import org.recgateway.recording.RecordingStatus;
import org.recgateway.recording.RecordingStore.Summary;

/**
 * The narrow reads of {@link Summary summaries}: ten columns of {@code recordings} and {@code recording_calls} in one
 * query, with neither the purposes nor the consent evidence (issue 13: {@link RecordingRows#SELECT} reads every column
 * and then two more queries per row, where the hangup, the bridge and the FastAGI start use an id, a status and a
 * server). Every statement comes from the read connection's {@link StatementCache}; call under its lock.
 */
final class SummaryRows {
    private static final String SELECT = "SELECT r.id, r.status, r.unique_id, r.linked_id, r.channel, r.asterisk_server,"
            + " r.purpose, r.started, k.bridged_at, k.end_reason FROM recordings r LEFT JOIN recording_calls k ON k.recording_id = r.id";
    /** The order and limit of {@link QuerySql}'s search, so that a caller's first match is the same recording. */
    private static final String NEWEST_FIRST = " ORDER BY r.started DESC, r.id DESC LIMIT ?";
    static final String BY_ID = SELECT + " WHERE r.id = ?";
    static final String BY_CALL = SELECT + " WHERE r.linked_id = ?" + NEWEST_FIRST;
    static final String BY_CHANNEL = SELECT + " WHERE r.unique_id = ?" + NEWEST_FIRST;
    /** In the order of {@link JdbcRecordingStore#active}, without a limit. */
    static final String BY_STATUS = SELECT + " WHERE r.status = ? ORDER BY r.started DESC, r.id DESC";

    private SummaryRows() {
    }

    /** The summary of the recording {@code id}; empty when there is none. */
    static Optional<Summary> byId(StatementCache statements, String id) throws SQLException {
        PreparedStatement s = statements.get(BY_ID);
        s.setString(1, id);
        List<Summary> found = all(s);
        return found.isEmpty() ? Optional.empty() : Optional.of(found.getFirst());
    }

    /** The summaries of the recordings whose {@code column} ({@link #BY_CALL} or {@link #BY_CHANNEL}) is {@code value}. */
    static List<Summary> where(StatementCache statements, String sql, String value) throws SQLException {
        PreparedStatement s = statements.get(sql);
        s.setString(1, value);
        s.setInt(2, RecordingQuery.MAX_LIMIT);
        return all(s);
    }

    /** The summaries of every recording in {@code status}. */
    static List<Summary> withStatus(StatementCache statements, RecordingStatus status) throws SQLException {
        PreparedStatement s = statements.get(BY_STATUS);
        s.setString(1, status.id());
        return all(s);
    }

    private static List<Summary> all(PreparedStatement bound) throws SQLException {
        List<Summary> found = new ArrayList<>();
        try (ResultSet rows = bound.executeQuery()) {
            while (rows.next()) {
                String id = rows.getString(1);
                String bridged = rows.getString(9);
                found.add(new Summary(id, status(id, rows.getString(2)), rows.getString(3), rows.getString(4),
                        rows.getString(5), rows.getString(6), purpose(id, rows.getString(7)), Timestamps.parse(rows.getString(8)),
                        bridged == null ? null : Timestamps.parse(bridged), rows.getString(10)));
            }
        }
        return List.copyOf(found);
    }

    private static RecordingStatus status(String id, String value) {
        for (RecordingStatus status : RecordingStatus.values()) {
            if (status.id().equals(value)) {
                return status;
            }
        }
        throw unknown(id, "status", value);
    }

    private static Purpose purpose(String id, String value) {
        return value == null ? null : Purpose.fromId(value).orElseThrow(() -> unknown(id, "purpose", value));
    }

    /** As a full read says it ({@link RecordingRows}). */
    private static StoreException unknown(String id, String column, String value) {
        return new StoreException("recording " + id + " has " + column + " '" + value
                + "', which this gateway does not know; was the database written by a newer gateway?");
    }
}
