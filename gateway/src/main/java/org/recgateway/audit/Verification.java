package org.recgateway.audit;

/**
 * The result of checking an audit trail from its first event: intact, or broken at the first
 * sequence number where a hash or link does not hold.
 */
public sealed interface Verification {

    /** True when every event's hash and link held. */
    boolean intact();

    /**
     * Every hash and link held.
     *
     * @param events   how many events were checked
     * @param lastHash the hash of the last event ({@link HashChain#GENESIS} for an empty trail); note it
     *                 somewhere outside the database to detect later that events were cut off the end
     */
    record Intact(long events, String lastHash) implements Verification {
        @Override
        public boolean intact() {
            return true;
        }
    }

    /**
     * The chain breaks at {@code sequence}; the events before it were checked and held.
     *
     * @param sequence the first sequence number that does not hold
     * @param problem  what kind of break it is
     * @param reason   a sentence for the privacy officer: what was found and what it means
     * @param verified how many events before it held
     */
    record Broken(long sequence, Problem problem, String reason, long verified) implements Verification {
        @Override
        public boolean intact() {
            return false;
        }
    }

    /** What kind of break. */
    enum Problem {
        /** The event's fields no longer give its hash, or a field no longer reads: it was changed after it was written. */
        EDITED("edited"),
        /** An event is missing: deleted, or its sequence number changed. */
        MISSING("missing"),
        /** The event is intact in itself but does not follow the one before it: moved, or its predecessor replaced. */
        REORDERED("reordered"),
        /** The trail ends before the checkpointed head: events were cut off its end. */
        TRUNCATED("truncated"),
        /** The event at the checkpointed head carries another hash: the trail was re-chained or replaced from there. */
        RECHAINED("rechained");

        private final String id;

        Problem(String id) {
            this.id = id;
        }

        public String id() {
            return id;
        }
    }
}
