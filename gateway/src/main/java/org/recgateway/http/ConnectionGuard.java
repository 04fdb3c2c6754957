package org.recgateway.http;

import java.time.Duration;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import io.netty.channel.Channel;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.LastHttpContent;

/**
 * Connection limits for the HTTP API, as Netty handlers. Each connection is <em>idle</em> (between
 * requests: it must start its next request within the idle timeout), <em>reading</em> (the first
 * bytes of a request arrived: the whole request must arrive within the request timeout, however
 * slowly it drips) or <em>busy</em> (the request is being answered: no timer). At most
 * {@code maxConnections} are open; a new connection beyond that closes the oldest idle or reading
 * one, and is refused only when every connection is busy. So idle connections cannot lock out a
 * client with a real request. Thread-safe: the registry is shared by all connections.
 */
final class ConnectionGuard {
    private final int maxConnections;
    private final Duration idleTimeout;
    private final Duration requestTimeout;
    private final Set<Channel> waiting = new LinkedHashSet<>();
    private final Set<Channel> busy = Collections.newSetFromMap(new IdentityHashMap<>());

    ConnectionGuard(int maxConnections, Duration idleTimeout, Duration requestTimeout) {
        if (maxConnections < 1) {
            throw new IllegalArgumentException("maxConnections must be at least 1, got " + maxConnections);
        }
        this.maxConnections = maxConnections;
        this.idleTimeout = idleTimeout;
        this.requestTimeout = requestTimeout;
    }

    /** The handler for the front of a connection's pipeline (sees raw bytes). */
    ChannelInboundHandlerAdapter front() {
        return new Front();
    }

    /** The handler after the request aggregator (sees whole requests and the responses written). */
    ChannelDuplexHandler back() {
        return new Back();
    }

    /** Open connections now. */
    synchronized int open() {
        return waiting.size() + busy.size();
    }

    private synchronized Channel admit(Channel channel) {
        if (waiting.size() + busy.size() < maxConnections) {
            waiting.add(channel);
            return null;
        }
        Iterator<Channel> oldest = waiting.iterator();
        if (!oldest.hasNext()) {
            return channel;
        }
        Channel evicted = oldest.next();
        oldest.remove();
        waiting.add(channel);
        return evicted;
    }

    private synchronized void busy(Channel channel) {
        if (waiting.remove(channel)) {
            busy.add(channel);
        }
    }

    private synchronized void waiting(Channel channel) {
        if (busy.remove(channel)) {
            waiting.add(channel);
        }
    }

    private synchronized void closed(Channel channel) {
        waiting.remove(channel);
        busy.remove(channel);
    }

    /** Per-connection state; only touched on the connection's event loop. */
    private static final class State {
        boolean reading;
        ScheduledFuture<?> timer;

        void arm(ChannelHandlerContext ctx, Duration after) {
            cancel();
            timer = ctx.executor().schedule(() -> {
                ctx.channel().close();
            }, after.toMillis(), TimeUnit.MILLISECONDS);
        }

        void cancel() {
            if (timer != null) {
                timer.cancel(false);
                timer = null;
            }
        }
    }

    private static final io.netty.util.AttributeKey<State> STATE = io.netty.util.AttributeKey.valueOf("recgateway.connection");

    private final class Front extends ChannelInboundHandlerAdapter {
        @Override
        public void channelActive(ChannelHandlerContext ctx) throws Exception {
            Channel evicted = admit(ctx.channel());
            if (evicted == ctx.channel()) {
                ctx.close();
                return;
            }
            if (evicted != null) {
                evicted.close();
            }
            State state = new State();
            ctx.channel().attr(STATE).set(state);
            state.arm(ctx, idleTimeout);
            super.channelActive(ctx);
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
            State state = ctx.channel().attr(STATE).get();
            if (state != null && !state.reading && state.timer != null) {
                state.reading = true;
                state.arm(ctx, requestTimeout);
            }
            super.channelRead(ctx, msg);
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) throws Exception {
            State state = ctx.channel().attr(STATE).get();
            if (state != null) {
                state.cancel();
            }
            closed(ctx.channel());
            super.channelInactive(ctx);
        }
    }

    private final class Back extends ChannelDuplexHandler {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
            if (msg instanceof FullHttpRequest) {
                State state = ctx.channel().attr(STATE).get();
                if (state != null) {
                    state.cancel();
                    state.reading = true;
                }
                busy(ctx.channel());
            }
            super.channelRead(ctx, msg);
        }

        @Override
        public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) throws Exception {
            if (msg instanceof LastHttpContent) {
                promise = promise.unvoid();
                promise.addListener(done -> {
                    State state = ctx.channel().attr(STATE).get();
                    if (state != null && ctx.channel().isActive()) {
                        state.reading = false;
                        state.arm(ctx, idleTimeout);
                        waiting(ctx.channel());
                    }
                });
            }
            super.write(ctx, msg, promise);
        }
    }
}
