package org.recgateway.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.recgateway.recording.Recording;
import org.recgateway.recording.RecordingStatus;
import org.recgateway.testing.AsteriskRig;
import org.recgateway.testing.GatewayRig;
import org.recgateway.testing.SippCall;

/**
 * What an operator's monitoring sees during real calls: /metrics scraped during and after a SIPp call
 * through Asterisk 22, and /health/ready while Asterisk lacks a prompt and once it is back.
 */
class OperationsIT {
    private static final String CALLER = "0660000001";
    private static GatewayRig rig;

    @BeforeAll
    static void start() throws Exception {
        rig = GatewayRig.start("operations", AgentStopsRecordingIT.POLICY);
    }

    @AfterAll
    static void stop() throws Exception {
        if (rig != null) {
            rig.close();
        }
    }

    private static HttpResponse<String> get(String path) throws Exception {
        try (HttpClient client = HttpClient.newHttpClient()) {
            return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + GatewayRig.HTTP_PORT + path)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
        }
    }

    private static double metric(String text, String series) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(series) + " ([0-9.eE+-]+)$").matcher(text);
        return m.find() ? Double.parseDouble(m.group(1)) : 0.0;
    }

    @Test
    void metricsScrapedDuringARealCallCountWhatHappened() throws Exception {
        String before = get("/metrics").body();
        long beforeRecording = rig.millis("notice-quality-will", "nl") + rig.millis("question-objection", "nl") + 1_000;
        SippCall caller = SippCall.start("metrics", "caller.xml", "1001", CALLER, "Measured", beforeRecording + 6_000, rig.sippLogs());
        assertTrue(AsteriskRig.eventually(Duration.ofSeconds(30), () -> rig.byNumber(CALLER).isPresent()), "recording started");
        String during = get("/metrics").body();
        assertEquals(0, caller.await(), "caller SIPp");
        Recording r = rig.ended(CALLER);
        assertTrue(r.status() != RecordingStatus.ACTIVE, r.toString());
        String after = get("/metrics").body();

        assertEquals(1.0, metric(during, "gateway_recordings_total{event=\"started\"}")
                - metric(before, "gateway_recordings_total{event=\"started\"}"), during);
        assertEquals(0.0, metric(during, "gateway_recordings_total{event=\"filed\"}")
                - metric(before, "gateway_recordings_total{event=\"filed\"}"), "not filed while the call runs");
        assertEquals(1.0, metric(after, "gateway_notices_total{played=\"to-end\"}")
                - metric(before, "gateway_notices_total{played=\"to-end\"}"), after);
        assertTrue(metric(after, "gateway_agi_session_time_seconds_count") >= 1.0, after);
        assertEquals(1.0, metric(after, "gateway_calls_total{reason=\"none\",status=\"recording\"}")
                - metric(before, "gateway_calls_total{reason=\"none\",status=\"recording\"}"), "the dialplan was told: recording");
        assertEquals(1.0, metric(after, "gateway_policy_decision_time_seconds_count")
                - metric(before, "gateway_policy_decision_time_seconds_count"), "one policy decision");
        assertTrue(metric(after, "gateway_store_commit_time_seconds_count{result=\"committed\"}")
                > metric(before, "gateway_store_commit_time_seconds_count{result=\"committed\"}"), "the call's writes were committed");
        assertEquals(1.0, metric(after, "gateway_store_writable"), after);
        assertTrue(Pattern.compile("(?m)^gateway_store_queued_writes [0-9.eE+-]+$").matcher(after).find(), after);
        assertEquals(1.0, metric(after, "gateway_ami_logged_in"), after);
        assertTrue(metric(after, "gateway_recordings_disk_free_bytes") > 0, after);
    }

    @Test
    void readyIsNotReadyWhileAsteriskLacksAPromptAndReadyOnceItIsBack() throws Exception {
        assertTrue(AsteriskRig.eventually(Duration.ofSeconds(20), () -> status("/health/ready") == 200),
                "ready with everything in place: " + body("/health/ready"));
        Path prompt = rig.asterisk().chrootDirectory().resolve("usr/share/asterisk/sounds/recording-gateway/nl/notice-quality-will.alaw");
        Path aside = prompt.resolveSibling("notice-quality-will.alaw.aside");
        Files.move(prompt, aside);
        try {
            HttpResponse<String> notReady = get("/health/ready");
            assertEquals(503, notReady.statusCode(), notReady.body());
            assertTrue(notReady.body().contains("prompts-installed") && notReady.body().contains("notice-quality-will.alaw"),
                    notReady.body());
        } finally {
            Files.move(aside, prompt);
        }
        assertEquals(200, get("/health/ready").statusCode(), get("/health/ready").body());
        assertEquals(200, get("/health/live").statusCode());
    }

    private static int status(String path) {
        try {
            return get(path).statusCode();
        } catch (Exception e) {
            return -1;
        }
    }

    private static String body(String path) {
        try {
            return get(path).body();
        } catch (Exception e) {
            return e.toString();
        }
    }
}
