package org.recgateway.audit;

/**
 * Checks an audit trail event by event, in sequence order, from the first: each event must be the
 * next sequence number, carry the hash of its own fields, and name the previous event's hash. Feed it
 * with {@link #accept} (or {@link #unreadable} for a stored event whose fields no longer read) until
 * one returns false, then take the {@link #result()}. Not thread-safe; one per verification.
 */
public final class ChainVerifier {

    private final HashChain chain;
    private long expected = 1;
    private String lastHash = HashChain.GENESIS;
    private Verification.Broken broken;

    /** A verifier of a chain linked under {@code chain}'s key. */
    public ChainVerifier(HashChain chain) {
        this.chain = chain;
    }

    /** Checks the next stored event; false once the chain is broken (later events need not be fed). */
    public boolean accept(AuditEvent event) {
        if (broken != null || !inSequence(event.sequence())) {
            return false;
        }
        long n = event.sequence();
        if (!chain.hashOf(event).equals(event.hash())) {
            return fail(n, Verification.Problem.EDITED, "event " + n + " no longer matches its keyed hash: one of its "
                    + "fields (time, actor, action, recording, details or previous hash) was changed after it was written, "
                    + "or the trail was re-chained without the audit key");
        }
        if (!event.previousHash().equals(lastHash)) {
            return fail(n, Verification.Problem.REORDERED, "event " + n + " does not follow event " + (n - 1)
                    + ": it names a different previous hash, so events were reordered or event " + (n - 1)
                    + " was replaced together with its hash");
        }
        expected = n + 1;
        lastHash = event.hash();
        return true;
    }

    /** Records a stored event that cannot be read back (a column holds a value no gateway writes). */
    public boolean unreadable(long sequence, String why) {
        if (broken != null || !inSequence(sequence)) {
            return false;
        }
        return fail(sequence, Verification.Problem.EDITED, "event " + sequence + " was changed after it was written: "
                + why);
    }

    /** Intact with the count and last hash, or the first break. */
    public Verification result() {
        return broken != null ? broken : new Verification.Intact(expected - 1, lastHash);
    }

    private boolean inSequence(long sequence) {
        if (sequence > expected) {
            String before = expected == 1 ? "the trail starts at " + sequence
                    : "event " + (expected - 1) + " is followed by " + sequence;
            return fail(expected, Verification.Problem.MISSING, "event " + expected + " is missing (" + before
                    + "): it was deleted, or its sequence number was changed");
        }
        if (sequence < expected) {
            return fail(sequence, Verification.Problem.EDITED, "sequence number " + sequence
                    + " is not a valid position (expected " + expected + "): it was changed after it was written");
        }
        return true;
    }

    private boolean fail(long sequence, Verification.Problem problem, String reason) {
        broken = new Verification.Broken(sequence, problem, reason, expected - 1);
        return false;
    }
}
