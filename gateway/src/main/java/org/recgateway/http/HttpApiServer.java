package org.recgateway.http;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.recgateway.audit.AuditTrail;
import org.recgateway.recording.RecordingStore;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;

import javax.net.ssl.SSLException;

/**
 * The authenticated JSON API over HTTP: construct, {@link #start()} once, and {@link #close()} on shutdown.
 * Limits: request line {@value #MAX_INITIAL_LINE} bytes, headers {@value #MAX_HEADER_BYTES} bytes, a whole
 * request {@value #MAX_REQUEST_BYTES} bytes (larger: 413), plus the connection cap and the idle and request
 * timeouts of {@link Limits}.
 */
public final class HttpApiServer implements AutoCloseable {

    /** Requests are small (GETs, small JSON bodies); anything bigger is refused with 413 by the aggregator. */
    static final int MAX_REQUEST_BYTES = 64 * 1024;
    static final int MAX_INITIAL_LINE = 4096;
    static final int MAX_HEADER_BYTES = 8192;
    private static final int MAX_CHUNK_BYTES = 8192;

    private final String bind;
    private final int port;
    private final HttpApiHandler handler;
    private final SslContext ssl;
    private final ConnectionGuard guard;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private EventLoopGroup boss;
    private EventLoopGroup workers;
    private Channel channel;
    private boolean closed;

    /**
     * A server for recording metadata and the audit trail only.
     *
     * @param bind   address to listen on, e.g. {@code 127.0.0.1}
     * @param port   TCP port; 0 picks a free one ({@link #start()} returns it)
     * @param tokens the API tokens that are accepted
     * @param store  where recording metadata is read
     * @param audit  where every read is recorded, and what {@code /api/audit} serves
     * @param clock  the time for the Date header and tokens' expiry
     */
    public HttpApiServer(String bind, int port, List<ApiToken> tokens, RecordingStore store, AuditTrail audit,
                         Clock clock) {
        this(bind, port, tokens, ApiServices.readOnly(store, audit, clock), null);
    }

    /**
     * The full API: recordings, audit, tickets, listening windows, the listening page.
     *
     * @param tls the certificate and key to serve HTTPS with, or null for plain HTTP (behind a TLS proxy or on localhost)
     */
    public HttpApiServer(String bind, int port, List<ApiToken> tokens, ApiServices services, Tls tls) {
        this(bind, port, tokens, services, tls, Limits.DEFAULTS, null);
    }

    /**
     * The full API with connection limits.
     *
     * @param limits     how many connections, and how long a connection may stay idle or take to send a request
     * @param operations readiness and Prometheus metrics for {@code /health/ready} and {@code /metrics}, or null
     */
    public HttpApiServer(String bind, int port, List<ApiToken> tokens, ApiServices services, Tls tls, Limits limits,
                         Operations operations) {
        this.guard = new ConnectionGuard(limits.maxConnections(), limits.idleTimeout(), limits.requestTimeout());
        this.bind = Objects.requireNonNull(bind, "bind");
        this.port = port;
        ApiRouter api = new ApiRouter(new Authenticator(tokens, services.clock()), services, operations);
        this.handler = new HttpApiHandler(api, executor, services.clock());
        this.ssl = tls == null ? null : tls.context();
    }

    /**
     * Connection limits (Netty handlers in each connection's pipeline, see {@link ConnectionGuard}).
     *
     * @param maxConnections at most this many open connections; beyond it the oldest connection that is
     *                       not being answered is closed
     * @param idleTimeout    a connection that starts no request for this long is closed
     * @param requestTimeout a request (line, headers and body) must arrive whole within this, from its first byte
     */
    public record Limits(int maxConnections, java.time.Duration idleTimeout, java.time.Duration requestTimeout) {
        /** 1,000 connections, 60 s idle, 10 s per request. */
        public static final Limits DEFAULTS = new Limits(1_000, java.time.Duration.ofSeconds(60), java.time.Duration.ofSeconds(10));
    }

    /**
     * HTTPS: PEM files of the server's certificate chain and its (PKCS#8) private key.
     *
     * @param certificate the certificate chain, PEM
     * @param privateKey  the unencrypted private key, PEM (PKCS#8)
     */
    public record Tls(Path certificate, Path privateKey) {
        public Tls {
            Objects.requireNonNull(certificate, "certificate");
            Objects.requireNonNull(privateKey, "privateKey");
        }

        SslContext context() {
            try {
                return SslContextBuilder.forServer(certificate.toFile(), privateKey.toFile()).build();
            } catch (SSLException | IllegalArgumentException e) {
                throw new IllegalStateException("cannot use " + certificate + " and " + privateKey + " for HTTPS: "
                        + e.getMessage() + "; give a PEM certificate chain and its PKCS#8 PEM private key", e);
            }
        }
    }

    /** Binds and starts serving; returns the port actually bound. Fails if the address cannot be bound. */
    public synchronized int start() {
        if (closed) {
            throw new IllegalStateException("this HTTP API server was closed; create a new one");
        }
        if (channel != null) {
            throw new IllegalStateException("the HTTP API is already listening on " + channel.localAddress());
        }
        boss = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        workers = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
        ChannelFuture bound = new ServerBootstrap()
                .group(boss, workers)
                .channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(guard.front());
                        if (ssl != null) {
                            ch.pipeline().addLast(ssl.newHandler(ch.alloc()));
                        }
                        ch.pipeline()
                                .addLast(new HttpServerCodec(MAX_INITIAL_LINE, MAX_HEADER_BYTES, MAX_CHUNK_BYTES))
                                .addLast(new HttpObjectAggregator(MAX_REQUEST_BYTES))
                                .addLast(guard.back())
                                .addLast(handler);
                    }
                })
                .bind(bind, port)
                .awaitUninterruptibly();
        if (!bound.isSuccess()) {
            shutdownGroups();
            throw new IllegalStateException("the HTTP API cannot listen on " + bind + ":" + port + ": "
                    + bound.cause().getMessage() + "; check http bind/port and that no other process uses the port",
                    bound.cause());
        }
        channel = bound.channel();
        return ((InetSocketAddress) channel.localAddress()).getPort();
    }

    /** Connections open now (for health and tests). */
    public int openConnections() {
        return guard.open();
    }

    /** Stops listening, lets running requests finish briefly, and releases the threads. */
    @Override
    public synchronized void close() {
        closed = true;
        if (channel != null) {
            channel.close().awaitUninterruptibly();
            channel = null;
        }
        shutdownGroups();
        executor.shutdown();
        try {
            if (!executor.awaitTermination(5, TimeUnit.SECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    private void shutdownGroups() {
        if (boss != null) {
            boss.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly();
            workers.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly();
            boss = null;
            workers = null;
        }
    }
}
