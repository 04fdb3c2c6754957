package org.recgateway.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.recgateway.policy.Purpose;
import org.recgateway.recording.Evidence;
import org.recgateway.recording.PurposeSet;
import org.recgateway.recording.RecordedCall;
import org.recgateway.recording.Recording;

/**
 * Every role against every endpoint, and for the endpoints that reach a recording, against a
 * recording of every purpose: the exact status each combination gets. 403s carry a reason.
 */
class AccessMatrixTest {
    private static final List<String> ROLES = List.of("administrator", "privacy-officer", "supervisor", "agent", "provider");

    @TempDir
    Path dir;

    private ListeningRig rig;

    @BeforeEach
    void start() throws Exception {
        rig = new ListeningRig(dir);
    }

    @AfterEach
    void stop() {
        rig.close();
    }

    /** A request and the status each role gets, in the order of {@link #ROLES}. */
    record Case(String method, String path, String body, List<Integer> statuses) {
    }

    private static Case c(String method, String path, String body, Integer... statuses) {
        return new Case(method, path, body, List.of(statuses));
    }

    static Stream<Arguments> endpoints() {
        String window = "{\"until\":\"2025-06-02T12:00:00Z\"}";
        String ticket = "{\"reference\":\"X-1\",\"provider\":\"kpn\",\"recordUntil\":\"2025-06-03T00:00:00Z\"}";
        //                                                                  admin dpo  super agent provider
        List<Case> cases = List.of(
                c("GET", "/api/audit", null, 200, 200, 403, 403, 403),
                c("GET", "/api/audit/verify", null, 200, 200, 403, 403, 403),
                c("GET", "/api/tickets", null, 200, 403, 403, 403, 200),
                c("POST", "/api/tickets", ticket, 201, 403, 403, 403, 403),
                c("POST", "/api/tickets/t-vodafone/close", null, 200, 403, 403, 403, 403),
                c("POST", "/api/tickets/t-kpn/windows", window, 201, 403, 403, 403, 403),
                c("GET", "/api/listening/samples", null, 403, 403, 403, 403, 200),
                c("GET", "/api/listening/samples/d1/picture", null, 403, 403, 403, 403, 200),
                c("GET", "/api/diagnostics/recordings", null, 200, 403, 403, 200, 403),
                c("POST", "/api/diagnostics/mark", "{\"linkedId\":\"linked-d2\"}", 201, 403, 403, 201, 403),
                // allowed roles reach the switch, which refuses: this rig's gateway cannot look up calls over AMI
                c("POST", "/api/diagnostics/toggle", "{\"agent\":\"PJSIP/agent\"}", 409, 403, 403, 409, 403),
                c("GET", "/api/metrics", null, 200, 403, 403, 403, 403),
                // the agent's own running diagnostic recording; a running recording of the call the agent is in;
                // a running recording of another call (and one that does not exist): the same refusal, nothing revealed
                c("POST", "/api/recordings/d2/stop-and-delete", null, 200, 403, 403, 200, 403),
                c("POST", "/api/recordings/c1/stop-and-delete", null, 200, 403, 403, 200, 403),
                c("POST", "/api/recordings/other-call/stop-and-delete", null, 200, 403, 403, 403, 403),
                c("POST", "/api/recordings/no-such/stop-and-delete", null, 404, 403, 403, 403, 403),
                c("GET", "/api/recordings", null, 200, 200, 200, 403, 403),
                c("GET", "/api/privacy/access?number=0612345678", null, 403, 200, 403, 403, 403),
                c("GET", "/api/privacy/export?number=0612345678", null, 403, 200, 403, 403, 403),
                c("POST", "/api/privacy/erasure", "{\"recording\":\"r-quality\"}", 403, 200, 403, 403, 403),
                c("GET", "/api/privacy/holds", null, 200, 200, 403, 403, 403),
                c("POST", "/api/privacy/holds", "{\"kind\":\"number\",\"target\":\"06 1234 5678\",\"reason\":\"case 1\"}",
                        403, 201, 403, 403, 403),
                c("POST", "/api/privacy/holds/no-such-hold/lift", null, 403, 404, 403, 403, 403),
                c("GET", "/api/privacy/record-of-processing", null, 200, 200, 403, 403, 403),
                c("GET", "/api/quarantine", null, 200, 200, 403, 403, 403),
                c("GET", "/api/quarantine/none", null, 404, 404, 403, 403, 403),
                c("POST", "/api/quarantine/none/assign", "{\"recording\":\"r-quality\"}", 404, 404, 403, 403, 403),
                c("POST", "/api/quarantine/none/delete", "{\"reason\":\"noise\"}", 404, 404, 403, 403, 403));
        List<Arguments> args = new ArrayList<>();
        for (Case k : cases) {
            for (int i = 0; i < ROLES.size(); i++) {
                args.add(Arguments.of(ROLES.get(i), k.method(), k.path(), k.body(), k.statuses().get(i)));
            }
        }
        return args.stream();
    }

    @ParameterizedTest(name = "{0} {1} {2} -> {4}")
    @MethodSource("endpoints")
    void eachRoleGetsExactlyItsAnswerFromEachEndpoint(String role, String method, String path, String body, int status)
            throws Exception {
        var response = rig.send(method, path, ListeningRig.TOKENS.get(role), body);

        assertEquals(status, response.statusCode(), new String(response.body(), StandardCharsets.UTF_8));
        if (status == 403) {
            assertTrue(new String(response.body(), StandardCharsets.UTF_8).contains("role '" + role + "'"));
        }
    }

    /** Per purpose: reading the metadata, searching by it, playing it, stopping it. */
    static Stream<Arguments> purposes() {
        List<Arguments> args = new ArrayList<>();
        for (Purpose p : Purpose.values()) {
            boolean diagnostic = p == Purpose.PROVIDER_DIAGNOSTICS;
            for (String role : ROLES) {
                boolean all = role.equals("administrator") || role.equals("privacy-officer");
                int read = all || (role.equals("supervisor") && !diagnostic)
                        || (role.equals("agent") || role.equals("provider")) && diagnostic ? 200 : 403;
                int search = all || (role.equals("supervisor") && !diagnostic) ? 200 : 403;
                int play = role.equals("provider") && diagnostic ? 200 : 403;
                // an agent reaches only its own diagnostic recording (d1, not running: 409); the rest is not its call
                int stopFinished = role.equals("administrator") || role.equals("agent") && diagnostic ? 409 : 403;
                args.add(Arguments.of(role, p, read, search, play, stopFinished));
            }
        }
        return args.stream();
    }

    @ParameterizedTest(name = "{0} × {1}: read {2}, search {3}, play {4}, stop {5}")
    @MethodSource("purposes")
    void eachRoleReachesARecordingByItsPurpose(String role, Purpose purpose, int read, int search, int play,
                                               int stopFinished) throws Exception {
        String token = ListeningRig.TOKENS.get(role);
        String id = rig.byPurpose.get(purpose).id();

        assertEquals(read, rig.get("/api/recordings/" + id, token).statusCode(), "read");
        assertEquals(search, rig.get("/api/recordings?purpose=" + purpose.id(), token).statusCode(), "search");
        assertEquals(play, rig.get("/api/listening/samples/" + id + "/audio", token).statusCode(), "play");
        assertEquals(stopFinished, rig.send("POST", "/api/recordings/" + id + "/stop-and-delete", token, null)
                .statusCode(), "stop-and-delete of a finished recording");
    }

    @Test
    void stopAndDeleteOnAContractAndQualityRecordingEndsQualityOnlyAndTheSearchByQualityNoLongerFindsIt() throws Exception {
        var r = rig.store.byId("c1").orElseThrow();
        var mixed = Recording.active("mixed", new RecordedCall("u-mixed", "linked-mixed", r.channel(), r.callerNumber(), r.calledNumber()), new Evidence("rule", null, null), new PurposeSet(Purpose.CONTRACT_EVIDENCE, org.recgateway.policy.LegalBasis.CONTRACT, java.time.Duration.ofDays(365), null, List.of(
                new org.recgateway.recording.RecordedPurpose(Purpose.CONTRACT_EVIDENCE, org.recgateway.policy.LegalBasis.CONTRACT, java.time.Duration.ofDays(365)),
                new org.recgateway.recording.RecordedPurpose(Purpose.QUALITY, org.recgateway.policy.LegalBasis.LEGITIMATE_INTEREST, java.time.Duration.ofDays(30)))), rig.store.byId("c1").orElseThrow().filePath(), r.started());
        rig.store.insert(mixed);

        var response = rig.send("POST", "/api/recordings/mixed/stop-and-delete", ListeningRig.ADMIN, null);
        String body = new String(response.body(), StandardCharsets.UTF_8);

        assertEquals(200, response.statusCode(), body);
        assertTrue(body.contains("\"outcome\":\"purposes-ended\""), body);
        assertTrue(rig.stopped.isEmpty(), "the recording goes on for the contract");
        String quality = new String(rig.get("/api/recordings?purpose=quality", ListeningRig.ADMIN).body(), StandardCharsets.UTF_8);
        String contract = new String(rig.get("/api/recordings?purpose=contract-evidence", ListeningRig.ADMIN).body(), StandardCharsets.UTF_8);
        assertTrue(!quality.contains("\"mixed\""), quality);
        assertTrue(contract.contains("\"mixed\""), contract);
        assertEquals(409, rig.send("POST", "/api/recordings/mixed/stop-and-delete", ListeningRig.ADMIN, null).statusCode(),
                "nothing left that an objection ends");
    }

    @Test
    void aSupervisorsSearchNeverShowsDiagnosticRecordings() throws Exception {
        String body = new String(rig.get("/api/recordings", ListeningRig.SUPERVISOR).body(), StandardCharsets.UTF_8);

        assertTrue(body.contains("r-quality"));
        assertTrue(!body.contains("\"d1\"") && !body.contains("provider-diagnostics"), body);
    }

    @Test
    void anAgentReachesOnlyItsOwnDiagnosticRecordings() throws Exception {
        assertEquals(200, rig.get("/api/recordings/d1", ListeningRig.AGENT).statusCode());
        assertEquals(403, rig.get("/api/recordings/v1", ListeningRig.AGENT).statusCode());
    }

    @Test
    void anAgentsRefusalForAnotherCallsRecordingRevealsNothingAndIsAudited() throws Exception {
        String running = new String(rig.send("POST", "/api/recordings/other-call/stop-and-delete",
                ListeningRig.AGENT, null).body(), StandardCharsets.UTF_8);
        String finished = new String(rig.send("POST", "/api/recordings/r-quality/stop-and-delete",
                ListeningRig.AGENT, null).body(), StandardCharsets.UTF_8);
        String missing = new String(rig.send("POST", "/api/recordings/no-such/stop-and-delete",
                ListeningRig.AGENT, null).body(), StandardCharsets.UTF_8);

        for (String body : List.of(running, finished.replace("r-quality", "X"), missing)) {
            assertTrue(!body.contains("quality") && !body.contains("active") && !body.contains("filed")
                    && !body.contains("legitimate"), body);
        }
        assertEquals(running.replace("other-call", "X"), missing.replace("no-such", "X"));
        assertEquals(org.recgateway.recording.RecordingStatus.ACTIVE, rig.store.byId("other-call").orElseThrow().status());
        assertTrue(rig.trail.forRecording("other-call").stream()
                .anyMatch(e -> e.action() == org.recgateway.audit.AuditAction.STOP_AND_DELETE_REFUSED));
    }

    @Test
    void aProviderReachesOnlyItsOwnOpenTicketsRecordings() throws Exception {
        assertEquals(403, rig.get("/api/recordings/v1", ListeningRig.PROVIDER).statusCode());
        rig.send("POST", "/api/tickets/t-kpn/close", ListeningRig.ADMIN, null);
        assertEquals(403, rig.get("/api/recordings/d1", ListeningRig.PROVIDER).statusCode());
    }

    static Stream<Arguments> badCredentials() {
        return Stream.of(
                Arguments.of(null, "authentication required"),
                Arguments.of("Basic YWRtaW46YWRtaW4=", "the Authorization header must use the Bearer scheme"),
                Arguments.of("Bearer not a token", "the bearer token is malformed"),
                Arguments.of("Bearer " + "x".repeat(600), "the bearer token is malformed"),
                Arguments.of("Bearer " + ApiTokens.newToken(), "the bearer token is not valid"),
                Arguments.of("Bearer " + ListeningRig.EXPIRED, "the bearer token expired at 2025-06-02T09:59:59Z;"
                        + " ask an administrator for a new one"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("badCredentials")
    void missingMalformedUnknownRevokedAndExpiredTokensGetA401WithTheReason(String header, String reason) throws Exception {
        for (String path : List.of("/api/recordings", "/api/listening/samples", "/api/listening/samples/d1/audio",
                "/api/tickets")) {
            var builder = java.net.http.HttpRequest.newBuilder(java.net.URI.create(rig.base + path));
            if (header != null) {
                builder.header("Authorization", header);
            }
            var response = rig.client.send(builder.build(), java.net.http.HttpResponse.BodyHandlers.ofString());
            assertEquals(401, response.statusCode());
            assertEquals("Bearer", response.headers().firstValue("www-authenticate").orElseThrow());
            assertTrue(response.body().contains(reason), response.body());
        }
        assertEquals(0, rig.listening.plays(rig.window.id(), "d1"));
    }

    @Test
    void everyEndpointIsInTheMatrix() {
        Set<String> covered = Set.of("/api/audit", "/api/audit/verify", "/api/tickets", "/api/tickets/{id}/close",
                "/api/tickets/{id}/windows", "/api/listening/samples", "/api/listening/samples/{id}/audio", "/api/listening/samples/{id}/picture",
                "/api/diagnostics/recordings", "/api/diagnostics/mark", "/api/diagnostics/toggle", "/api/metrics", "/api/recordings/{id}/stop-and-delete",
                "/api/recordings", "/api/recordings/{id}", "/api/privacy/access", "/api/privacy/export", "/api/privacy/erasure",
                "/api/privacy/holds", "/api/privacy/holds/{id}/lift", "/api/privacy/record-of-processing",
                "/api/quarantine", "/api/quarantine/{id}", "/api/quarantine/{id}/assign", "/api/quarantine/{id}/delete");
        for (Endpoint e : Endpoint.values()) {
            assertTrue(covered.contains(e.template), e + " is not in the access matrix");
        }
    }
}
