package org.recgateway.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.recgateway.policy.Purpose;
import org.recgateway.recording.Recording;
import org.recgateway.recording.RecordingView;
import org.recgateway.recording.TestRecordings;
import org.recgateway.store.JdbcRecordingStore;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

class HttpApiServerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ADMIN = ApiTokens.newToken();
    private static final String OFFICER = ApiTokens.newToken();
    private static final String PROVIDER = ApiTokens.newToken();

    @TempDir
    Path dir;

    private JdbcRecordingStore store;
    private HttpApiServer server;
    private HttpClient client;
    private String base;
    private Recording first;
    private Recording second;
    private Recording third;

    @BeforeEach
    void start() {
        store = JdbcRecordingStore.open(dir.resolve("recordings.db"));
        first = TestRecordings.active("r1", 0, "+31201111111", "200", Purpose.QUALITY);
        second = TestRecordings.filed(
                TestRecordings.active("r2", 10, "+31202222222", "+31201111111", Purpose.PROVIDER_DIAGNOSTICS));
        third = TestRecordings.active("r3", 20, "+31203333333", "300", Purpose.QUALITY);
        List.of(first, second, third).forEach(store::insert);
        server = new HttpApiServer("127.0.0.1", 0, List.of(
                new ApiToken("admin", "administrator", ApiTokens.sha256Hex(ADMIN)),
                new ApiToken("dpo", "privacy-officer", ApiTokens.sha256Hex(OFFICER)),
                new ApiToken("kpn", "provider", ApiTokens.sha256Hex(PROVIDER))),
                store, store.auditTrail(Clock.fixed(TestRecordings.T0, ZoneOffset.UTC)),
                Clock.fixed(TestRecordings.T0, ZoneOffset.UTC));
        base = "http://127.0.0.1:" + server.start();
        client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    }

    @AfterEach
    void stop() {
        client.close();
        server.close();
        store.close();
    }

    @Test
    void healthAnswersWithoutAuthentication() throws Exception {
        HttpResponse<String> response = send("GET", "/health", null);

        assertEquals(200, response.statusCode());
        assertEquals("{\"status\":\"ok\"}", response.body());
        assertEquals("application/json; charset=utf-8", response.headers().firstValue("content-type").orElseThrow());
    }

    @Test
    void requestWithoutTokenIsRefusedWithAHint() throws Exception {
        HttpResponse<String> response = send("GET", "/api/recordings", null);

        assertEquals(401, response.statusCode());
        assertEquals("Bearer", response.headers().firstValue("www-authenticate").orElseThrow());
        assertEquals("send Authorization: Bearer <token>", json(response).get("hint").asText());
    }

    @Test
    void wrongTokenIsRefused() throws Exception {
        HttpResponse<String> response = send("GET", "/api/recordings", "Bearer " + ApiTokens.newToken());

        assertEquals(401, response.statusCode());
        assertEquals("the bearer token is not valid", json(response).get("error").asText());
    }

    @Test
    void basicAuthenticationIsRefusedAsMalformed() throws Exception {
        HttpResponse<String> response = send("GET", "/api/recordings", "Basic YWRtaW46YWRtaW4=");

        assertEquals(401, response.statusCode());
        assertTrue(json(response).get("error").asText().contains("Bearer"));
    }

    @Test
    void roleWithoutAccessIsForbiddenWithAReason() throws Exception {
        HttpResponse<String> response = get("/api/recordings/r2", PROVIDER);

        assertEquals(403, response.statusCode());
        assertTrue(json(response).get("error").asText().contains("role 'provider'"), response.body());
    }

    @Test
    void recordingByIdIsItsView() throws Exception {
        HttpResponse<String> response = get("/api/recordings/r2", ADMIN);

        assertEquals(200, response.statusCode());
        assertEquals(singleViewOf(second), json(response));
    }

    @Test
    void privacyOfficerMayReadMetadata() throws Exception {
        HttpResponse<String> response = get("/api/recordings/r1", OFFICER);

        assertEquals(200, response.statusCode());
        assertEquals(singleViewOf(first), json(response));
    }

    @Test
    void unknownRecordingIsNotFoundWithAReason() throws Exception {
        HttpResponse<String> response = get("/api/recordings/nope", ADMIN);

        assertEquals(404, response.statusCode());
        assertEquals("no recording with id nope", json(response).get("error").asText());
    }

    @Test
    void malformedRecordingIdIsRefusedBeforeTheStore() throws Exception {
        HttpResponse<String> response = get("/api/recordings/r1%27%20OR%201=1", ADMIN);

        assertEquals(400, response.statusCode());
        assertTrue(json(response).get("error").asText().contains("recording id"), response.body());
    }

    static Stream<Arguments> criteria() {
        return Stream.of(
                Arguments.of("", List.of("r3", "r2", "r1")),
                Arguments.of("?limit=2", List.of("r3", "r2")),
                Arguments.of("?uniqueid=" + TestRecordings.active("r2", 0, "", "", Purpose.QUALITY).uniqueId(),
                        List.of("r2")),
                Arguments.of("?linkedid=linked-r3", List.of("r3")),
                Arguments.of("?number=+31201111111", List.of("r2", "r1")),
                Arguments.of("?number=%2B31201111111", List.of("r2", "r1")),
                Arguments.of("?number=%2B31%2020%20111%201111", List.of("r2", "r1")),
                Arguments.of("?number=%2B31%20(0)20-1111111", List.of("r2", "r1")),
                Arguments.of("?purpose=quality", List.of("r3", "r1")),
                Arguments.of("?from=2025-03-14T09:36:00Z", List.of("r3", "r2")),
                Arguments.of("?to=2025-03-14T09:36:00Z", List.of("r1")),
                Arguments.of("?purpose=quality&from=2025-03-14T09:36:00Z&to=2025-03-14T10:00:00Z", List.of("r3")),
                Arguments.of("?linkedid=linked-none", List.of()));
    }

    @ParameterizedTest
    @MethodSource("criteria")
    void eachCriterionSelectsTheMatchingRecordingsNewestFirst(String query, List<String> ids) throws Exception {
        HttpResponse<String> response = get("/api/recordings" + query, ADMIN);

        assertEquals(200, response.statusCode(), response.body());
        List<String> found = json(response).get("recordings").valueStream().map(r -> r.get("id").asText()).toList();
        assertEquals(ids, found);
    }

    @Test
    void listEntriesAreTheSameViewsAsSingleReads() throws Exception {
        JsonNode list = json(get("/api/recordings?linkedid=linked-r2", ADMIN));

        assertEquals(JSON.createArrayNode().add(viewOf(second)), list.get("recordings"));
    }

    static Stream<Arguments> badParameters() {
        return Stream.of(
                Arguments.of("limit=0", "limit"),
                Arguments.of("limit=1001", "limit"),
                Arguments.of("limit=ten", "limit"),
                Arguments.of("from=yesterday", "from"),
                Arguments.of("to=2025-13-01T00:00:00Z", "to"),
                Arguments.of("from=2025-03-15T00:00:00Z&to=2025-03-14T00:00:00Z", "'from' must be before 'to'"),
                Arguments.of("purpose=marketing", "purpose"),
                Arguments.of("uniqueid=a%3Bdrop", "uniqueid"),
                Arguments.of("linkedid=", "linkedid"),
                Arguments.of("number=0612%3B345", "number"),
                Arguments.of("limit=1&limit=2", "more than once"),
                Arguments.of("sort=asc", "unknown parameter 'sort'"));
    }

    @ParameterizedTest
    @MethodSource("badParameters")
    void badParametersAreRefusedNamingTheParameter(String query, String named) throws Exception {
        HttpResponse<String> response = get("/api/recordings?" + query, ADMIN);

        assertEquals(400, response.statusCode());
        assertTrue(json(response).get("error").asText().contains(named), response.body());
    }

    @Test
    void otherMethodsAreNotAllowed() throws Exception {
        HttpResponse<String> response = send("DELETE", "/api/recordings/r1", "Bearer " + ADMIN);

        assertEquals(405, response.statusCode());
        assertEquals("GET", response.headers().firstValue("allow").orElseThrow());
        assertTrue(store.byId("r1").isPresent());
    }

    @Test
    void unknownPathIsNotFound() throws Exception {
        HttpResponse<String> response = get("/api/calls", ADMIN);

        assertEquals(404, response.statusCode());
        assertTrue(json(response).get("error").asText().contains("no such endpoint"));
    }

    @Test
    void storeFailureIsAnInternalErrorWithoutDetails() throws Exception {
        store.close();

        HttpResponse<String> response = get("/api/recordings/r1", ADMIN);

        assertEquals(500, response.statusCode());
        assertEquals("internal error; the gateway log has the details", json(response).get("error").asText());
    }

    @Test
    void oversizedRequestIsRefused() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/api/recordings"))
                .header("Authorization", "Bearer " + ADMIN)
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[HttpApiServer.MAX_REQUEST_BYTES + 1]))
                .build();

        assertEquals(413, client.send(request, HttpResponse.BodyHandlers.ofString()).statusCode());
    }

    @Test
    void pipelinedRequestsAreAnsweredInOrder() throws Exception {
        int port = URI.create(base).getPort();
        String slow = "GET /api/recordings?limit=1000 HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + ADMIN + "\r\n\r\n";
        String fast = "GET /health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.getOutputStream().write((slow + fast).getBytes(StandardCharsets.US_ASCII));
            String answers = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

            assertTrue(answers.indexOf("\"recordings\"") < answers.indexOf("\"status\":\"ok\""), answers);
            assertEquals(2, answers.split("HTTP/1.1 200 OK").length - 1, answers);
        }
    }

    private HttpResponse<String> get(String path, String token) throws IOException, InterruptedException {
        return send("GET", path, "Bearer " + token);
    }

    private HttpResponse<String> send(String method, String path, String authorization)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> response) throws IOException {
        return JSON.readTree(response.body());
    }

    /** One recording's document: its view plus the parties it holds (none stored in these tests). */
    private static JsonNode singleViewOf(Recording recording) throws IOException {
        return JSON.readTree(JSON.writeValueAsString(RecordingView.of(recording, java.util.List.of())));
    }

    private static JsonNode viewOf(Recording recording) throws IOException {
        return JSON.readTree(JSON.writeValueAsString(RecordingView.of(recording)));
    }
}
