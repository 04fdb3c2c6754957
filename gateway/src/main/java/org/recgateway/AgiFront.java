package org.recgateway;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import com.sun.management.UnixOperatingSystemMXBean;

import org.recgateway.agi.FastAgiServer;
import org.recgateway.agi.GatewayScripts;
import org.recgateway.config.AgiConfig;
import org.recgateway.config.AmiConfig;
import org.recgateway.config.DescriptorBudget;
import org.recgateway.metrics.GatewayMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The FastAGI server as the configuration asks for it: its address, allowed clients and limits. */
final class AgiFront {
    private static final Logger LOG = LoggerFactory.getLogger(AgiFront.class);

    private AgiFront() {
    }

    /**
     * Starts the FastAGI server running {@code scripts} (added to {@code resources} to be closed at stop) and
     * returns its port.
     *
     * @throws IOException when an allowed client's name does not resolve or the port cannot be bound
     */
    static int start(AgiConfig agi, GatewayScripts scripts, GatewayMetrics metrics, List<AutoCloseable> resources)
            throws IOException {
        Set<InetAddress> allowed = new LinkedHashSet<>();
        for (String client : agi.allowedClients()) {
            allowed.add(InetAddress.getByName(client));
        }
        FastAgiServer server = new FastAgiServer(new InetSocketAddress(agi.bind(), agi.port()), allowed,
                agi.maxSessions(), agi.maxConnectionsPerClient(), agi.headerTimeout(), agi.replyTimeout(),
                scripts, GatewayScripts.busy(), metrics);
        resources.add(server);
        return server.start();
    }

    /** Logs the open-file limit against what the configuration may hold, and warns when it is too low. */
    static void checkDescriptors(DescriptorBudget budget) {
        long limit = ManagementFactory.getOperatingSystemMXBean() instanceof UnixOperatingSystemMXBean unix
                ? unix.getMaxFileDescriptorCount() : -1;
        budget.shortOf(limit).ifPresentOrElse(problem -> LOG.warn("{}", problem),
                () -> LOG.info("open-file limit {}; this configuration may hold up to {} descriptors", limit, budget.total()));
    }

    /**
     * The Asterisk server a FastAGI peer address belongs to: the only server for every peer; with several, the one whose
     * {@code fastAgiFrom} lists the address, or null when none does (such an address is refused in {@code agi.allowedClients}
     * at load time, so no session from it is accepted; the feature codes refuse a null server too).
     *
     * @throws IllegalStateException when a {@code fastAgiFrom} entry is not an IP address
     */
    static Function<InetAddress, String> servers(AmiConfig ami) {
        if (ami.servers().size() == 1) {
            String only = ami.servers().getFirst().name();
            return peer -> only;
        }
        Map<String, String> byAddress = new HashMap<>();
        for (AmiConfig.Server server : ami.servers()) {
            for (String address : server.fastAgiFrom()) {
                try {
                    byAddress.put(InetAddress.getByName(address).getHostAddress(), server.name());
                } catch (IOException e) {
                    throw new IllegalStateException("ami.servers: " + address + " is not an IP address", e);
                }
            }
        }
        return peer -> byAddress.get(peer.getHostAddress());
    }
}
