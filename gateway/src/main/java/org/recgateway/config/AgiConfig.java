package org.recgateway.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The FastAGI server Asterisk connects to. FastAGI has no authentication, hence the allow-list.
 *
 * @param allowedClients IP addresses that may connect; others are closed at once
 * @param maxSessions    the most calls handled at the same time
 * @param maxConnectionsPerClient the most connections one client address may hold at once (sessions and
 *                       connections still sending their header; beyond it the oldest unfinished header is closed)
 * @param headerTimeout  deadline for a new connection's whole AGI request header, from its arrival
 * @param replyTimeout   the longest wait for one AGI reply, e.g. while a notice plays
 */
public record AgiConfig(String bind, int port, List<String> allowedClients, int maxSessions,
                        int maxConnectionsPerClient, Duration headerTimeout, Duration replyTimeout) {
    public AgiConfig {
        allowedClients = List.copyOf(allowedClients);
    }

    static AgiConfig read(Section s) {
        int maxSessions = s.integer("maxSessions", Defaults.AGI_MAX_SESSIONS, 1, 1_000_000);
        AgiConfig config = new AgiConfig(
                Checks.bindAddress(s, Defaults.AGI_BIND),
                s.port("port", Defaults.AGI_PORT),
                allowedClients(s),
                maxSessions,
                s.integer("maxConnectionsPerClient", Defaults.AGI_MAX_CONNECTIONS_PER_CLIENT, 1, 1_000_000),
                s.duration("headerTimeout", Defaults.AGI_HEADER_TIMEOUT),
                s.duration("replyTimeout", Defaults.AGI_REPLY_TIMEOUT));
        if (config.maxConnectionsPerClient() < maxSessions) {
            s.problem("maxConnectionsPerClient", "is " + config.maxConnectionsPerClient() + ", below agi.maxSessions ("
                    + maxSessions + "), so one Asterisk could never use every session; make it at least maxSessions");
        }
        s.finish();
        return config;
    }

    private static List<String> allowedClients(Section s) {
        if (s.node("allowedClients").isEmpty()) {
            return Defaults.AGI_ALLOWED_CLIENTS;
        }
        List<String> clients = new ArrayList<>();
        List<Located> listed = s.texts("allowedClients");
        for (Located client : listed) {
            if (Checks.ipLiteral(client.value()).isPresent()) {
                clients.add(client.value().strip());
            } else {
                s.problems().add(client.line(), client.key(), Problems.show(client.value())
                        + " is not an IP address; list the addresses Asterisk connects from, e.g. 127.0.0.1"
                        + " (host names and networks are not accepted)");
            }
        }
        if (listed.isEmpty() && s.node("allowedClients").get() instanceof YamlNode.Sequence) {
            s.problem("allowedClients", "is empty, so no Asterisk could connect; list at least one address");
        }
        return clients;
    }
}
