package org.recgateway.store;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The digest of one recording's evidence, carried by every audit event that files or changes it:
 * per table, SHA-256 (first 128 bits, hex) of its rows for the recording, each row encoded as
 * length-prefixed {@code column=value} strings and the rows sorted, so the digest does not depend on
 * storage order. Written as {@code recordings=…;recording_purposes=…;consent_evidence=…;fault_markers=…;
 * diagnostic_recordings=…} (the table names); a part that differs later names the table that was edited.
 */
final class EvidenceDigest {

    /** The detail key of the digest in an audit event. */
    static final String DETAIL = "evidence";

    /** The recording row's evidence columns: what it is for, on which basis, the notice, the caller's choices, the audio's hash. */
    private static final String RECORDING_COLUMNS = "id, purpose, legal_basis, rule_name, retention_days, notice_prompt_id, "
            + "notice_language, notice_text_version, notice_text_sha256, notice_audio_sha256, notice_started, notice_ended, "
            + "notice_played_to_end, notice_end_position, notice_expected_samples, started, ended, retention_until, "
            + "file_path, size_bytes, sha256, status, sample_percent, sample_draw, objection_offered, objected_at";

    /** Part name to the query of its rows; each takes the recording id once. */
    static final Map<String, String> PARTS = parts();

    private EvidenceDigest() {
    }

    private static Map<String, String> parts() {
        Map<String, String> parts = new LinkedHashMap<>();
        parts.put("recordings", "SELECT " + RECORDING_COLUMNS + " FROM recordings WHERE id = ?");
        parts.put("recording_purposes", "SELECT * FROM recording_purposes WHERE recording_id = ?");
        parts.put("consent_evidence", "SELECT * FROM consent_evidence WHERE recording_id = ?");
        parts.put("fault_markers", "SELECT * FROM fault_markers WHERE recording_id = ?");
        parts.put("diagnostic_recordings", "SELECT * FROM diagnostic_recordings WHERE recording_id = ?");
        return java.util.Collections.unmodifiableMap(parts);
    }

    /**
     * The digest of {@code recordingId}'s evidence as {@code c} sees it now: on SQLite one statement per
     * part; on PostgreSQL the five parts as one multi-statement query, one round trip (the same rows, read
     * by the same statements, so the same bytes).
     */
    static String of(Dialect dialect, StatementCache c, String recordingId) throws SQLException {
        if (dialect != Dialect.POSTGRESQL) {
            return of(c, recordingId);
        }
        PreparedStatement s = c.get(String.join("; ", PARTS.values()));
        bindEachPart(s, 0, recordingId);
        s.execute();
        return readParts(s, true);
    }

    /** The digest with one statement per part (five round trips on a remote database). */
    static String of(StatementCache c, String recordingId) throws SQLException {
        List<String> hex = new ArrayList<>();
        for (String sql : PARTS.values()) {
            PreparedStatement s = c.get(sql);  // prepared once per connection (issue 13)
            s.setString(1, recordingId);
            try (ResultSet result = s.executeQuery()) {
                hex.add(part(result));
            }
        }
        return join(hex);
    }

    /** Binds {@code recordingId} to the parameter of each part, the first part's being parameter {@code before + 1}. */
    static void bindEachPart(PreparedStatement s, int before, String recordingId) throws SQLException {
        for (int i = 1; i <= PARTS.size(); i++) {
            s.setString(before + i, recordingId);
        }
    }

    /**
     * Reads the parts' result sets from a multi-statement query that ends with {@link #PARTS}' statements in
     * their order; {@code current}: its current result is the first part's (else the next result is).
     */
    static String readParts(java.sql.Statement s, boolean current) throws SQLException {
        List<String> hex = new ArrayList<>();
        for (int i = 0; i < PARTS.size(); i++) {
            if ((i > 0 || !current) && !s.getMoreResults()) {
                throw new SQLException("the evidence query returned " + i + " of its " + PARTS.size() + " parts");
            }
            try (ResultSet result = s.getResultSet()) {
                hex.add(part(result));
            }
        }
        return join(hex);
    }

    private static String join(List<String> hex) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        for (String name : PARTS.keySet()) {
            if (!out.isEmpty()) {
                out.append(';');
            }
            out.append(name).append('=').append(hex.get(i++));
        }
        return out.toString();
    }

    /** The parts of a stored digest, by name; empty for a value that is not one. */
    static Map<String, String> parse(String digest) {
        Map<String, String> parts = new LinkedHashMap<>();
        for (String part : digest.split(";")) {
            int equals = part.indexOf('=');
            if (equals > 0) {
                parts.put(part.substring(0, equals), part.substring(equals + 1));
            }
        }
        return parts;
    }

    /** SHA-256 (first 128 bits, hex) of one part's rows, each length-prefixed {@code column=value}, sorted. */
    private static String part(ResultSet result) throws SQLException {
        List<String> rows = new ArrayList<>();
        ResultSetMetaData meta = result.getMetaData();
        while (result.next()) {
            StringBuilder row = new StringBuilder();
            for (int i = 1; i <= meta.getColumnCount(); i++) {
                String value = result.getString(i);
                field(row, meta.getColumnName(i).toLowerCase(java.util.Locale.ROOT));
                field(row, value);
            }
            rows.add(row.toString());
        }
        rows.sort(null);
        MessageDigest digest = sha256();
        digest.update(ByteBuffer.allocate(Integer.BYTES).putInt(rows.size()).array());
        for (String row : rows) {
            byte[] bytes = row.getBytes(StandardCharsets.UTF_8);
            digest.update(ByteBuffer.allocate(Integer.BYTES).putInt(bytes.length).array());
            digest.update(bytes);
        }
        return HexFormat.of().formatHex(digest.digest(), 0, 16);
    }

    private static void field(StringBuilder row, String value) {
        if (value == null) {
            row.append("-1:");
        } else {
            row.append(value.length()).append(':').append(value);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
