package org.recgateway.config;

import java.util.Optional;

/**
 * How many file descriptors a configuration may hold at once, so the process limit
 * ({@code LimitNOFILE} in the systemd unit, {@code ulimit -n} elsewhere) can be set from it:
 * every allowed FastAGI client address may hold {@code max(agi.maxSessions, agi.maxConnectionsPerClient)}
 * sockets (running sessions, sessions answered {@code gateway-busy}, headers still arriving), the HTTP
 * API {@code http.maxConnections}, and a fixed {@value #RESERVE} for everything else (the store's
 * database, WAL and shared-memory files on two connections, the jars, the AMI socket, log output, the
 * recording files being hashed or sealed while they are filed). Running out of descriptors does not
 * lose a call (accept backs off and Asterisk sees the connection fail, BENCHMARKS.md), but
 * calls are then not recorded.
 *
 * @param agiSockets  the most FastAGI sockets
 * @param httpSockets the most HTTP sockets (0 when HTTP is off)
 */
public record DescriptorBudget(long agiSockets, long httpSockets) {
    /** Descriptors kept for everything but client sockets. */
    public static final long RESERVE = 1024;

    /** The budget of {@code config}. */
    public static DescriptorBudget of(GatewayConfig config) {
        AgiConfig agi = config.agi();
        long perClient = Math.max(agi.maxSessions(), agi.maxConnectionsPerClient());
        return new DescriptorBudget(perClient * Math.max(1, agi.allowedClients().size()),
                config.http().enabled() ? config.http().maxConnections() : 0);
    }

    /** All descriptors the configuration may hold. */
    public long total() {
        return agiSockets + httpSockets + RESERVE;
    }

    /**
     * What is wrong with a process limit of {@code limit} descriptors for this budget, or empty when it suffices.
     *
     * @param limit the process's open-file limit (negative: unknown, then nothing is said)
     */
    public Optional<String> shortOf(long limit) {
        if (limit < 0 || limit >= total()) {
            return Optional.empty();
        }
        return Optional.of("the open-file limit is " + limit + " but this configuration may hold " + total()
                + " descriptors (" + agiSockets + " FastAGI sockets: allowed clients x max(agi.maxSessions, "
                + "agi.maxConnectionsPerClient); " + httpSockets + " HTTP; " + RESERVE + " for store, jars, AMI, logs and "
                + "filings); beyond the limit new calls go unrecorded. Raise LimitNOFILE in the systemd unit (or ulimit -n) "
                + "to at least " + total() + ", or lower agi.maxSessions / agi.maxConnectionsPerClient");
    }
}
