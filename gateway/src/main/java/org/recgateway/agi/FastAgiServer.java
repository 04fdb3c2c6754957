package org.recgateway.agi;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;

import org.asteriskjava.fastagi.MappingStrategy;
import org.asteriskjava.fastagi.internal.DefaultAgiChannelFactory;
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
 * authentication of its own.
 */
public final class FastAgiServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(FastAgiServer.class);

    private final InetSocketAddress bindAddress;
    private final Set<InetAddress> allowedClients;
    private final Semaphore capacity;
    private final Duration headerTimeout;
    private final Duration replyTimeout;
    private final MappingStrategy scripts;
    private final MappingStrategy busy;
    private final GatewayMetrics metrics;
    private final ExecutorService sessions = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("agi-session-", 0).factory());
    private volatile ServerSocket serverSocket;
    private Thread acceptor;

    public FastAgiServer(InetSocketAddress bindAddress, Set<InetAddress> allowedClients, int maxSessions,
                         Duration headerTimeout, Duration replyTimeout, MappingStrategy scripts,
                         MappingStrategy busy, GatewayMetrics metrics) {
        this.bindAddress = bindAddress;
        this.allowedClients = Set.copyOf(allowedClients);
        this.capacity = new Semaphore(maxSessions);
        this.headerTimeout = headerTimeout;
        this.replyTimeout = replyTimeout;
        this.scripts = scripts;
        this.busy = busy;
        this.metrics = metrics;
    }

    /** Binds and starts accepting; returns the bound port (useful when configured as 0). */
    public int start() throws IOException {
        ServerSocket socket = new ServerSocket();
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
        while (!server.isClosed()) {
            Socket socket;
            try {
                socket = server.accept();
            } catch (SocketException closed) {
                return;
            } catch (IOException e) {
                LOG.warn("FastAGI accept failed: {}", e.getMessage());
                continue;
            }
            dispatch(socket);
        }
    }

    private void dispatch(Socket socket) {
        if (!allowedClients.contains(socket.getInetAddress())) {
            metrics.sessionRefused("not-allowed");
            LOG.warn("refused a FastAGI connection from {}: not in agi.allowedClients", socket.getInetAddress().getHostAddress());
            closeQuietly(socket);
            return;
        }
        if (capacity.tryAcquire()) {
            sessions.execute(() -> {
                try {
                    serve(socket, scripts);
                } finally {
                    capacity.release();
                }
            });
        } else {
            metrics.sessionRefused("busy");
            LOG.warn("FastAGI at capacity: the call from {} goes on unrecorded (RECORDING_STATUS=not-recorded, reason gateway-busy)",
                    socket.getInetAddress().getHostAddress());
            sessions.execute(() -> serve(socket, busy));
        }
    }

    private void serve(Socket socket, MappingStrategy mapping) {
        try (AutoCloseable session = metrics.sessionStarted()) {
            BoundedAgiConnection connection = new BoundedAgiConnection(socket, headerTimeout, replyTimeout);
            new FastAgiConnectionHandler(mapping, connection, new DefaultAgiChannelFactory()).run();
            BoundedAgiConnection.AgiInputException failure = connection.failure();
            if (failure != null) {
                metrics.sessionBroken(failure.kind);
                LOG.warn("ended a FastAGI session from {}: {}", socket.getInetAddress().getHostAddress(), failure.getMessage());
            }
        } catch (Exception e) {
            LOG.warn("FastAGI session from {} failed: {}", socket.getInetAddress().getHostAddress(), e.toString());
        } finally {
            closeQuietly(socket);
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // nothing left to do with a socket that cannot close
        }
    }

    @Override
    public void close() throws Exception {
        ServerSocket socket = serverSocket;
        if (socket != null) {
            socket.close();
        }
        if (acceptor != null) {
            acceptor.join(5_000);
        }
        sessions.shutdown();
    }
}
