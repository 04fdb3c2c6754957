package org.recgateway.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.recgateway.audit.AuditAction;
import org.recgateway.audit.AuditEvent;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Maps an {@link AuditEvent} to an {@code audit_events} row and back. Details are a flat JSON object
 * (sorted keys), readable in the sqlite3 shell. A row whose columns no longer read as an event is a
 * value ({@link Row.Unreadable}), not an exception, so verification can name it.
 */
final class AuditRows {

    static final List<String> COLUMNS =
            List.of("sequence", "at", "actor", "action", "recording_id", "details", "previous_hash", "hash");

    static final String INSERT = "INSERT INTO audit_events (" + String.join(", ", COLUMNS) + ") VALUES ("
            + String.join(", ", COLUMNS.stream().map(c -> "?").toList()) + ")";

    static final String SELECT = "SELECT " + String.join(", ", COLUMNS) + " FROM audit_events";

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    private static final TypeReference<LinkedHashMap<String, String>> FLAT = new TypeReference<>() {
    };

    private AuditRows() {
    }

    /** A stored row: the event it holds, or why it no longer reads as one. */
    sealed interface Row {
        long sequence();

        record Read(AuditEvent event) implements Row {
            @Override
            public long sequence() {
                return event.sequence();
            }
        }

        record Unreadable(long sequence, String why) implements Row {
        }
    }

    static void bind(PreparedStatement s, AuditEvent e) throws SQLException {
        s.setLong(1, e.sequence());
        s.setString(2, Timestamps.format(e.at()));
        s.setString(3, e.actor());
        s.setString(4, e.action().id());
        s.setString(5, e.recordingId());
        try {
            s.setString(6, JSON.writeValueAsString(e.details()));
        } catch (JsonProcessingException x) {
            throw new IllegalStateException("flat string details could not be written as JSON", x);
        }
        s.setString(7, e.previousHash());
        s.setString(8, e.hash());
    }

    static Row read(ResultSet row) throws SQLException {
        long sequence = row.getLong("sequence");
        String action = row.getString("action");
        try {
            AuditAction known = AuditAction.fromId(action).orElseThrow(() -> new IllegalArgumentException(
                    "its action '" + printable(action) + "' is not one this gateway writes"));
            return new Row.Read(new AuditEvent(sequence, Timestamps.parse(row.getString("at")),
                    row.getString("actor"), known, row.getString("recording_id"),
                    details(row.getString("details")), row.getString("previous_hash"), row.getString("hash")));
        } catch (DateTimeParseException e) {
            return new Row.Unreadable(sequence, "its time '" + printable(row.getString("at")) + "' is not an instant");
        } catch (RuntimeException e) {
            return new Row.Unreadable(sequence, printable(e.getMessage()));
        }
    }

    private static Map<String, String> details(String json) {
        if (json == null) {
            throw new IllegalArgumentException("its details are missing");
        }
        try {
            return JSON.readValue(json, FLAT);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("its details '" + printable(json) + "' are not a flat JSON object");
        }
    }

    /** A stored value quoted in a message: capped, since an edited column can hold anything. */
    private static String printable(String value) {
        if (value == null) {
            return "null";
        }
        String plain = value.replaceAll("\\p{Cntrl}", "?");
        return plain.length() > 100 ? plain.substring(0, 100) + "..." : plain;
    }
}
