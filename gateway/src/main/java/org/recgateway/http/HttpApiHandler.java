package org.recgateway.http;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
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

import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.LastHttpContent;
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
 * Hands each aggregated request to {@link ApiRouter} on the server's executor (the API blocks
 * on the store; the event loop must not) and writes the answer back on the channel: JSON, a static
 * file, or audio streamed in chunks as it is cut from the recording.
 */
@ChannelHandler.Sharable
final class HttpApiHandler extends SimpleChannelInboundHandler<FullHttpRequest> {

    private static final Logger LOG = LoggerFactory.getLogger(HttpApiHandler.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AttributeKey<CompletableFuture<Void>> IN_FLIGHT =
            AttributeKey.valueOf(HttpApiHandler.class, "inFlight");

    private static final int STREAM_CHUNK = 16 * 1024;

    private final ApiRouter api;
    private final Executor executor;
    private final Clock clock;

    HttpApiHandler(ApiRouter api, Executor executor, Clock clock) {
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
        byte[] body = ByteBufUtil.getBytes(request.content());
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
                .thenRunAsync(() -> respond(ctx, answer(new ApiRequest(method, path, parameters, authorization, body)), keepAlive), executor)
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

    private ApiResponse answer(ApiRequest request) {
        try {
            return api.handle(request);
        } catch (RuntimeException e) {
            LOG.error("HTTP API request {} {} failed", request.method(), QueryParameters.printable(request.path()), e);
            return ApiResponse.error(500, "internal error; the gateway log has the details");
        }
    }

    private void respond(ChannelHandlerContext ctx, ApiResponse answer, boolean keepAlive) {
        if (answer.body() instanceof ApiResponse.Streamed streamed) {
            stream(ctx, answer, streamed, keepAlive);
            return;
        }
        byte[] body;
        String type = "application/json; charset=utf-8";
        try {
            if (answer.body() instanceof ApiResponse.Raw raw) {
                body = raw.bytes();
                type = raw.contentType();
            } else {
                body = JSON.writeValueAsBytes(answer.body());
            }
        } catch (JsonProcessingException e) {
            LOG.error("could not serialise an HTTP API answer", e);
            answer = ApiResponse.error(500, "internal error; the gateway log has the details");
            body = "{\"error\":\"internal error; the gateway log has the details\"}".getBytes(
                    StandardCharsets.UTF_8);
        }
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                HttpResponseStatus.valueOf(answer.status()), Unpooled.wrappedBuffer(body));
        response.headers()
                .set(HttpHeaderNames.CONTENT_TYPE, type)
                .setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
        standardHeaders(response, answer);
        if (keepAlive) {
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
            ctx.writeAndFlush(response);
        } else {
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
        }
    }

    private void standardHeaders(HttpResponse response, ApiResponse answer) {
        response.headers()
                .set(HttpHeaderNames.CACHE_CONTROL, "no-store")
                .set("X-Content-Type-Options", "nosniff")
                .set(HttpHeaderNames.DATE, DateTimeFormatter.RFC_1123_DATE_TIME.format(
                        clock.instant().atOffset(ZoneOffset.UTC)));
        answer.headers().forEach(response.headers()::set);
    }

    /**
     * Sends the status and headers, then the body in chunks as the writer produces it. Runs on the
     * executor's (virtual) thread, which waits for each chunk to be written: a slow client slows the
     * reading of the file, and memory stays at one chunk per request.
     */
    private void stream(ChannelHandlerContext ctx, ApiResponse answer, ApiResponse.Streamed streamed, boolean keepAlive) {
        HttpResponse head = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(answer.status()));
        head.headers().set(HttpHeaderNames.CONTENT_TYPE, streamed.contentType());
        HttpUtil.setTransferEncodingChunked(head, true);
        standardHeaders(head, answer);
        head.headers().set(HttpHeaderNames.CONNECTION, keepAlive ? HttpHeaderValues.KEEP_ALIVE : HttpHeaderValues.CLOSE);
        ctx.writeAndFlush(head);
        try (OutputStream out = new BufferedOutputStream(new ChunkStream(ctx), STREAM_CHUNK)) {
            streamed.writer().writeTo(out);
        } catch (IOException | RuntimeException e) {
            LOG.warn("streaming a response to {} failed; closing the connection: {}", ctx.channel().remoteAddress(),
                    e.toString());
            ctx.close();
            return;
        }
        ChannelFuture done = ctx.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT);
        if (!keepAlive) {
            done.addListener(ChannelFutureListener.CLOSE);
        }
    }

    /** Writes each buffer it is given as one HTTP chunk and waits until it is on the wire. */
    private static final class ChunkStream extends OutputStream {
        private final ChannelHandlerContext ctx;

        ChunkStream(ChannelHandlerContext ctx) {
            this.ctx = ctx;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return;
            }
            ChannelFuture written = ctx.writeAndFlush(new DefaultHttpContent(Unpooled.copiedBuffer(b, off, len)))
                    .awaitUninterruptibly();
            if (!written.isSuccess()) {
                throw new IOException("the client went away: " + written.cause());
            }
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.warn("HTTP API connection from {} failed; closing it", ctx.channel().remoteAddress(), cause);
        ctx.close();
    }
}
