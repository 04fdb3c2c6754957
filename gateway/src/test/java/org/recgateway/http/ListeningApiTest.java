package org.recgateway.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recgateway.audit.AuditAction;
import org.recgateway.audit.AuditEvent;
import org.recgateway.listening.TestAudio;
import org.recgateway.recording.Recording;
import org.recgateway.recording.RecordingStatus;

import com.fasterxml.jackson.databind.JsonNode;

/** The provider hears the fault and nothing else: exact segments, counted plays, the window, deletion. */
class ListeningApiTest {

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

    private static String error(java.net.http.HttpResponse<byte[]> r) throws Exception {
        return json(r).get("error").asText();
    }

    @Test
    void theProviderSeesWhatTheFaultNeedsAndNothingAboutWhoCalled() throws Exception {
        for (String path : List.of("/api/recordings/d1", "/api/listening/samples")) {
            var response = rig.get(path, ListeningRig.PROVIDER);
            assertEquals(200, response.statusCode(), path);
            String body = new String(response.body(), StandardCharsets.UTF_8);
            for (String hidden : List.of("+31201111111", "callerNumber", "calledNumber", "PJSIP/", "u-d1", "linked-d1",
                    "uniqueId", "linkedId", "channel", "filePath", rig.sample.filePath(), dir.toString())) {
                assertFalse(body.contains(hidden), path + " shows " + hidden + ": " + body);
            }
            JsonNode sample = path.endsWith("d1") ? json(response) : json(response).get("samples").get(0);
            assertEquals("KPN-4711", sample.get("ticketReference").asText());
            assertEquals("wav", sample.get("format").asText());
            assertEquals(60.0, sample.get("markersSeconds").get(0).asDouble());
            JsonNode quality = sample.get("lineQuality").get(0);
            assertEquals("caller", quality.get("leg").asText());
            assertEquals("alaw", quality.get("codec").asText());
            assertEquals(2.0, quality.get("lossPercent").asDouble(), 1e-9);
            assertEquals(52.0, quality.get("roundTripMillis").asDouble(), 1e-9);
            assertEquals(4.0, quality.get("jitterMillis").asDouble(), 1e-9);
        }
        assertEquals(403, rig.get("/api/recordings/v1", ListeningRig.PROVIDER).statusCode(), "another provider's sample");
    }

    @Test
    void theProviderReceivesExactlyTheThirtySecondsAroundTheMarkerAsAWav() throws Exception {
        var response = rig.get("/api/listening/samples/d1/audio", ListeningRig.PROVIDER);

        assertEquals(200, response.statusCode());
        assertEquals("audio/wav", response.headers().firstValue("content-type").orElseThrow());
        assertEquals("chunked", response.headers().firstValue("transfer-encoding").orElseThrow());
        byte[] wav = response.body();
        ByteBuffer h = ByteBuffer.wrap(wav).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals("RIFF", new String(wav, 0, 4, StandardCharsets.US_ASCII));
        assertEquals(wav.length - 8, h.getInt(4));
        assertEquals("WAVE", new String(wav, 8, 4, StandardCharsets.US_ASCII));
        assertEquals(1, h.getShort(20));
        assertEquals(1, h.getShort(22));
        assertEquals(8000, h.getInt(24));
        assertEquals(16, h.getShort(34));
        assertEquals(30 * TestAudio.BYTES_PER_SECOND, h.getInt(40));
        assertEquals(44 + 30 * TestAudio.BYTES_PER_SECOND, wav.length);
        assertArrayEquals(TestAudio.seconds(dir.resolve("d1.wav"), 45, 75), Arrays.copyOfRange(wav, 44, wav.length));
        assertEquals("1 of 2", response.headers().firstValue("x-play").orElseThrow());
        assertEquals("45", response.headers().firstValue("x-segment-from").orElseThrow());
        assertEquals("75", response.headers().firstValue("x-segment-to").orElseThrow());
    }

    @Test
    void eachPlayIsCountedAndAuditedWithItsSeconds() throws Exception {
        rig.get("/api/listening/samples/d1/audio", ListeningRig.PROVIDER);

        List<AuditEvent> played = rig.trail.forRecording("d1").stream()
                .filter(e -> e.action() == AuditAction.AUDIO_PLAYED).toList();
        assertEquals(1, played.size());
        assertEquals("token:kpn", played.getFirst().actor());
        assertEquals(ListeningRig.NOW, played.getFirst().at());
        assertEquals("45", played.getFirst().details().get("fromSeconds"));
        assertEquals("75", played.getFirst().details().get("toSeconds"));
        assertEquals("1 of 2", played.getFirst().details().get("play"));
        assertEquals(1, rig.listening.plays(rig.window.id(), "d1"));
    }

    @Test
    void withoutMarkersTheProviderHearsOnlyTheFirstThirtySeconds() throws Exception {
        rig.tickets.grant("t-vodafone", new org.recgateway.listening.TicketDesk.NewWindow(ListeningRig.NOW,
                ListeningRig.NOW.plusSeconds(600), 1, Duration.ofSeconds(15), Duration.ofSeconds(15),
                Duration.ofSeconds(30)), "token:admin");

        var response = rig.get("/api/listening/samples/v1/audio", ListeningRig.OTHER_PROVIDER);

        assertEquals(200, response.statusCode());
        assertEquals(44 + 30 * TestAudio.BYTES_PER_SECOND, response.body().length);
        assertArrayEquals(TestAudio.seconds(dir.resolve("v1.wav"), 0, 30),
                Arrays.copyOfRange(response.body(), 44, response.body().length));
        var segment = rig.get("/api/listening/samples/v1/audio?segment=1", ListeningRig.OTHER_PROVIDER);
        assertEquals(403, segment.statusCode());
    }

    @Test
    void thePlaysRunOut() throws Exception {
        assertEquals(200, rig.get("/api/listening/samples/d1/audio", ListeningRig.PROVIDER).statusCode());
        assertEquals(200, rig.get("/api/listening/samples/d1/audio", ListeningRig.PROVIDER).statusCode());

        var third = rig.get("/api/listening/samples/d1/audio", ListeningRig.PROVIDER);

        assertEquals(403, third.statusCode());
        assertEquals("the 2 plays of this sample in this listening window are used up", error(third));
        assertEquals(1, rig.trail.forRecording("d1").stream().filter(e -> e.action() == AuditAction.PLAY_REFUSED).count());
        JsonNode listed = json(rig.get("/api/listening/samples", ListeningRig.PROVIDER)).get("samples").get(0);
        assertEquals(0, listed.get("playsLeft").asInt());
    }

    @Test
    void theWindowCloses() throws Exception {
        rig.clock.advance(Duration.ofMinutes(60));

        var response = rig.get("/api/listening/samples/d1/audio", ListeningRig.PROVIDER);

        assertEquals(403, response.statusCode());
        assertEquals("the listening window closed at 2025-06-02T11:00:00Z", error(response));
    }

    @Test
    void beforeTheWindowOpensNothingIsPlayed() throws Exception {
        rig.clock.advance(Duration.ofMinutes(-1));

        var response = rig.get("/api/listening/samples/d1/audio", ListeningRig.PROVIDER);

        assertEquals(403, response.statusCode());
        assertEquals("the listening window opens at 2025-06-02T10:00:00Z", error(response));
    }

    @Test
    void anotherProvidersSampleIsRefusedWithTheReason() throws Exception {
        var response = rig.get("/api/listening/samples/v1/audio", ListeningRig.PROVIDER);

        assertEquals(403, response.statusCode());
        assertEquals("recording v1 is not a diagnostic recording of a ticket of provider kpn", error(response));
    }

    @Test
    void aRunningRecordingCannotBePlayed() throws Exception {
        var response = rig.get("/api/listening/samples/d2/audio", ListeningRig.PROVIDER);

        assertEquals(403, response.statusCode());
        assertTrue(error(response).contains("is active"), error(response));
    }

    @Test
    void theProviderListsItsSamplesWithMarkersSegmentsPlaysAndTheWindowsEnd() throws Exception {
        JsonNode body = json(rig.get("/api/listening/samples", ListeningRig.PROVIDER));

        assertEquals("kpn", body.get("provider").asText());
        JsonNode first = body.get("samples").get(0);
        assertEquals("d1", first.get("recordingId").asText());
        assertEquals("KPN-4711", first.get("ticketReference").asText());
        assertEquals(60.0, first.get("markersSeconds").get(0).asDouble());
        assertEquals(45.0, first.get("segments").get(0).get("fromSeconds").asDouble());
        assertEquals(75.0, first.get("segments").get(0).get("toSeconds").asDouble());
        assertEquals(2, first.get("playsLeft").asInt());
        assertEquals("2025-06-02T11:00:00Z", first.get("windowUntil").asText());
        assertTrue(first.get("playable").asBoolean());
        assertEquals(List.of("d1", "d2"), body.get("samples").findValuesAsText("recordingId"));
    }

    @Test
    void theAudioIsDeletedWhenTheWindowEndsAndNotBefore() throws Exception {
        rig.clock.advance(Duration.ofMinutes(59));
        assertEquals(List.of(), rig.deletion.deleteDue().deleted());
        assertTrue(Files.exists(dir.resolve("d1.wav")));
        long size = Files.size(dir.resolve("d1.wav"));

        rig.clock.advance(Duration.ofMinutes(1));
        assertEquals(List.of("d1"), rig.deletion.deleteDue().deleted());

        assertFalse(Files.exists(dir.resolve("d1.wav")));
        Recording deleted = rig.store.byId("d1").orElseThrow();
        assertEquals(RecordingStatus.DELETED, deleted.status());
        assertEquals(size, deleted.sizeBytes());
        assertEquals(64, deleted.sha256().length());
        assertEquals(rig.sample.ended(), deleted.ended());
        assertEquals(rig.clock.instant(), rig.listening.deletedAt("d1").orElseThrow());
        AuditEvent event = rig.trail.forRecording("d1").getLast();
        assertEquals(AuditAction.RECORDING_DELETED, event.action());
        assertEquals("gateway", event.actor());
        assertEquals("listening-window-ended", event.details().get("reason"));
        assertEquals(deleted.sha256(), event.details().get("sha256"));
        assertTrue(Files.exists(dir.resolve("v1.wav")), "another ticket's audio stays");
        assertEquals(List.of(), rig.deletion.deleteDue().deleted());
    }

    @Test
    void closingTheTicketDeletesItsAudioAtOnceAndEndsListening() throws Exception {
        var closed = rig.send("POST", "/api/tickets/t-kpn/close", ListeningRig.ADMIN, null);

        assertEquals(200, closed.statusCode());
        assertFalse(json(closed).get("open").asBoolean());
        assertFalse(Files.exists(dir.resolve("d1.wav")));
        assertEquals(RecordingStatus.DELETED, rig.store.byId("d1").orElseThrow().status());
        assertEquals("ticket-closed", rig.trail.forRecording("d1").getLast().details().get("reason"));
        assertEquals(0, json(rig.get("/api/listening/samples", ListeningRig.PROVIDER)).get("samples").size());
        var play = rig.get("/api/listening/samples/d1/audio", ListeningRig.PROVIDER);
        assertEquals(403, play.statusCode());
        assertEquals("ticket KPN-4711 is closed", error(play));
        assertEquals(409, rig.send("POST", "/api/tickets/t-kpn/close", ListeningRig.ADMIN, null).statusCode());
    }

    @Test
    void aRecordingStillRunningWhenTheTicketClosesIsDeletedOnceFiled() throws Exception {
        rig.send("POST", "/api/tickets/t-kpn/close", ListeningRig.ADMIN, null);
        TestAudio.wav(dir.resolve("d2.wav"), 5);
        rig.store.update(rig.running.filed(ListeningRig.NOW, 80_044, "d".repeat(64), RecordingStatus.FILED));

        assertEquals(List.of("d2"), rig.deletion.deleteDue().deleted());
        assertFalse(Files.exists(dir.resolve("d2.wav")));
    }
}
