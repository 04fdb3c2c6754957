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
