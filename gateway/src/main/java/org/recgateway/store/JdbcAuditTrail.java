package org.recgateway.store;

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
import org.recgateway.audit.RecordingFinding;
import org.recgateway.audit.Verification;

/**
 * The audit trail in the recording store's database ({@code audit_events}), on the store's own
 * connection and lock. Within the process the lock serialises appends; {@code BEGIN IMMEDIATE} takes
 * SQLite's write lock before the last event is read, and on PostgreSQL a transaction-scoped advisory lock
 * orders appends, so an append from another process (the command line, another gateway) cannot fork the
 * chain either. Get one from {@link JdbcRecordingStore#auditTrail(Clock)}.
 */
public final class JdbcAuditTrail implements AuditTrail {

    /** Verification reads this many events at a time and lets other work take the lock in between. */
    static final int VERIFY_PAGE = 500;

    private final JdbcRecordingStore store;
    private final Clock clock;
    private final HashChain chain;
    private final AuditHead head;

    JdbcAuditTrail(JdbcRecordingStore store, Clock clock, HashChain chain, AuditHead head) {
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.chain = Objects.requireNonNull(chain, "chain");
        this.head = Objects.requireNonNull(head, "head");
    }

    @Override
    public AuditEvent append(String actor, AuditAction action, String recordingId, Map<String, String> details) {
        // Group-committed: the writer's transaction holds SQLite's write lock (BEGIN IMMEDIATE), so no
        // other process can append between reading the last event and inserting the next one.
        // The head file was rewritten by the writer after the commit, once for the whole group (AuditHead).
        return store.write(what(action), appending(actor, action, recordingId, details), this::committed);
    }

    @Override
    public void appendLater(String actor, AuditAction action, String recordingId, Map<String, String> details,
                            java.util.function.Consumer<? super RuntimeException> failed) {
        // The same write, queued: linked where it stands in the writer's queue, checkpointed with its group.
        store.queue(what(action), appending(actor, action, recordingId, details), this::committed, failed);
    }

    private static String what(AuditAction action) {
        return "append a " + (action == null ? "null" : action.id()) + " audit event";
    }

    private void committed(AuditEvent event) {
        head.committed(event.sequence(), event.hash());
    }

    private JdbcRecordingStore.SqlWork<AuditEvent> appending(String actor, AuditAction action, String recordingId,
                                                             Map<String, String> details) {
        return c -> {
            // Under the chain's lock (PostgreSQL: one appender at a time across every gateway), the last event
            // and the evidence as it is after the change this event records, in one round trip (ChainHeadRead).
            boolean evidence = recordingId != null && action != null && action.changesRecording() && details != null;
            ChainHeadRead head = ChainHeadRead.read(store.dialect(), c, store.writeStatements(), evidence ? recordingId : null);
            Map<String, String> withEvidence = details;
            if (evidence) {
                withEvidence = new java.util.LinkedHashMap<>(details);
                withEvidence.put(EvidenceDigest.DETAIL, head.evidence());
            }
            AuditEvent event = next(head, actor, action, recordingId, withEvidence);
            PreparedStatement insert = store.writeStatements().get(AuditRows.INSERT);  // prepared once (issue 13)
            AuditRows.bind(insert, event);
            insert.executeUpdate();
            return event;
        };
    }

    /**
     * Checks at start-up that the chain key is the one the trail was linked with: the last event must
     * carry its keyed hash.
     *
     * @throws StoreException naming the key file and what to do when it does not
     */
    public void checkKey(java.nio.file.Path keyFile) {
        List<AuditRows.Row> last = rows("read the last audit event", AuditRows.SELECT + " ORDER BY sequence DESC LIMIT 1");
        if (!last.isEmpty() && last.getFirst() instanceof AuditRows.Row.Read(AuditEvent event)
                && !chain.hashOf(event).equals(event.hash())) {
            throw new StoreException("the audit key in " + keyFile + " does not match the audit trail in " + store.file()
                    + " (its last event " + event.sequence() + " does not carry a hash under this key): restore the right "
                    + "key file and point keys.auditKeyFile at it; if the key is right, the trail was edited: run 'audit verify'");
        }
    }

    /** How many times the head file was rewritten (for tests: once per committed group, not per event). */
    long headCheckpoints() {
        return head.checkpointWrites();
    }

    /** The file the head is checkpointed in. */
    public java.nio.file.Path headFile() {
        return head.file();
    }

    private static void rollback(Statement tx, Exception cause) {
        try {
            tx.execute("ROLLBACK");
        } catch (SQLException e) {
            cause.addSuppressed(e);  // SQLite may have rolled back already (e.g. disk full)
        }
    }

    private AuditEvent next(ChainHeadRead head, String actor, AuditAction action, String recordingId,
                            Map<String, String> details) {
        long sequence = head.sequence();
        String previousHash = head.previousHash();
        try {
            return chain.link(sequence, clock.instant(), actor, action, recordingId, details, previousHash);
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
        // The head is read first: an event appended while the chain is read cannot look like a cut-off tail.
        java.util.Optional<AuditHead.Head> checkpoint;
        try {
            checkpoint = head.read();
        } catch (java.io.IOException e) {
            throw new StoreException("cannot read the audit head file " + head.file() + ": " + e.getMessage(), e);
        }
        Verification chained = verifyChain();
        if (!(chained instanceof Verification.Intact(long events, String lastHash)) || checkpoint.isEmpty()) {
            return chained;
        }
        AuditHead.Head at = checkpoint.get();
        if (events < at.sequence()) {
            return new Verification.Broken(events + 1, Verification.Problem.TRUNCATED, "the trail ends at event " + events
                    + ", but its head was checkpointed at event " + at.sequence() + " (" + head.file() + " and the log): events "
                    + (events + 1) + " to " + at.sequence() + " were cut off", events);
        }
        String hashAtHead = events == at.sequence() ? lastHash : hashAt(at.sequence());
        if (!at.hash().equals(hashAtHead)) {
            return new Verification.Broken(at.sequence(), Verification.Problem.RECHAINED, "event " + at.sequence()
                    + " carries another hash than the head checkpointed in " + head.file() + " (and the log): the trail was "
                    + "re-chained or replaced up to there", at.sequence() - 1);
        }
        return chained;
    }

    /**
     * Compares every recording's evidence now with the digest its last chained event carries, and
     * reports each recording that differs (naming the tables), each row no event accounts for and each
     * recording whose row is gone; ordered by the event concerned, the first first. Meaningful once
     * {@link #verify()} holds, since the digests are trusted because the chain is.
     */
    public List<RecordingFinding> verifyRecordings() {
        Map<String, AuditEvent> last = new java.util.HashMap<>();
        long after = 0;
        while (true) {
            List<AuditEvent> page = events("read the audit events of recordings", AuditRows.SELECT
                    + " WHERE sequence > ? AND recording_id IS NOT NULL ORDER BY sequence LIMIT ?", after, VERIFY_PAGE);
            for (AuditEvent e : page) {
                if (e.details().containsKey(EvidenceDigest.DETAIL)) {
                    last.put(e.recordingId(), e);
                }
                after = e.sequence();
            }
            if (page.size() < VERIFY_PAGE) {
                break;
            }
        }
        return store.locked("compare the evidence of every recording", c -> {
            java.util.Set<String> rows = new java.util.TreeSet<>();
            try (PreparedStatement s = c.prepareStatement("SELECT id FROM recordings"); ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    rows.add(r.getString(1));
                }
            }
            List<RecordingFinding> findings = new ArrayList<>();
            for (String id : rows) {
                AuditEvent filed = last.get(id);
                if (filed == null) {
                    findings.add(new RecordingFinding(id, 0, "recording " + id + " has no audit event carrying its evidence: "
                            + "its row was added, or its events removed, outside the gateway"));
                    continue;
                }
                Map<String, String> then = EvidenceDigest.parse(filed.details().get(EvidenceDigest.DETAIL));
                Map<String, String> now = EvidenceDigest.parse(EvidenceDigest.of(store.dialect(), store.writeStatements(), id));
                List<String> changed = now.keySet().stream().filter(k -> !now.get(k).equals(then.get(k))).toList();
                if (!changed.isEmpty()) {
                    findings.add(new RecordingFinding(id, filed.sequence(), "recording " + id + ": table "
                            + String.join(", ", changed) + (changed.size() == 1 ? " no longer matches" : " no longer match")
                            + " the evidence digest of event " + filed.sequence() + " (" + filed.action().id()
                            + "): changed outside the gateway"));
                }
            }
            last.forEach((id, filed) -> {
                if (!rows.contains(id)) {
                    findings.add(new RecordingFinding(id, filed.sequence(), "recording " + id + " was filed (event "
                            + filed.sequence() + ") but its row is gone from the database"));
                }
            });
            findings.sort(java.util.Comparator.comparingLong(RecordingFinding::sequence)
                    .thenComparing(RecordingFinding::recordingId));
            return List.copyOf(findings);
        });
    }

    private String hashAt(long sequence) {
        return store.locked("read audit event " + sequence, c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT hash FROM audit_events WHERE sequence = ?")) {
                s.setLong(1, sequence);
                try (ResultSet row = s.executeQuery()) {
                    return row.next() ? row.getString(1) : null;
                }
            }
        });
    }

    private Verification verifyChain() {
        ChainVerifier verifier = new ChainVerifier(chain);
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
