package org.recgateway.agi;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;

import org.asteriskjava.fastagi.MappingStrategy;
import org.asteriskjava.fastagi.internal.FastAgiConnectionHandler;
import org.recgateway.metrics.GatewayMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The FastAGI listener. asterisk-java parses requests and replies; this class owns the sockets and
 * threads, because asterisk-java's own server closes a connection silently when its pool is full
 * and Asterisk then reports success. Here every session runs on a virtual thread (a session mostly
 * waits while a notice plays), at most {@code maxSessions} at once; a session beyond that is still
 * answered, told {@code RECORDING_STATUS=not-recorded} with reason {@code gateway-busy}, and counted.
 * Connections from addresses outside the allow-list are closed at once and counted: FastAGI has no
 * authentication of its own. A connection takes a session slot only once its whole request header
 * arrived within the header deadline; until then it costs a virtual thread and counts against its
 * address's connection cap ({@link PeerConnections}). When {@code accept} fails (e.g. out of file
 * descriptors) the loop waits, doubling from {@value #MIN_BACKOFF_MILLIS} ms to
 * {@value #MAX_BACKOFF_MILLIS} ms, and logs once per run of failures instead of spinning.
 */
public final class FastAgiServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(FastAgiServer.class);
    static final long MIN_BACKOFF_MILLIS = 5;
    static final long MAX_BACKOFF_MILLIS = 1_000;
    /** How long {@link #close()} lets running sessions finish (systemd's TimeoutStopSec is 60 s). */
    static final Duration DRAIN = Duration.ofSeconds(20);

    private final InetSocketAddress bindAddress;
    private final Set<InetAddress> allowedClients;
    private final Semaphore capacity;
    private final int maxSessions;
    private final Duration headerTimeout;
    private final Duration replyTimeout;
    private final MappingStrategy scripts;
    private final MappingStrategy busy;
    private final GatewayMetrics metrics;
    private final PeerConnections peers;
    private final java.util.function.Supplier<ServerSocket> serverSockets;
    private final Throttle refusals = new Throttle(Duration.ofSeconds(1));
    private final Throttle broken = new Throttle(Duration.ofSeconds(1));
    private final ExecutorService sessions = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("agi-session-", 0).factory());
    private volatile ServerSocket serverSocket;
    private Thread acceptor;

    /**
     * @param maxConnectionsPerClient the most connections one peer address may hold (running sessions
     *                                and connections still sending their header)
     * @param headerTimeout           deadline for a connection's whole request header, from its arrival
     * @param replyTimeout            the longest wait for one AGI reply once the header is in
     */
    public FastAgiServer(InetSocketAddress bindAddress, Set<InetAddress> allowedClients, int maxSessions,
                         int maxConnectionsPerClient, Duration headerTimeout, Duration replyTimeout,
                         MappingStrategy scripts, MappingStrategy busy, GatewayMetrics metrics) {
        this(bindAddress, allowedClients, maxSessions, maxConnectionsPerClient, headerTimeout, replyTimeout, scripts, busy,
                metrics, FastAgiServer::newServerSocket);
    }

    FastAgiServer(InetSocketAddress bindAddress, Set<InetAddress> allowedClients, int maxSessions,
                  int maxConnectionsPerClient, Duration headerTimeout, Duration replyTimeout, MappingStrategy scripts,
                  MappingStrategy busy, GatewayMetrics metrics, java.util.function.Supplier<ServerSocket> serverSockets) {
        this.peers = new PeerConnections(maxConnectionsPerClient);
        this.serverSockets = serverSockets;
        this.bindAddress = bindAddress;
        this.allowedClients = Set.copyOf(allowedClients);
        this.capacity = new Semaphore(maxSessions);
        this.maxSessions = maxSessions;
        this.headerTimeout = headerTimeout;
        this.replyTimeout = replyTimeout;
        this.scripts = scripts;
        this.busy = busy;
        this.metrics = metrics;
    }

    /** Binds and starts accepting; returns the bound port (useful when configured as 0). */
    public int start() throws IOException {
        ServerSocket socket = serverSockets.get();
        socket.setReuseAddress(true);
        socket.bind(bindAddress, 4096);
        serverSocket = socket;
        acceptor = Thread.ofPlatform().name("agi-accept").daemon(false).start(this::acceptLoop);
        LOG.info("FastAGI listening on {}:{}, at most {} concurrent sessions, clients allowed from {}",
                bindAddress.getHostString(), socket.getLocalPort(), capacity.availablePermits(), allowedClients);
        return socket.getLocalPort();
    }

    private void acceptLoop() {
        ServerSocket server = serverSocket;
        long backoffMillis = 0;
        long failures = 0;
        while (!server.isClosed()) {
            Socket socket;
            try {
                socket = server.accept();
            } catch (IOException e) {
                if (server.isClosed()) {
                    return;
                }
                failures++;
                backoffMillis = backoffMillis == 0 ? MIN_BACKOFF_MILLIS : Math.min(MAX_BACKOFF_MILLIS, backoffMillis * 2);
                if (failures == 1) {
                    LOG.warn("FastAGI accept failed: {}; retrying with backoff up to {} ms (out of file descriptors? "
                            + "raise LimitNOFILE or lower agi.maxConnectionsPerClient)", e.getMessage(), MAX_BACKOFF_MILLIS);
                }
                sleep(backoffMillis);
                continue;
            }
            if (failures > 0) {
                LOG.info("FastAGI accepting again after {} failed accepts", failures);
                failures = 0;
                backoffMillis = 0;
            }
            dispatch(socket);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void dispatch(Socket socket) {
        if (!allowedClients.contains(socket.getInetAddress())) {
            metrics.sessionRefused("not-allowed");
            long held = refusals.pass();
            if (held >= 0) {
                LOG.warn("refused a FastAGI connection from {}: not in agi.allowedClients{}",
                        socket.getInetAddress().getHostAddress(), more(held));
            }
            closeQuietly(socket);
            return;
        }
        PeerConnections.Admission admission = peers.admit(socket);
        if (!admission.admitted()) {
            metrics.sessionRefused("client-cap");
            long held = refusals.pass();
            if (held >= 0) {
                LOG.warn("refused a FastAGI connection from {}: it already runs agi.maxConnectionsPerClient sessions{}",
                        socket.getInetAddress().getHostAddress(), more(held));
            }
            closeQuietly(socket);
            return;
        }
        if (admission.evicted() != null) {
            metrics.sessionRefused("crowded-out");
            closeQuietly(admission.evicted());
        }
        sessions.execute(() -> {
            try {
                serve(socket);
            } finally {
                peers.closed(socket);
            }
        });
    }

    private void serve(Socket socket) {
        try {
            BoundedAgiConnection connection = new BoundedAgiConnection(socket, headerTimeout, replyTimeout);
            try {
                connection.readHeader();
            } catch (IOException e) {
                BoundedAgiConnection.AgiInputException failure = connection.failure();
                metrics.sessionBroken(failure == null ? "half-sent" : failure.kind);
                long held = broken.pass();
                if (held >= 0) {
                    LOG.warn("ended a FastAGI connection from {} before any script ran: {}{}",
                            socket.getInetAddress().getHostAddress(), e.getMessage(), more(held));
                }
                return;
            }
            peers.headerDone(socket);
            if (capacity.tryAcquire()) {
                try {
                    run(socket, connection, scripts);
                } finally {
                    capacity.release();
                }
            } else {
                metrics.sessionRefused("busy");
                LOG.warn("FastAGI at capacity: the call from {} goes on unrecorded (RECORDING_STATUS=not-recorded, reason gateway-busy)",
                        socket.getInetAddress().getHostAddress());
                run(socket, connection, busy);
            }
        } catch (Exception e) {
            LOG.warn("FastAGI session from {} failed: {}", socket.getInetAddress().getHostAddress(), e.toString());
        } finally {
            closeQuietly(socket);
        }
    }

    private void run(Socket socket, BoundedAgiConnection connection, MappingStrategy mapping) throws Exception {
        try (AutoCloseable session = metrics.sessionStarted()) {
            new FastAgiConnectionHandler(mapping, connection, SessionChannel.FACTORY).run();
            BoundedAgiConnection.AgiInputException failure = connection.failure();
            if (failure != null) {
                metrics.sessionBroken(failure.kind);
                LOG.warn("ended a FastAGI session from {}: {}", socket.getInetAddress().getHostAddress(), failure.getMessage());
            }
        }
    }

    private static String more(long held) {
        return held > 0 ? " (and " + held + " more like it since the last such line)" : "";
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // nothing left to do with a socket that cannot close
        }
    }

    private static ServerSocket newServerSocket() {
        try {
            return new ServerSocket();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws Exception {
        drain(DRAIN);
    }

    /**
     * Graceful stop: stops accepting at once, lets running sessions finish for up to {@code limit}
     * (a notice playing ends, the recording starts and is reported to the dialplan), then ends the
     * rest and says how many there were.
     *
     * @return how many sessions were still running at the limit
     */
    public int drain(Duration limit) throws Exception {
        ServerSocket socket = serverSocket;
        if (socket != null) {
            socket.close();
        }
        if (acceptor != null) {
            acceptor.join(5_000);
        }
        sessions.shutdown();
        int running = capacityInUse();
        if (running > 0) {
            LOG.info("FastAGI stopped accepting; waiting up to {} s for {} running sessions", limit.toSeconds(), running);
        }
        if (!sessions.awaitTermination(limit.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
            int left = capacityInUse();
            LOG.warn("{} FastAGI sessions still running after {} s are ended now; their calls go on unrecorded"
                    + " or are filed from AMI events", left, limit.toSeconds());
            sessions.shutdownNow();
            return left;
        }
        return 0;
    }

    private int capacityInUse() {
        return maxSessions - capacity.availablePermits();
    }
}
