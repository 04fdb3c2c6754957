package org.recgateway.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.recgateway.policy.LegalBasis;
import org.recgateway.policy.Purpose;
import org.recgateway.recording.CallerChoices;
import org.recgateway.recording.ConsentEvidence;
import org.recgateway.recording.RecordedPurpose;
import org.recgateway.recording.Recording;

/**
 * A recording's purposes ({@code recording_purposes}), its consent evidence ({@code consent_evidence})
 * and the choice columns on {@code recordings}. Written once, with the recording's insert; they do
 * not change afterwards.
 */
final class PurposeRows {
    private PurposeRows() {
    }

    /** Writes the purposes and choices of a recording whose row was just inserted, with the writer's statements. */
    static void insert(StatementCache statements, Recording r) throws SQLException {
        PreparedStatement purposes = statements.get("INSERT INTO recording_purposes (recording_id, position, purpose,"
                + " legal_basis, retention_days, retention_seconds, due, ended_at, end_reason)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
        int position = 0;
        for (RecordedPurpose p : r.purposes()) {
            purposes.setString(1, r.id());
            purposes.setInt(2, position++);
            purposes.setString(3, p.purpose().id());
            purposes.setString(4, p.basis().id());
            purposes.setLong(5, p.retention().toDays());
            purposes.setLong(6, p.retention().toSeconds());
            purposes.setString(7, Timestamps.format(p.due()));
            purposes.setString(8, Timestamps.format(p.endedAt()));
            purposes.setString(9, p.endReason());
            purposes.executeUpdate();
        }
        CallerChoices choices = r.choices();
        if (choices == null) {
            return;
        }
        PreparedStatement choice = statements.get("UPDATE recordings SET sample_percent = ?, sample_draw = ?,"
                + " objection_offered = ?, objected_at = ? WHERE id = ?");
        choice.setInt(1, choices.samplePercent());
        choice.setInt(2, choices.sampleDraw());
        choice.setInt(3, choices.objectionOffered() ? 1 : 0);
        choice.setString(4, Timestamps.format(choices.objectedAt()));
        choice.setString(5, r.id());
        choice.executeUpdate();
        PreparedStatement consent = statements.get("INSERT INTO consent_evidence (recording_id, position, purpose,"
                + " question_prompt_id, language, text_version, audio_sha256, asked, answered, key_pressed, given,"
                + " played_format, played_sha256) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
        position = 0;
        for (ConsentEvidence e : choices.consents()) {
            consent.setString(1, r.id());
            consent.setInt(2, position++);
            consent.setString(3, e.purpose().id());
            consent.setString(4, e.questionPromptId());
            consent.setString(5, e.language());
            consent.setInt(6, e.textVersion());
            consent.setString(7, e.audioSha256());
            consent.setString(8, Timestamps.format(e.asked()));
            consent.setString(9, Timestamps.format(e.answered()));
            consent.setString(10, e.keyPressed());
            consent.setInt(11, e.given() ? 1 : 0);
            consent.setString(12, e.playedFormat());
            consent.setString(13, e.playedSha256());
            consent.executeUpdate();
        }
    }

    /**
     * Writes what changes in a recording's purposes after it is inserted: each one's deadline (set when
     * the recording is filed) and its end. The purposes themselves, their bases and retentions never change.
     */
    static void update(StatementCache statements, Recording r) throws SQLException {
        PreparedStatement s = statements.get("UPDATE recording_purposes SET due = ?, ended_at = ?, end_reason = ?"
                + " WHERE recording_id = ? AND position = ?");
        int position = 0;
        for (RecordedPurpose p : r.purposes()) {
            s.setString(1, Timestamps.format(p.due()));
            s.setString(2, Timestamps.format(p.endedAt()));
            s.setString(3, p.endReason());
            s.setString(4, r.id());
            s.setInt(5, position++);
            s.executeUpdate();
        }
    }

    /** The recording read from its row, completed with its purposes and choices. */
    static Recording complete(StatementCache c, Recording r, ResultSet row) throws SQLException {
        List<RecordedPurpose> purposes = new ArrayList<>();
        PreparedStatement s = c.get("SELECT purpose, legal_basis, retention_days, retention_seconds,"
                + " due, ended_at, end_reason FROM recording_purposes WHERE recording_id = ? ORDER BY position");
        s.setString(1, r.id());
        try (ResultSet rows = s.executeQuery()) {
            while (rows.next()) {
                purposes.add(new RecordedPurpose(purpose(r.id(), rows.getString(1)), basis(r.id(), rows.getString(2)),
                        RecordingRows.retention(rows, "retention_seconds", "retention_days"),
                        Timestamps.parse(rows.getString(5)), Timestamps.parse(rows.getString(6)), rows.getString(7)));
            }
        }
        return r.withPurposes(purposes).withChoices(choices(c, r.id(), row));
    }

    private static CallerChoices choices(StatementCache c, String id, ResultSet row) throws SQLException {
        int percent = row.getInt("sample_percent");
        if (row.wasNull()) {
            return null;
        }
        List<ConsentEvidence> consents = new ArrayList<>();
        PreparedStatement s = c.get("SELECT purpose, question_prompt_id, language, text_version,"
                + " audio_sha256, asked, answered, key_pressed, given, played_format, played_sha256 FROM consent_evidence"
                + " WHERE recording_id = ?"
                + " ORDER BY position");
        s.setString(1, id);
        try (ResultSet rows = s.executeQuery()) {
            while (rows.next()) {
                consents.add(new ConsentEvidence(purpose(id, rows.getString(1)), rows.getString(2), rows.getString(3),
                        rows.getInt(4), rows.getString(5), Timestamps.parse(rows.getString(6)),
                        Timestamps.parse(rows.getString(7)), rows.getString(8), rows.getInt(9) != 0,
                        Objects.requireNonNullElse(rows.getString(10), ""),
                        Objects.requireNonNullElse(rows.getString(11), "")));
            }
        }
        return new CallerChoices(percent, row.getInt("sample_draw"), row.getInt("objection_offered") != 0,
                Timestamps.parse(row.getString("objected_at")), consents);
    }

    private static Purpose purpose(String id, String value) {
        return Purpose.fromId(value).orElseThrow(() -> new StoreException("recording " + id + " has purpose '" + value
                + "', which this gateway does not know; was the database written by a newer gateway?"));
    }

    private static LegalBasis basis(String id, String value) {
        return LegalBasis.fromId(value).orElseThrow(() -> new StoreException("recording " + id + " has legal basis '"
                + value + "', which this gateway does not know; was the database written by a newer gateway?"));
    }

}
