package org.recgateway.store;

import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

import org.recgateway.audit.AuditAction;
import org.recgateway.audit.AuditEvent;
import org.recgateway.audit.AuditTrail;
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

    private final JdbcRecordingStore store;
    private final Clock clock;
    private final HashChain chain;
    private final AuditHead head;
    private final AuditReads reads;
    private final AuditVerification verification;

    JdbcAuditTrail(JdbcRecordingStore store, Clock clock, HashChain chain, AuditHead head) {
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.chain = Objects.requireNonNull(chain, "chain");
        this.head = Objects.requireNonNull(head, "head");
        this.reads = new AuditReads(store);
        this.verification = new AuditVerification(store, chain, head, reads);
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
                            Consumer<? super RuntimeException> failed) {
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
                withEvidence = new LinkedHashMap<>(details);
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
    public void checkKey(Path keyFile) {
        List<AuditRows.Row> last = reads.rows("read the last audit event", AuditRows.SELECT + " ORDER BY sequence DESC LIMIT 1");
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
    public Path headFile() {
        return head.file();
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
        return reads.events("read the audit events of recording " + recordingId,
                AuditRows.SELECT + " WHERE recording_id = ? ORDER BY sequence", recordingId);
    }

    @Override
    public List<AuditEvent> since(long sequence, int limit) {
        AuditTrail.checkLimit(limit);
        return reads.events("read audit events after " + sequence,
                AuditRows.SELECT + " WHERE sequence > ? ORDER BY sequence LIMIT ?", sequence, limit);
    }

    @Override
    public Verification verify() {
        return verification.verify();
    }

    /**
     * Compares every recording's evidence now with the digest its last chained event carries, and
     * reports each recording that differs (naming the tables), each row no event accounts for and each
     * recording whose row is gone; ordered by the event concerned, the first first. Meaningful once
     * {@link #verify()} holds, since the digests are trusted because the chain is.
     */
    public List<RecordingFinding> verifyRecordings() {
        return verification.recordings();
    }
}
