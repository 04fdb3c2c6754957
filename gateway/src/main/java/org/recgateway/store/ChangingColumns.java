package org.recgateway.store;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Objects;

import org.recgateway.recording.Deletion;
import org.recgateway.recording.Recording;

/**
 * The columns of a {@code recordings} row that change after its insert, and the check that lets an update set only
 * them. The filing update set all 37 columns; besides binding 10 values instead, SQLite then rewrites only the indexes
 * on these columns (status, file_path, the pending deletions), not the five others (unique_id, linked_id, started, the
 * number keys) that an UPDATE naming every column deletes and inserts again even when their values stay (issue 13).
 */
final class ChangingColumns {
    /**
     * The columns an update can change: status, the audio's end, file, size and hash, the last deadline, the deletion.
     * Every other column is written once by the insert (the call, the rule, the notice, the main purpose, its basis and
     * retention, when recording started, the number keys): no {@code Recording} method changes them, and
     * {@link #fixedAsInserted} checks it for each update that skips them.
     */
    static final List<String> NAMES = List.of("status", "ended", "retention_until", "file_path", "size_bytes",
            "sha256", "deletion_at", "deletion_reason", "deletion_by", "deletion_done");

    /** Sets only the {@link #NAMES} columns, then the id as the last parameter of the WHERE clause. */
    static final String UPDATE = "UPDATE recordings SET "
            + String.join(", ", NAMES.stream().map(c -> c + " = ?").toList()) + " WHERE id = ?";

    private ChangingColumns() {
    }

    /** Binds the {@link #NAMES} columns, in that order, from parameter {@code first} on; returns the next free parameter. */
    static int bind(PreparedStatement s, Recording r, int first) throws SQLException {
        int i = first;
        s.setString(i++, r.status().id());
        s.setString(i++, Timestamps.format(r.ended()));
        s.setString(i++, Timestamps.format(r.retentionUntil()));
        s.setString(i++, r.filePath());
        RecordingRows.setLong(s, i++, r.sizeBytes());
        s.setString(i++, r.sha256());
        Deletion d = r.deletion();
        s.setString(i++, d == null ? null : Timestamps.format(d.at()));
        s.setString(i++, d == null ? null : d.reason());
        s.setString(i++, d == null ? null : d.by());
        RecordingRows.setLong(s, i++, d == null ? null : d.done() ? 1L : 0L);
        return i;
    }

    /**
     * True when {@code r} holds the same values as {@code inserted} for every column outside {@link #NAMES} but the
     * number keys (the caller compares those): then its update writes to them what the insert wrote. The values are
     * compared, not what they were made from, so any difference leads to the update of every column.
     */
    static boolean fixedAsInserted(Recording inserted, Recording r) {
        return inserted.call().equals(r.call())
                && Objects.equals(inserted.ruleName(), r.ruleName())
                && Objects.equals(inserted.notice(), r.notice())
                && inserted.purpose() == r.purpose()
                && inserted.legalBasis() == r.legalBasis()
                && inserted.retention().equals(r.retention())
                && Objects.equals(inserted.started(), r.started());
    }
}
