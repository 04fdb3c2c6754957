package org.recgateway.store;

import java.io.IOException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import org.recgateway.audit.AuditEvent;
import org.recgateway.audit.ChainVerifier;
import org.recgateway.audit.HashChain;
import org.recgateway.audit.RecordingFinding;
import org.recgateway.audit.Verification;

/**
 * Verification of the audit trail in the store ({@code gateway audit verify}): the hash chain event by event, the
 * chain against the head checkpointed outside the database (a cut-off tail or a re-chained trail), and every
 * recording's rows against the evidence digest its last chained event carries. Reads page by page, so other work
 * takes the store's lock in between.
 */
final class AuditVerification {
    /** Verification reads this many events at a time and lets other work take the lock in between. */
    static final int PAGE = 500;

    private final JdbcRecordingStore store;
    private final HashChain chain;
    private final AuditHead head;
    private final AuditReads reads;

    AuditVerification(JdbcRecordingStore store, HashChain chain, AuditHead head, AuditReads reads) {
        this.store = store;
        this.chain = chain;
        this.head = head;
        this.reads = reads;
    }

    /** The whole chain checked event by event, then against the checkpointed head ({@link JdbcAuditTrail#verify}). */
    Verification verify() {
        // The head is read first: an event appended while the chain is read cannot look like a cut-off tail.
        Optional<AuditHead.Head> checkpoint;
        try {
            checkpoint = head.read();
        } catch (IOException e) {
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
    List<RecordingFinding> recordings() {
        Map<String, AuditEvent> last = new HashMap<>();
        long after = 0;
        while (true) {
            List<AuditEvent> page = reads.events("read the audit events of recordings", AuditRows.SELECT
                    + " WHERE sequence > ? AND recording_id IS NOT NULL ORDER BY sequence LIMIT ?", after, PAGE);
            for (AuditEvent e : page) {
                if (e.details().containsKey(EvidenceDigest.DETAIL)) {
                    last.put(e.recordingId(), e);
                }
                after = e.sequence();
            }
            if (page.size() < PAGE) {
                break;
            }
        }
        return store.locked("compare the evidence of every recording", c -> {
            Set<String> rows = new TreeSet<>();
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
            findings.sort(Comparator.comparingLong(RecordingFinding::sequence)
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
            List<AuditRows.Row> page = reads.rows("verify the audit trail",
                    AuditRows.SELECT + " WHERE sequence > ? ORDER BY sequence LIMIT ?", after, PAGE);
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
            if (page.size() < PAGE) {
                return verifier.result();
            }
        }
    }
}
