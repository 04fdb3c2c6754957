package org.recgateway.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recgateway.audit.AuditAction;
import org.recgateway.recording.RecordingStatus;

import com.fasterxml.jackson.databind.JsonNode;

/** Tickets, windows, stop-and-delete and markers over HTTP: bodies checked field by field, changes audited. */
class TicketApiTest {

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

    private static JsonNode json(java.net.http.HttpResponse<byte[]> r) throws Exception {
        return ListeningRig.json(r);
    }

    @Test
    void anAdministratorOpensATicketWithDefaults() throws Exception {
        var response = rig.send("POST", "/api/tickets", ListeningRig.ADMIN,
                "{\"reference\":\"KPN-9\",\"provider\":\"kpn\",\"recordUntil\":\"2025-06-03T10:00:00Z\"}");

        assertEquals(201, response.statusCode());
        JsonNode t = json(response);
        assertEquals(2, t.get("maxRecordings").asInt());
        assertEquals(120, t.get("maxLengthSeconds").asInt());
        assertTrue(t.get("open").asBoolean());
        assertEquals("/api/tickets/" + t.get("id").asText(), response.headers().firstValue("location").orElseThrow());
        assertEquals(AuditAction.TICKET_OPENED, rig.trail.since(0, 100).getLast().action());
    }

    @Test
    void aTicketCarriesItsMarkerCapAudibleSecondsAndWhetherAnAdministratorMaySwitch() throws Exception {
        var defaults = json(rig.send("POST", "/api/tickets", ListeningRig.ADMIN,
                "{\"reference\":\"KPN-8\",\"provider\":\"kpn\",\"recordUntil\":\"2025-06-03T10:00:00Z\"}"));
        assertEquals(3, defaults.get("maxMarkers").asInt());
        assertEquals(60, defaults.get("maxAudibleSeconds").asInt());
        assertEquals(false, defaults.get("administratorMaySwitch").asBoolean());

        var response = rig.send("POST", "/api/tickets", ListeningRig.ADMIN,
                "{\"reference\":\"KPN-9\",\"provider\":\"kpn\",\"recordUntil\":\"2025-06-03T10:00:00Z\","
                        + "\"maxMarkers\":2,\"maxAudibleSeconds\":40,\"administratorMaySwitch\":true}");
        assertEquals(201, response.statusCode());
        JsonNode t = json(response);
        assertEquals(2, t.get("maxMarkers").asInt());
        assertEquals(40, t.get("maxAudibleSeconds").asInt());
        assertTrue(t.get("administratorMaySwitch").asBoolean());
        var stored = rig.diagnostics.ticket(t.get("id").asText()).orElseThrow();
        assertEquals(2, stored.maxMarkers());
        assertTrue(stored.administratorMaySwitch());
        assertEquals("40", rig.trail.since(0, 100).getLast().details().get("maxAudibleSeconds"));

        var bad = rig.send("POST", "/api/tickets", ListeningRig.ADMIN,
                "{\"reference\":\"KPN-10\",\"provider\":\"kpn\",\"recordUntil\":\"2025-06-03T10:00:00Z\","
                        + "\"maxMarkers\":0,\"maxAudibleSeconds\":9999,\"administratorMaySwitch\":\"yes\"}");
        assertEquals(List.of("maxMarkers", "maxAudibleSeconds", "administratorMaySwitch"),
                json(bad).get("problems").findValuesAsText("field"));
    }

    @Test
    void everyBadFieldIsNamedInOneAnswer() throws Exception {
        var response = rig.send("POST", "/api/tickets", ListeningRig.ADMIN,
                "{\"reference\":\"\",\"maxRecordings\":99,\"recordUntil\":\"tomorrow\",\"colour\":\"red\"}");

        assertEquals(400, response.statusCode());
        List<String> fields = json(response).get("problems").findValuesAsText("field");
        assertEquals(List.of("colour", "reference", "provider", "maxRecordings", "recordUntil"), fields);
    }

    @Test
    void aBodyThatIsNotAJsonObjectIsRefused() throws Exception {
        var response = rig.send("POST", "/api/tickets", ListeningRig.ADMIN, "[1,2]");

        assertEquals(400, response.statusCode());
        assertTrue(json(response).get("error").asText().contains("must be a JSON object"));
    }

    @Test
    void aWindowIsGrantedWithDefaultsAndChecked() throws Exception {
        var granted = rig.send("POST", "/api/tickets/t-kpn/windows", ListeningRig.ADMIN,
                "{\"until\":\"2025-06-02T12:00:00Z\"}");
        assertEquals(201, granted.statusCode());
        JsonNode w = json(granted);
        assertEquals(15, w.get("secondsBefore").asInt());
        assertEquals(15, w.get("secondsAfter").asInt());
        assertEquals(30, w.get("secondsWithoutMarkers").asInt());
        assertEquals("kpn", w.get("provider").asText());

        var bad = rig.send("POST", "/api/tickets/t-kpn/windows", ListeningRig.ADMIN,
                "{\"from\":\"2025-06-02T12:00:00Z\",\"until\":\"2025-06-02T11:00:00Z\",\"playsPerSample\":0}");
        assertEquals(400, bad.statusCode());
        assertEquals(List.of("playsPerSample", "until"), json(bad).get("problems").findValuesAsText("field"));
        assertEquals(404, rig.send("POST", "/api/tickets/nope/windows", ListeningRig.ADMIN,
                "{\"until\":\"2025-06-02T12:00:00Z\"}").statusCode());
    }

    @Test
    void aProviderListsOnlyItsOwnOpenTickets() throws Exception {
        JsonNode tickets = json(rig.get("/api/tickets", ListeningRig.PROVIDER)).get("tickets");
        assertEquals(List.of("KPN-4711"), tickets.findValuesAsText("reference"));
        JsonNode all = json(rig.get("/api/tickets", ListeningRig.ADMIN)).get("tickets");
        assertEquals(2, all.size());
    }

    @Test
    void stopAndDeleteStopsARunningRecordingAndRefusesAFinishedOne() throws Exception {
        var refused = rig.send("POST", "/api/recordings/r-quality/stop-and-delete", ListeningRig.ADMIN, null);
        assertEquals(409, refused.statusCode());
        assertTrue(json(refused).get("error").asText().contains("not running"));

        var done = rig.send("POST", "/api/recordings/d2/stop-and-delete", ListeningRig.AGENT, null);
        assertEquals(200, done.statusCode());
        assertEquals(RecordingStatus.DELETED, rig.store.byId("d2").orElseThrow().status());
        assertEquals(List.of("PJSIP/agent-000001 mm-d2"), rig.stopped, "stopped by the MixMonitor id stored with the recording");
        assertEquals(AuditAction.RECORDING_DELETED, rig.trail.forRecording("d2").getLast().action());
        assertEquals("token:PJSIP/agent", rig.trail.forRecording("d2").getLast().actor());
        assertEquals(404, rig.send("POST", "/api/recordings/nope/stop-and-delete", ListeningRig.ADMIN, null).statusCode());
    }

    @Test
    void theAgentMarksItsOwnRunningDiagnosticRecording() throws Exception {
        var marked = rig.send("POST", "/api/diagnostics/mark", ListeningRig.AGENT, "{\"linkedId\":\"linked-d2\"}");

        assertEquals(201, marked.statusCode());
        assertEquals("d2", json(marked).get("recordingId").asText());
        assertEquals(3600.0, json(marked).get("offsetSeconds").asDouble());
        assertEquals(1, rig.diagnostics.markers("d2").size());
        assertEquals(409, rig.send("POST", "/api/diagnostics/mark", ListeningRig.AGENT,
                "{\"recordingId\":\"d1\"}").statusCode());
        assertEquals(400, rig.send("POST", "/api/diagnostics/mark", ListeningRig.AGENT,
                "{\"recordingId\":\"d2\",\"linkedId\":\"linked-d2\"}").statusCode());
    }

    @Test
    void anAgentSeesOnlyItsOwnToggles() throws Exception {
        JsonNode mine = json(rig.get("/api/diagnostics/recordings", ListeningRig.AGENT)).get("recordings");
        assertEquals(List.of("d1", "d2"), mine.findValuesAsText("id"));
        JsonNode all = json(rig.get("/api/diagnostics/recordings", ListeningRig.ADMIN)).get("recordings");
        assertEquals(3, all.size());
    }
}
