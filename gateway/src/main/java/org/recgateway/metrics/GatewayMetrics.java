package org.recgateway.metrics;

/**
 * What the gateway counts, behind one small interface so that only this package knows Micrometer.
 * Tags have few values: never call ids or phone numbers.
 */
public interface GatewayMetrics {

    /** A FastAGI session started; the returned handle ends it. */
    AutoCloseable sessionStarted();

    /** A FastAGI connection was refused: {@code reason} is {@code busy} or {@code not-allowed}. */
    void sessionRefused(String reason);

    /** A FastAGI session ended on bad input (oversized, garbage, half-sent). */
    void sessionBroken(String reason);

    /** The policy decided: {@code outcome} is {@code record} or {@code do-not-record}. */
    void decision(String outcome, String purpose);

    /** A notice finished playing; {@code toEnd} false when the caller hung up or it was cut short. */
    void notice(boolean toEnd);

    /** A recording changed state: {@code started}, {@code filed}, {@code missing}, {@code quarantined}, {@code start-failed}. */
    void recording(String event);

    /**
     * What {@code AGI(record)} told the dialplan: {@code status} {@code recording} or {@code not-recorded}, and the
     * {@code RECORDING_REASON} value ({@code none} when empty).
     */
    default void call(String status, String reason) { }

    /** A caller answered a consent question: given or declined. */
    default void consent(boolean given) { }

    /** A caller objected: {@code during} is {@code notice}, {@code offer} or {@code call}. */
    default void objection(String during) { }

    /**
     * A diagnostic recording was switched: {@code outcome} is {@code started}, {@code refused} or {@code stopped}; or a
     * slot reserved for one was given back unconfirmed when its hold ended: {@code reservation-expired}; or a confirmed
     * slot whose recording was never stored was given back: {@code never-stored}.
     */
    default void diagnosticSwitch(String outcome) { }

    /** A provider asked to play (or view) a diagnostic segment: {@code outcome} is {@code served} or {@code refused}. */
    default void play(String outcome) { }

    /** A recording's audio was deleted; {@code reason} is its end reason, e.g. {@code objection}, {@code retention}. */
    default void deletion(String reason) { }

    /**
     * An AMI event reached the gateway: {@code event} is its type as the AMI adapter names it (e.g. {@code Hangup},
     * {@code BridgeEnter}; one value per event type, never a call's data). Shows whether the AMI user's event filter
     * keeps out the events the gateway does not use.
     */
    default void amiEvent(String event) { }

    /** How long the policy took to decide for one call, in nanoseconds. */
    default void policyDecisionTime(long nanos) { }

    /** How long one store transaction took from BEGIN to COMMIT (or failure), in nanoseconds. */
    default void storeCommitTime(long nanos, boolean committed) { }

    /**
     * A write the gateway did not wait for failed, so what it held is not stored: {@code write} is
     * {@code audit-append} (an audit event, e.g. {@code recording-started}) or {@code mixmonitor-id}. Each is also
     * logged at ERROR with what to do.
     */
    default void writeFailed(String write) { }

    /** Does nothing; for tests and tools that do not measure. */
    GatewayMetrics NOOP = new GatewayMetrics() {
        @Override
        public AutoCloseable sessionStarted() {
            return () -> { };
        }

        @Override
        public void sessionRefused(String reason) { }

        @Override
        public void sessionBroken(String reason) { }

        @Override
        public void decision(String outcome, String purpose) { }

        @Override
        public void notice(boolean toEnd) { }

        @Override
        public void recording(String event) { }
    };
}
