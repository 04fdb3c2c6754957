package org.recgateway.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;

import org.recgateway.audit.AuditEvent;

/** Reads of {@code audit_events} on the store's reading connection and lock, for the trail and its verification. */
final class AuditReads {
    private final JdbcRecordingStore store;

    AuditReads(JdbcRecordingStore store) {
        this.store = store;
    }

    /**
     * The events {@code sql} selects (it starts with {@link AuditRows#SELECT}), in its order.
     *
     * @throws StoreException naming the event when a row cannot be read as an event (the trail was edited)
     */
    List<AuditEvent> events(String what, String sql, Object... parameters) {
        List<AuditEvent> events = new ArrayList<>();
        for (AuditRows.Row row : rows(what, sql, parameters)) {
            switch (row) {
                case AuditRows.Row.Read(AuditEvent event) -> events.add(event);
                case AuditRows.Row.Unreadable(long sequence, String why) -> throw new StoreException(
                        "audit event " + sequence + " in " + store.file() + " cannot be read (" + why
                                + "); the trail was edited: run 'gateway audit verify'");
            }
        }
        return List.copyOf(events);
    }

    /** The rows {@code sql} selects, each read as an event or as unreadable (for verification, which reports them). */
    List<AuditRows.Row> rows(String what, String sql, Object... parameters) {
        return store.locked(what, c -> {
            try (PreparedStatement s = c.prepareStatement(sql)) {
                for (int i = 0; i < parameters.length; i++) {
                    s.setObject(i + 1, parameters[i]);
                }
                List<AuditRows.Row> rows = new ArrayList<>();
                try (ResultSet result = s.executeQuery()) {
                    while (result.next()) {
                        rows.add(AuditRows.read(result));
                    }
                }
                return rows;
            }
        });
    }
}
