package org.recgateway.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recgateway.audit.AuditAction;
import org.recgateway.audit.AuditEvent;
import org.recgateway.listening.TestAudio;
import org.recgateway.metrics.GatewayMetrics;
import org.recgateway.recording.AudioVault;
import org.recgateway.recording.Recording;
import org.recgateway.recording.RecordingStatus;
import org.recgateway.store.JdbcDataKeys;

/**
 * The listening API serves a recording only once its bytes are proven to be the filed audio
 * (authenticated decryption of a sealed file, the filed hash of a plaintext one); otherwise it
 * refuses, counts no play and raises the alarm. Deleting diagnostic audio destroys its data key.
 */
class ServeOnlyWhatWasFiledTest {

    @TempDir
    Path dir;

    private final List<String> events = new CopyOnWriteArrayList<>();
    private final GatewayMetrics metrics = new GatewayMetrics() {
        @Override
        public AutoCloseable sessionStarted() {
            return () -> { };
        }

        @Override
        public void sessionRefused(String reason) { }

        @Override
        public void sessionBroken(String reason) { }

        @Override
        public void decision(String outcome, String purpose) { }

        @Override
        public void notice(boolean toEnd) { }

        @Override
        public void recording(String event) {
            events.add(event);
        }
    };
    private ListeningRig rig;

    @AfterEach
    void stop() {
        if (rig != null) {
            rig.close();
        }
    }

    @Test
    void aSealedSampleIsFiledWithoutPlaintextAndItsSegmentPlaysAsTheOriginal() throws Exception {
        rig = new ListeningRig(dir, true, metrics);
        Recording d1 = rig.store.byId("d1").orElseThrow();
        assertTrue(d1.filePath().endsWith("d1.wav" + AudioVault.SEALED_SUFFIX), d1.filePath());
        assertFalse(Files.exists(dir.resolve("d1.wav")), "no plaintext left");

        var response = rig.get("/api/listening/samples/d1/audio", ListeningRig.PROVIDER);

        assertEquals(200, response.statusCode());
        assertArrayEquals(TestAudio.seconds(dir.resolve("originals/d1.wav"), 45, 75),
                Arrays.copyOfRange(response.body(), 44, response.body().length));
        assertEquals(1, rig.listening.plays(rig.window.id(), "d1"));
    }

    @Test
    void anEditedSealedFileIsNotServedNotCountedAndRaisesTheAlarm() throws Exception {
        rig = new ListeningRig(dir, true, metrics);
        Path sealed = Path.of(rig.store.byId("d1").orElseThrow().filePath());
        byte[] bytes = Files.readAllBytes(sealed);
        bytes[44 + 60 * TestAudio.BYTES_PER_SECOND] ^= 0x55;  // inside the 45-75 s the provider may hear
        Files.write(sealed, bytes);

        assertRefusedUncountedAndAlarmed();
    }

    @Test
    void aSealedFileCutShortIsNotServed() throws Exception {
        rig = new ListeningRig(dir, true, metrics);
        Path sealed = Path.of(rig.store.byId("d1").orElseThrow().filePath());
        byte[] bytes = Files.readAllBytes(sealed);
        Files.write(sealed, Arrays.copyOf(bytes, bytes.length - 4096 - 16 - 100));

        assertRefusedUncountedAndAlarmed();
    }

    @Test
    void aPlaintextFileSwappedForAnotherIsNotServed() throws Exception {
        rig = new ListeningRig(dir, false, metrics);
        Files.copy(dir.resolve("v1.wav"), dir.resolve("d1.wav"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        TestAudio.wav(dir.resolve("d1.wav"), 120);  // same length, then one sample changed
        byte[] bytes = Files.readAllBytes(dir.resolve("d1.wav"));
        bytes[44 + 50 * TestAudio.BYTES_PER_SECOND] ^= 1;
        Files.write(dir.resolve("d1.wav"), bytes);

        assertRefusedUncountedAndAlarmed();
    }

    @Test
    void deletingDiagnosticAudioAtTheWindowsEndDestroysItsDataKey() throws Exception {
        rig = new ListeningRig(dir, true, metrics);
        Path sealed = Path.of(rig.store.byId("d1").orElseThrow().filePath());
        assertTrue(JdbcDataKeys.of(rig.store).get("d1").isPresent());

        rig.clock.advance(java.time.Duration.ofSeconds(3601));
        rig.deletion.deleteDue();

        assertEquals(RecordingStatus.DELETED, rig.store.byId("d1").orElseThrow().status());
        assertFalse(Files.exists(sealed));
        assertTrue(JdbcDataKeys.of(rig.store).get("d1").isEmpty(), "the data key is destroyed");
        AuditEvent deleted = rig.trail.forRecording("d1").stream()
                .filter(e -> e.action() == AuditAction.RECORDING_DELETED).findFirst().orElseThrow();
        assertEquals("destroyed", deleted.details().get("dataKey"));
        assertEquals("listening-window-ended", deleted.details().get("reason"));
    }

    private void assertRefusedUncountedAndAlarmed() throws Exception {
        var response = rig.get("/api/listening/samples/d1/audio", ListeningRig.PROVIDER);

        assertEquals(403, response.statusCode());
        assertTrue(ListeningRig.json(response).get("error").asText().contains("not the audio that was filed"),
                new String(response.body()));
        assertEquals(0, rig.listening.plays(rig.window.id(), "d1"), "a refused play is not counted");
        assertTrue(events.contains("tampered"), events.toString());
        List<AuditActionAndActor> audited = rig.trail.forRecording("d1").stream()
                .map(e -> new AuditActionAndActor(e.action(), e.actor())).toList();
        assertTrue(audited.contains(new AuditActionAndActor(AuditAction.AUDIO_TAMPERED, "gateway")), audited.toString());
        assertTrue(audited.contains(new AuditActionAndActor(AuditAction.PLAY_REFUSED, "token:kpn")), audited.toString());
        assertFalse(audited.stream().anyMatch(a -> a.action() == AuditAction.AUDIO_PLAYED), audited.toString());
    }

    private record AuditActionAndActor(AuditAction action, String actor) { }
}
