package org.recgateway.http;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.util.AttributeKey;

/**
 * Hands each aggregated request to {@link RecordingApi} on the server's executor (the API blocks
 * on the store; the event loop must not) and writes the JSON answer back on the channel.
 */
@ChannelHandler.Sharable
final class HttpApiHandler extends SimpleChannelInboundHandler<FullHttpRequest> {

    private static final Logger LOG = LoggerFactory.getLogger(HttpApiHandler.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AttributeKey<CompletableFuture<Void>> IN_FLIGHT =
            AttributeKey.valueOf(HttpApiHandler.class, "inFlight");

    private final RecordingApi api;
    private final Executor executor;
    private final Clock clock;

    HttpApiHandler(RecordingApi api, Executor executor, Clock clock) {
        this.api = api;
        this.executor = executor;
        this.clock = clock;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        boolean keepAlive = HttpUtil.isKeepAlive(request);
        if (request.decoderResult().isFailure()) {
            respond(ctx, ApiResponse.error(400, "the request is not valid HTTP/1.1"), false);
            return;
        }
        String method = request.method().name();
        String authorization = request.headers().get(HttpHeaderNames.AUTHORIZATION);
        QueryStringDecoder uri = QueryStringDecoder.builder().maxParams(16).semicolonIsNormalChar(true)
                .htmlQueryDecoding(false).build(request.uri());
        String path;
        Map<String, List<String>> parameters;
        try {
            path = uri.rawPath();
            parameters = uri.parameters();
        } catch (IllegalArgumentException e) {
            respond(ctx, ApiResponse.error(400, "the query string is not valid percent-encoded UTF-8"), keepAlive);
            return;
        }
        // Chained per connection: HTTP/1.1 answers pipelined requests in order, and the executor would not.
        CompletableFuture<Void> previous = ctx.channel().attr(IN_FLIGHT).get();
        CompletableFuture<Void> next = (previous == null ? CompletableFuture.<Void>completedFuture(null) : previous)
                .thenRunAsync(() -> respond(ctx, answer(method, path, parameters, authorization), keepAlive), executor)
                .exceptionally(e -> {
                    if (e.getCause() instanceof RejectedExecutionException) {
                        respond(ctx, ApiResponse.error(503, "the API is shutting down; retry against a running gateway"),
                                false);
                    } else {
                        LOG.error("HTTP API response to {} {} failed", method, QueryParameters.printable(path), e);
                        ctx.close();
                    }
                    return null;
                });
        ctx.channel().attr(IN_FLIGHT).set(next);
    }

    private ApiResponse answer(String method, String path, Map<String, List<String>> parameters, String authorization) {
        try {
            return api.handle(method, path, parameters, authorization);
        } catch (RuntimeException e) {
            LOG.error("HTTP API request {} {} failed", method, QueryParameters.printable(path), e);
            return ApiResponse.error(500, "internal error; the gateway log has the details");
        }
    }

    private void respond(ChannelHandlerContext ctx, ApiResponse answer, boolean keepAlive) {
        byte[] body;
        try {
            body = JSON.writeValueAsBytes(answer.body());
        } catch (JsonProcessingException e) {
            LOG.error("could not serialise an HTTP API answer", e);
            answer = ApiResponse.error(500, "internal error; the gateway log has the details");
            body = "{\"error\":\"internal error; the gateway log has the details\"}".getBytes(
                    StandardCharsets.UTF_8);
        }
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                HttpResponseStatus.valueOf(answer.status()), Unpooled.wrappedBuffer(body));
        response.headers()
                .set(HttpHeaderNames.CONTENT_TYPE, "application/json; charset=utf-8")
                .setInt(HttpHeaderNames.CONTENT_LENGTH, body.length)
                .set(HttpHeaderNames.CACHE_CONTROL, "no-store")
                .set("X-Content-Type-Options", "nosniff")
                .set(HttpHeaderNames.DATE, DateTimeFormatter.RFC_1123_DATE_TIME.format(
                        clock.instant().atOffset(ZoneOffset.UTC)));
        answer.headers().forEach(response.headers()::set);
        if (keepAlive) {
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
            ctx.writeAndFlush(response);
        } else {
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.warn("HTTP API connection from {} failed; closing it", ctx.channel().remoteAddress(), cause);
        ctx.close();
    }
}
