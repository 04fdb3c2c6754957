package org.recgateway.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recgateway.recording.TestRecordings;
import org.recgateway.store.JdbcRecordingStore;

/** Connections that idle, drip or flood the HTTP API: the limits close them, a real request is answered. */
class HttpLimitsTest {
    private static final String ADMIN = ApiTokens.newToken();

    @TempDir
    Path dir;

    private JdbcRecordingStore store;
    private HttpApiServer server;
    private final List<Socket> sockets = new ArrayList<>();

    private int start(HttpApiServer.Limits limits) {
        store = JdbcRecordingStore.open(dir.resolve("recordings.db"));
        Clock clock = Clock.fixed(TestRecordings.T0, ZoneOffset.UTC);
        server = new HttpApiServer("127.0.0.1", 0, List.of(new ApiToken("admin", "administrator", ApiTokens.sha256Hex(ADMIN))),
                ApiServices.readOnly(store, store.auditTrail(clock), clock), null, limits, null);
        return server.start();
    }

    @AfterEach
    void stop() throws IOException {
        for (Socket s : sockets) {
            s.close();
        }
        server.close();
        store.close();
    }

    private Socket open(int port) throws IOException {
        Socket s = new Socket("127.0.0.1", port);
        sockets.add(s);
        return s;
    }

    private static int get(int port, String path) throws Exception {
        try (HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .header("Authorization", "Bearer " + ADMIN).timeout(Duration.ofSeconds(10)).GET().build();
            return client.send(request, HttpResponse.BodyHandlers.ofString()).statusCode();
        }
    }

    @Test
    void idleConnectionsBeyondTheCapDoNotStopTheApiAnsweringAGoodRequest() throws Exception {
        int port = start(new HttpApiServer.Limits(20, Duration.ofMinutes(5), Duration.ofMinutes(5)));
        for (int i = 0; i < 200; i++) {
            open(port);
        }
        Thread.sleep(300);
        assertEquals(200, get(port, "/api/recordings"));
        assertTrue(server.openConnections() <= 20, "open connections: " + server.openConnections());
    }

    @Test
    void aConnectionThatSendsNothingIsClosedAtTheIdleTimeout() throws Exception {
        int port = start(new HttpApiServer.Limits(100, Duration.ofMillis(500), Duration.ofMinutes(5)));
        Socket idle = open(port);
        long closedAfter = closedWithin(idle, Duration.ofSeconds(8));
        assertTrue(closedAfter >= 400, "closed after " + closedAfter + " ms");
    }

    @Test
    void aRequestDrippedByteByByteIsClosedAtTheRequestTimeoutThoughBytesKeepComing() throws Exception {
        int port = start(new HttpApiServer.Limits(100, Duration.ofMinutes(5), Duration.ofMillis(800)));
        Socket slow = open(port);
        slow.setSoTimeout(100);
        OutputStream out = slow.getOutputStream();
        InputStream in = slow.getInputStream();
        byte[] request = "GET /api/recordings HTTP/1.1\r\nHost: x\r\nX-Padding: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
                .getBytes(StandardCharsets.US_ASCII);
        long start = System.nanoTime();
        boolean closed = false;
        for (int i = 0; i < request.length && !closed; i++) {
            try {
                out.write(request[i]);
                out.flush();
                closed = in.read() < 0;
            } catch (SocketTimeoutException stillOpen) {
                // expected between bytes
            } catch (IOException reset) {
                closed = true;
            }
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(closed, "still open after dripping the whole request for " + millis + " ms");
        assertTrue(millis >= 700, "closed after " + millis + " ms");
    }

    @Test
    void aConnectionBetweenRequestsIsKeptForTheNextRequestWithinTheIdleTimeout() throws Exception {
        int port = start(new HttpApiServer.Limits(100, Duration.ofSeconds(30), Duration.ofSeconds(30)));
        try (HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
            for (int i = 0; i < 3; i++) {
                HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/recordings"))
                        .header("Authorization", "Bearer " + ADMIN).GET().build();
                assertEquals(200, client.send(request, HttpResponse.BodyHandlers.ofString()).statusCode());
            }
        }
        assertTrue(server.openConnections() <= 1, "keep-alive reused one connection: " + server.openConnections());
    }

    private static long closedWithin(Socket socket, Duration limit) throws IOException {
        socket.setSoTimeout((int) limit.toMillis());
        long start = System.nanoTime();
        try {
            int read = socket.getInputStream().read();
            assertEquals(-1, read, "the server closed the connection");
        } catch (SocketTimeoutException e) {
            throw new AssertionError("still open after " + limit.toMillis() + " ms");
        } catch (IOException reset) {
            // closed
        }
        return (System.nanoTime() - start) / 1_000_000;
    }
}
