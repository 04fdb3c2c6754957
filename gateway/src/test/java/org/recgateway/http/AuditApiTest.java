package org.recgateway.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.recgateway.audit.Actors;
import org.recgateway.audit.AuditAction;
import org.recgateway.audit.AuditEvent;
import org.recgateway.audit.AuditTrail;
import org.recgateway.policy.Purpose;
import org.recgateway.recording.TestRecordings;
import org.recgateway.store.JdbcAuditTrail;
import org.recgateway.store.JdbcRecordingStore;
import org.recgateway.testing.FailingAuditTrail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The audit side of the HTTP API: reads are audited, and the trail is served to the roles that may see it. */
class AuditApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ADMIN = ApiTokens.newToken();
    private static final String OFFICER = ApiTokens.newToken();
    private static final String PROVIDER = ApiTokens.newToken();
    private static final Clock CLOCK = Clock.fixed(TestRecordings.T0, ZoneOffset.UTC);

    @TempDir
    Path dir;

    private JdbcRecordingStore store;
    private JdbcAuditTrail trail;
    private HttpApiServer server;
    private HttpClient client;
    private String base;

    @BeforeEach
    void start() {
        store = JdbcRecordingStore.open(dir.resolve("recordings.db"));
        trail = store.auditTrail(CLOCK);
        store.insert(TestRecordings.active("r1", 0, "+31201111111", "200", Purpose.QUALITY));
        store.insert(TestRecordings.active("r2", 10, "+31202222222", "300", Purpose.QUALITY));
        base = serve(trail);
        client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    }

    @AfterEach
    void stop() {
        client.close();
        server.close();
        store.close();
    }

    @Test
    void readingARecordingAppendsARecordingReadByTheToken() throws Exception {
        assertEquals(200, get("/api/recordings/r2", OFFICER).statusCode());

        List<AuditEvent> events = trail.forRecording("r2");
        assertEquals(1, events.size());
        assertEquals("token:dpo", events.getFirst().actor());
        assertEquals(AuditAction.RECORDING_READ, events.getFirst().action());
        assertEquals(TestRecordings.T0, events.getFirst().at());
    }

    @Test
    void aListIsOneEventWithItsParametersAndCount() throws Exception {
        assertEquals(200, get("/api/recordings?purpose=quality&number=%2B31201111111", ADMIN).statusCode());

        List<AuditEvent> events = trail.since(0, 10);
        assertEquals(1, events.size());
        AuditEvent listed = events.getFirst();
        assertEquals(AuditAction.RECORDING_LISTED, listed.action());
        assertEquals("token:admin", listed.actor());
        assertNull(listed.recordingId());
        assertEquals(Map.of("via", "http", "purpose", "quality", "number", "withheld", "limit", "100",
                "count", "1"), listed.details());
    }

    @Test
    void aDeniedReadIsAuditedAndShowsNothingWhileFailedReadsAppendNothing() throws Exception {
        assertEquals(403, get("/api/recordings/r1", PROVIDER).statusCode());
        assertEquals(404, get("/api/recordings/nope", ADMIN).statusCode());
        assertEquals(400, get("/api/recordings?limit=0", ADMIN).statusCode());

        List<AuditEvent> events = trail.since(0, 10);
        assertEquals(1, events.size(), events.toString());
        AuditEvent denied = events.getFirst();
        assertEquals(AuditAction.ACCESS_DENIED, denied.action());
        assertEquals("token:kpn", denied.actor());
        assertEquals("r1", denied.recordingId());
        assertEquals("/api/recordings/{id}", denied.details().get("endpoint"));
        assertEquals("403", denied.details().get("status"));
        assertTrue(denied.details().get("reason").contains("not one of provider kpn"), denied.details().toString());
    }

    @Test
    void aRefusedTokenIsAuditedButARequestWithoutOneIsNot() throws Exception {
        assertEquals(401, get("/api/recordings", "not-a-real-token").statusCode());
        assertEquals(401, send("/api/recordings", null).statusCode());

        List<AuditEvent> events = trail.since(0, 10);
        assertEquals(1, events.size(), events.toString());
        assertEquals(AuditAction.ACCESS_DENIED, events.getFirst().action());
        assertEquals("unauthenticated", events.getFirst().actor());
        assertEquals("401", events.getFirst().details().get("status"));
    }

    @Test
    void nothingIsServedWhenTheReadCannotBeAudited() throws Exception {
        server.close();
        base = serve(new FailingAuditTrail());

        HttpResponse<String> one = get("/api/recordings/r1", ADMIN);
        HttpResponse<String> list = get("/api/recordings", ADMIN);

        assertEquals(500, one.statusCode());
        assertEquals(500, list.statusCode());
        assertFalse(one.body().contains("31201111111") || list.body().contains("31201111111"), list.body());
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/audit", "/api/audit?recording=r1", "/api/audit/verify"})
    void onlyAdministratorsAndPrivacyOfficersMayReadTheTrail(String path) throws Exception {
        assertEquals(401, send(path, null).statusCode());
        HttpResponse<String> provider = get(path, PROVIDER);
        assertEquals(403, provider.statusCode());
        assertTrue(json(provider).get("error").asText().contains("audit trail"), provider.body());
        assertEquals(200, get(path, ADMIN).statusCode());
        assertEquals(200, get(path, OFFICER).statusCode());
    }

    @Test
    void eventsOfOneRecordingAreListedOldestFirst() throws Exception {
        trail.append(Actors.GATEWAY, AuditAction.RECORDING_STARTED, "r1", Map.of());
        trail.append(Actors.GATEWAY, AuditAction.RECORDING_STARTED, "r2", Map.of());
        get("/api/recordings/r1", OFFICER);

        JsonNode events = json(get("/api/audit?recording=r1", ADMIN)).get("events");

        assertEquals(2, events.size());
        assertEquals("recording-started", events.get(0).get("action").asText());
        assertEquals("recording-read", events.get(1).get("action").asText());
        assertEquals("token:dpo", events.get(1).get("actor").asText());
        assertEquals(List.of(1L, 3L), events.valueStream().map(e -> e.get("sequence").asLong()).toList());
        assertEquals(trail.since(0, 1).getFirst().hash(), events.get(0).get("hash").asText());
        assertEquals(TestRecordings.T0.toString(), events.get(1).get("at").asText());
    }

    @Test
    void sinceAndLimitPageThroughTheTrailAndTheListingIsAudited() throws Exception {
        for (int i = 0; i < 5; i++) {
            trail.append(Actors.GATEWAY, AuditAction.RECORDING_FILED, "r1", Map.of("n", Integer.toString(i)));
        }

        JsonNode page = json(get("/api/audit?since=2&limit=2", OFFICER)).get("events");

        assertEquals(List.of(3L, 4L), page.valueStream().map(e -> e.get("sequence").asLong()).toList());
        AuditEvent listed = trail.since(5, 10).getFirst();
        assertEquals(AuditAction.AUDIT_LISTED, listed.action());
        assertEquals(Map.of("via", "http", "since", "2", "limit", "2", "count", "2"), listed.details());
    }

    @Test
    void verifyReportsAnIntactTrailAndIsItselfAudited() throws Exception {
        AuditEvent last = trail.append(Actors.GATEWAY, AuditAction.RECORDING_STARTED, "r1", Map.of());

        JsonNode result = json(get("/api/audit/verify", OFFICER));

        assertTrue(result.get("intact").asBoolean());
        assertEquals(1, result.get("events").asLong());
        assertEquals(last.hash(), result.get("lastHash").asText());
        AuditEvent verified = trail.since(1, 1).getFirst();
        assertEquals(AuditAction.AUDIT_VERIFIED, verified.action());
        assertEquals("intact", verified.details().get("result"));
    }

    @Test
    void verifyNamesTheEditedEvent() throws Exception {
        for (int i = 0; i < 4; i++) {
            trail.append(Actors.GATEWAY, AuditAction.RECORDING_STARTED, "r" + i, Map.of());
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("recordings.db"));
             Statement s = c.createStatement()) {
            s.execute("DROP TRIGGER audit_events_no_update");
            s.execute("UPDATE audit_events SET recording_id = 'r9' WHERE sequence = 2");
        }

        HttpResponse<String> response = get("/api/audit/verify", ADMIN);

        assertEquals(200, response.statusCode());
        JsonNode result = json(response);
        assertFalse(result.get("intact").asBoolean());
        assertEquals(2, result.get("brokenAt").asLong());
        assertEquals("edited", result.get("problem").asText());
        assertTrue(result.get("reason").asText().contains("event 2"), response.body());
    }

    @Test
    void badAuditParametersAreRefusedNamingTheParameter() throws Exception {
        Map<String, String> cases = Map.of(
                "/api/audit?since=-1", "since",
                "/api/audit?limit=1001", "limit",
                "/api/audit?recording=r1&since=2", "cannot be combined",
                "/api/audit?recording=..%2Fx", "recording",
                "/api/audit?order=desc", "unknown parameter 'order'",
                "/api/audit/verify?deep=1", "no query parameters");
        for (var c : cases.entrySet()) {
            HttpResponse<String> response = get(c.getKey(), ADMIN);
            assertEquals(400, response.statusCode(), c.getKey());
            assertTrue(json(response).get("error").asText().contains(c.getValue()), response.body());
        }
        assertEquals(List.of(), trail.since(0, 10));
    }

    private String serve(AuditTrail audit) {
        server = new HttpApiServer("127.0.0.1", 0, List.of(
                new ApiToken("admin", "administrator", ApiTokens.sha256Hex(ADMIN)),
                new ApiToken("dpo", "privacy-officer", ApiTokens.sha256Hex(OFFICER)),
                new ApiToken("kpn", "provider", ApiTokens.sha256Hex(PROVIDER))),
                store, audit, CLOCK);
        return "http://127.0.0.1:" + server.start();
    }

    private HttpResponse<String> get(String path, String token) throws IOException, InterruptedException {
        return send(path, "Bearer " + token);
    }

    private HttpResponse<String> send(String path, String authorization) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).GET();
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> response) throws IOException {
        return JSON.readTree(response.body());
    }
}
