package org.recgateway.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.util.List;

import org.recgateway.policy.LegalBasis;
import org.recgateway.policy.Purpose;
import org.recgateway.recording.Deletion;
import org.recgateway.recording.NoticeEvidence;
import org.recgateway.recording.PhoneNumbers;
import org.recgateway.recording.AudioFile;
import org.recgateway.recording.Evidence;
import org.recgateway.recording.PurposeSet;
import org.recgateway.recording.RecordedCall;
import org.recgateway.recording.Recording;
import org.recgateway.recording.RecordingStatus;

/**
 * Maps a {@link Recording} to a {@code recordings} row and back. The notice is flattened into
 * {@code notice_*} columns; a row without {@code notice_prompt_id} has no notice.
 */
final class RecordingRows {

    /** Every column, in the order {@link #bind} sets them; {@code id} is first. */
    static final List<String> COLUMNS = List.of("id", "unique_id", "linked_id", "channel", "caller_number",
            "called_number", "purpose", "legal_basis", "rule_name", "retention_days",
            "notice_prompt_id", "notice_language", "notice_text_version", "notice_text_sha256",
            "notice_audio_sha256", "notice_started", "notice_ended", "notice_played_to_end",
            "notice_end_position", "notice_expected_samples",
            "notice_played_format", "notice_played_sha256", "notice_audio_files",
            "started", "ended", "retention_until", "file_path", "size_bytes", "sha256", "status",
            "caller_key", "called_key", "retention_seconds", "deletion_at", "deletion_reason", "deletion_by",
            "deletion_done", "asterisk_server");

    static final String INSERT = "INSERT INTO recordings (" + String.join(", ", COLUMNS) + ") VALUES ("
            + String.join(", ", COLUMNS.stream().map(c -> "?").toList()) + ")";

    /** Sets every column but {@code id}, then the id as the last parameter of the WHERE clause. */
    static final String UPDATE = "UPDATE recordings SET "
            + String.join(", ", COLUMNS.subList(1, COLUMNS.size()).stream().map(c -> c + " = ?").toList())
            + " WHERE id = ?";

    static final String SELECT = "SELECT " + String.join(", ", COLUMNS)
            + ", sample_percent, sample_draw, objection_offered, objected_at FROM recordings";

    private RecordingRows() {
    }

    /**
     * The search keys of a recording's two numbers ({@code caller_key}, {@code called_key}), computed with
     * {@link PhoneNumbers#key} on the caller's thread before the write is queued: libphonenumber's parse was
     * 5 % of a filing burst's samples inside the one serial store writer (issue 13, BENCHMARKS.md session 5),
     * which now only binds them. Either may be null (no number).
     */
    record Keys(String caller, String called) {
        static Keys of(java.util.function.UnaryOperator<String> key, Recording r) {
            return new Keys(key.apply(r.callerNumber()), key.apply(r.calledNumber()));
        }
    }

    /** Inserts the recording's row and its purposes; an existing id is an {@link IllegalArgumentException}. */
    static Void insert(StatementCache statements, Keys keys, Recording recording) throws SQLException {
        try {
            PreparedStatement s = statements.get(INSERT);
            s.setString(1, recording.id());
            bindFields(s, keys, recording, 2);
            s.executeUpdate();
            PurposeRows.insert(statements, recording);
        } catch (SQLException e) {
            if (Dialect.isDuplicateKey(e)) {
                throw new IllegalArgumentException("a recording with id " + recording.id()
                        + " already exists; insert is for new recordings, use update to change one", e);
            }
            throw e;
        }
        return null;
    }

    /**
     * Replaces the row with the recording's id; a missing id is an {@link IllegalArgumentException}. With
     * {@code fixedAsInserted} (the columns outside {@link ChangingColumns#NAMES} hold what this recording would write to
     * them, as {@link ChangingColumns#fixedAsInserted} found) only the changing columns are set: the row is the same
     * either way.
     */
    static Void update(StatementCache statements, Keys keys, Recording recording, boolean fixedAsInserted)
            throws SQLException {
        PreparedStatement s = statements.get(fixedAsInserted ? ChangingColumns.UPDATE : UPDATE);
        int next = fixedAsInserted ? ChangingColumns.bind(s, recording, 1) : bindFields(s, keys, recording, 1);
        s.setString(next, recording.id());
        if (s.executeUpdate() == 0) {
            throw new IllegalArgumentException("no recording with id " + recording.id() + " to update; insert it first");
        }
        PurposeRows.update(statements, recording);
        return null;
    }

    /**
     * Binds all columns but the id from parameter {@code first} on, the number keys from {@code keys} (computed
     * before the write was queued); returns the next free parameter.
     */
    static int bindFields(PreparedStatement s, Keys keys, Recording r, int first) throws SQLException {
        int i = first;
        s.setString(i++, r.uniqueId());
        s.setString(i++, r.linkedId());
        s.setString(i++, r.channel());
        s.setString(i++, r.callerNumber());
        s.setString(i++, r.calledNumber());
        s.setString(i++, r.purpose() == null ? null : r.purpose().id());
        s.setString(i++, r.legalBasis() == null ? null : r.legalBasis().id());
        s.setString(i++, r.ruleName());
        s.setLong(i++, r.retention().toDays());  // the column of schema 1, kept for old readers
        NoticeEvidence n = r.notice();
        s.setString(i++, n == null ? null : n.promptId());
        s.setString(i++, n == null ? null : n.language());
        setLong(s, i++, n == null ? null : (long) n.textVersion());
        s.setString(i++, n == null ? null : n.textSha256());
        s.setString(i++, n == null ? null : n.audioSha256());
        s.setString(i++, n == null ? null : Timestamps.format(n.started()));
        s.setString(i++, n == null ? null : Timestamps.format(n.ended()));
        setLong(s, i++, n == null ? null : n.playedToEnd() ? 1L : 0L);
        setLong(s, i++, n == null ? null : n.endPosition());
        setLong(s, i++, n == null ? null : n.expectedSamples());
        s.setString(i++, n == null ? null : n.playedFormat());
        s.setString(i++, n == null ? null : n.playedSha256());
        s.setString(i++, n == null ? null : n.audioFiles());
        s.setString(i++, Timestamps.format(r.started()));
        s.setString(i++, Timestamps.format(r.ended()));
        s.setString(i++, Timestamps.format(r.retentionUntil()));
        s.setString(i++, r.filePath());
        setLong(s, i++, r.sizeBytes());
        s.setString(i++, r.sha256());
        s.setString(i++, r.status().id());
        s.setString(i++, keys.caller());
        s.setString(i++, keys.called());
        s.setLong(i++, r.retention().toSeconds());
        Deletion d = r.deletion();
        s.setString(i++, d == null ? null : Timestamps.format(d.at()));
        s.setString(i++, d == null ? null : d.reason());
        s.setString(i++, d == null ? null : d.by());
        setLong(s, i++, d == null ? null : d.done() ? 1L : 0L);
        s.setString(i++, r.call().server());
        return i;
    }

    static Recording read(ResultSet row) throws SQLException {
        String id = row.getString("id");
        return new Recording(id, status(id, row.getString("status")),
                new RecordedCall(row.getString("unique_id"), row.getString("linked_id"), row.getString("channel"),
                        row.getString("caller_number"), row.getString("called_number"), row.getString("asterisk_server")),
                new Evidence(row.getString("rule_name"), notice(row), null),
                new AudioFile(row.getString("file_path"), Timestamps.parse(row.getString("started")),
                        Timestamps.parse(row.getString("ended")), getLong(row, "size_bytes"), row.getString("sha256")),
                new PurposeSet(purpose(id, row.getString("purpose")), legalBasis(id, row.getString("legal_basis")),
                        retention(row, "retention_seconds", "retention_days"), Timestamps.parse(row.getString("retention_until")),
                        List.of()),
                deletion(row));
    }

    /** The retention in seconds; a row from before schema 6 that has none counts its days. */
    static Duration retention(ResultSet row, String seconds, String days) throws SQLException {
        long value = row.getLong(seconds);
        return row.wasNull() ? Duration.ofDays(row.getLong(days)) : Duration.ofSeconds(value);
    }

    private static Deletion deletion(ResultSet row) throws SQLException {
        String at = row.getString("deletion_at");
        if (at == null) {
            return null;
        }
        return new Deletion(Timestamps.parse(at), row.getString("deletion_reason"), row.getString("deletion_by"),
                row.getLong("deletion_done") != 0);
    }

    private static NoticeEvidence notice(ResultSet row) throws SQLException {
        String promptId = row.getString("notice_prompt_id");
        if (promptId == null) {
            return null;
        }
        return new NoticeEvidence(promptId, row.getString("notice_language"),
                row.getInt("notice_text_version"), row.getString("notice_text_sha256"),
                row.getString("notice_audio_sha256"), Timestamps.parse(row.getString("notice_started")),
                Timestamps.parse(row.getString("notice_ended")), row.getLong("notice_played_to_end") != 0,
                row.getLong("notice_end_position"), row.getLong("notice_expected_samples"),
                orEmpty(row.getString("notice_played_format")), orEmpty(row.getString("notice_played_sha256")),
                orEmpty(row.getString("notice_audio_files")));
    }

    /** Rows filed before the played format was kept read as "not known". */
    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }

    private static Purpose purpose(String id, String value) {
        return value == null ? null : Purpose.fromId(value).orElseThrow(() -> corrupt(id, "purpose", value));
    }

    private static LegalBasis legalBasis(String id, String value) {
        return value == null ? null : LegalBasis.fromId(value).orElseThrow(() -> corrupt(id, "legal_basis", value));
    }

    private static RecordingStatus status(String id, String value) {
        for (RecordingStatus status : RecordingStatus.values()) {
            if (status.id().equals(value)) {
                return status;
            }
        }
        throw corrupt(id, "status", value);
    }

    private static StoreException corrupt(String id, String column, String value) {
        return new StoreException("recording " + id + " has " + column + " '" + value
                + "', which this gateway does not know; was the database written by a newer gateway?");
    }

    static void setLong(PreparedStatement s, int index, Long value) throws SQLException {
        if (value == null) {
            s.setNull(index, Types.INTEGER);
        } else {
            s.setLong(index, value);
        }
    }

    private static Long getLong(ResultSet row, String column) throws SQLException {
        long value = row.getLong(column);
        return row.wasNull() ? null : value;
    }
}
