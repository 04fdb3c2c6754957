package org.recgateway.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.recgateway.audit.AuditAction;
import org.recgateway.audit.AuditEvent;
import org.recgateway.audit.AuditTrail;
import org.recgateway.audit.ChainVerifier;
import org.recgateway.audit.HashChain;
import org.recgateway.audit.Verification;

/**
 * The audit trail in the recording store's SQLite file ({@code audit_events}), on the store's own
 * connection and lock. Within the process the lock serialises appends; {@code BEGIN IMMEDIATE} takes
 * SQLite's write lock before the last event is read, so an append from another process (the command
 * line) cannot fork the chain either. Get one from {@link SqliteRecordingStore#auditTrail(Clock)}.
 */
public final class SqliteAuditTrail implements AuditTrail {

    /** Verification reads this many events at a time and lets other work take the lock in between. */
    static final int VERIFY_PAGE = 500;

    private final SqliteRecordingStore store;
    private final Clock clock;

    SqliteAuditTrail(SqliteRecordingStore store, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public AuditEvent append(String actor, AuditAction action, String recordingId, Map<String, String> details) {
        // Group-committed: the writer's transaction holds SQLite's write lock (BEGIN IMMEDIATE), so no
        // other process can append between reading the last event and inserting the next one.
        return store.write("append a " + (action == null ? "null" : action.id()) + " audit event", c -> {
            AuditEvent event = next(c, actor, action, recordingId, details);
            try (PreparedStatement insert = c.prepareStatement(AuditRows.INSERT)) {
                AuditRows.bind(insert, event);
                insert.executeUpdate();
            }
            return event;
        });
    }

    private static void rollback(Statement tx, Exception cause) {
        try {
            tx.execute("ROLLBACK");
        } catch (SQLException e) {
            cause.addSuppressed(e);  // SQLite may have rolled back already (e.g. disk full)
        }
    }

    private AuditEvent next(Connection c, String actor, AuditAction action, String recordingId,
                            Map<String, String> details) throws SQLException {
        long sequence = 1;
        String previousHash = HashChain.GENESIS;
        try (PreparedStatement last = c.prepareStatement(
                "SELECT sequence, hash FROM audit_events ORDER BY sequence DESC LIMIT 1");
             ResultSet row = last.executeQuery()) {
            if (row.next()) {
                sequence = Math.addExact(row.getLong(1), 1);
                previousHash = row.getString(2);
            }
        }
        try {
            return HashChain.link(sequence, clock.instant(), actor, action, recordingId, details, previousHash);
        } catch (IllegalArgumentException e) {
            if (sequence > 1 && (previousHash == null || !previousHash.matches("[0-9a-f]{64}"))) {
                throw new StoreException("the last audit event " + (sequence - 1) + " in " + store.file()
                        + " has no valid hash, so nothing can be chained to it; run 'gateway audit verify'", e);
            }
            throw e;
        }
    }

    @Override
    public List<AuditEvent> forRecording(String recordingId) {
        return events("read the audit events of recording " + recordingId,
                AuditRows.SELECT + " WHERE recording_id = ? ORDER BY sequence", recordingId);
    }

    @Override
    public List<AuditEvent> since(long sequence, int limit) {
        AuditTrail.checkLimit(limit);
        return events("read audit events after " + sequence,
                AuditRows.SELECT + " WHERE sequence > ? ORDER BY sequence LIMIT ?", sequence, limit);
    }

    @Override
    public Verification verify() {
        ChainVerifier verifier = new ChainVerifier();
        long after = Long.MIN_VALUE;
        while (true) {
            List<AuditRows.Row> page = rows("verify the audit trail",
                    AuditRows.SELECT + " WHERE sequence > ? ORDER BY sequence LIMIT ?", after, VERIFY_PAGE);
            for (AuditRows.Row row : page) {
                boolean holds = switch (row) {
                    case AuditRows.Row.Read(AuditEvent event) -> verifier.accept(event);
                    case AuditRows.Row.Unreadable(long sequence, String why) -> verifier.unreadable(sequence, why);
                };
                if (!holds) {
                    return verifier.result();
                }
                after = row.sequence();
            }
            if (page.size() < VERIFY_PAGE) {
                return verifier.result();
            }
        }
    }

    private List<AuditEvent> events(String what, String sql, Object... parameters) {
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

    private List<AuditRows.Row> rows(String what, String sql, Object... parameters) {
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
