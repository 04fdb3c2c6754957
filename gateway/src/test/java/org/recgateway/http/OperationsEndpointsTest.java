package org.recgateway.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recgateway.metrics.MicrometerGatewayMetrics;
import org.recgateway.recording.TestRecordings;
import org.recgateway.store.JdbcRecordingStore;

/** /health/live, /health/ready and /metrics: unauthenticated, over the real server. */
class OperationsEndpointsTest {
    @TempDir
    Path dir;

    private final List<String> problems = new ArrayList<>();
    private final MicrometerGatewayMetrics metrics = MicrometerGatewayMetrics.withPrometheus();
    private JdbcRecordingStore store;
    private HttpApiServer server;
    private int port;

    private HttpResponse<String> get(String path) throws Exception {
        if (server == null) {
            store = JdbcRecordingStore.open(dir.resolve("recordings.db"));
            Clock clock = Clock.fixed(TestRecordings.T0, ZoneOffset.UTC);
            server = new HttpApiServer("127.0.0.1", 0, List.of(), ApiServices.readOnly(store, store.auditTrail(clock), clock),
                    null, HttpApiServer.Limits.DEFAULTS, new Operations() {
                        @Override
                        public List<String> notReady() {
                            return List.copyOf(problems);
                        }

                        @Override
                        public String prometheus() {
                            return metrics.prometheus();
                        }
                    });
            port = server.start();
        }
        try (HttpClient client = HttpClient.newHttpClient()) {
            return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
        }
    }

    @AfterEach
    void stop() {
        server.close();
        store.close();
    }

    @Test
    void readyTurnsNotReadyWithEveryReasonNamedAndBack() throws Exception {
        assertEquals(200, get("/health/ready").statusCode());
        problems.add("prompts-installed: 3 prompt files missing");
        problems.add("ami: not logged in");
        HttpResponse<String> notReady = get("/health/ready");
        assertEquals(503, notReady.statusCode());
        assertTrue(notReady.body().contains("\"not-ready\"") && notReady.body().contains("prompts-installed: 3 prompt files missing")
                && notReady.body().contains("ami: not logged in"), notReady.body());
        assertEquals(200, get("/health/live").statusCode(), "alive while not ready");
        problems.clear();
        assertEquals("{\"status\":\"ready\"}", get("/health/ready").body());
    }

    @Test
    void metricsArePrometheusTextWithTheCounts() throws Exception {
        metrics.recording("filed");
        metrics.recording("filed");
        metrics.sessionStarted().close();
        HttpResponse<String> response = get("/metrics");
        assertEquals(200, response.statusCode());
        assertTrue(response.headers().firstValue("content-type").orElseThrow().startsWith("text/plain; version=0.0.4"));
        assertTrue(response.body().contains("gateway_recordings_total{event=\"filed\"} 2.0"), response.body());
        assertTrue(response.body().contains("gateway_agi_session_time_seconds_count 1"), response.body());
    }
}
