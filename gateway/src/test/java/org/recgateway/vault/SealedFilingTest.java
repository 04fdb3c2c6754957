package org.recgateway.vault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recgateway.audit.AuditAction;
import org.recgateway.audit.AuditEvent;
import org.recgateway.listening.TestAudio;
import org.recgateway.metrics.GatewayMetrics;
import org.recgateway.policy.LegalBasis;
import org.recgateway.policy.Purpose;
import org.recgateway.recording.AuditNotes;
import org.recgateway.recording.DiskAudit;
import org.recgateway.recording.Recorder;
import org.recgateway.recording.Recording;
import org.recgateway.recording.AsteriskServers;
import org.recgateway.recording.FileHashes;
import org.recgateway.recording.RecordingFiler;
import org.recgateway.recording.RecordingStatus;
import org.recgateway.recording.StopAndDelete;
import org.recgateway.recording.TamperedAudioException;
import org.recgateway.store.JdbcAuditTrail;
import org.recgateway.store.JdbcDataKeys;
import org.recgateway.store.JdbcRecordingStore;
import org.recgateway.recording.Evidence;
import org.recgateway.recording.PurposeSet;
import org.recgateway.recording.RecordedCall;

/** The recording lifecycle with encryption at rest: filing seals, a crash mid-way heals, every deletion shreds the key. */
class SealedFilingTest {
    private static final Instant T0 = Instant.parse("2026-11-29T10:00:00Z");
    private static final String A = "0f8fad5b-d9cb-469f-a165-70867728950e";
    private static final String B = "7c9e6679-7425-40de-944b-e07fc1f90ae7";

    @TempDir
    Path dir;

    private JdbcRecordingStore store;
    private JdbcAuditTrail trail;
    private TinkAudioVault vault;
    private RecordingFiler filer;
    private final List<String> stopped = new ArrayList<>();

    @BeforeEach
    void open() {
        store = JdbcRecordingStore.open(dir.resolve("data/recordings.db"));
        trail = store.auditTrail(Clock.fixed(T0, ZoneOffset.UTC));
        vault = TinkAudioVault.open(dir.resolve("keys/master-key.json"), JdbcDataKeys.of(store));
        filer = new RecordingFiler(store, Clock.fixed(T0.plusSeconds(300), ZoneOffset.UTC), GatewayMetrics.NOOP,
                Duration.ZERO, new AuditNotes(trail), vault);
    }

    @AfterEach
    void close() {
        store.close();
    }

    private Recording active(String id, int seconds) throws Exception {
        Path file = TestAudio.wav(dir.resolve("rec/2026/11/29/" + id + ".wav"), seconds);
        // the file's last write is the end of its audio, as MixMonitor leaves it when the call ends
        Files.setLastModifiedTime(file, java.nio.file.attribute.FileTime.from(T0.plusSeconds(seconds)));
        Recording r = Recording.active(id, new RecordedCall("u-" + id, "l-" + id, "PJSIP/agent-1", "0611", "1001"), new Evidence("default", null, null), new PurposeSet(Purpose.QUALITY, LegalBasis.LEGITIMATE_INTEREST, java.time.Duration.ofDays(30), null, List.of()), file.toString(), T0);
        store.insert(r);
        store.mixMonitorStarted(id, "mm-" + id);
        return r;
    }

    @Test
    void aFiledRecordingIsSealedWithItsPlaintextHashAndNoPlaintextIsLeftAnywhere() throws Exception {
        Recording r = active(A, 10);
        String plaintextHash = FileHashes.sha256(Path.of(r.filePath()));

        filer.callEnded(AsteriskServers.ANY, "u-" + A, null);

        Recording filed = store.byId(A).orElseThrow();
        assertEquals(RecordingStatus.FILED, filed.status());
        assertEquals(r.filePath() + ".enc", filed.filePath());
        assertEquals(plaintextHash, filed.sha256(), "the filed hash is the audio's, so it still proves what was recorded");
        assertEquals(noPlaintext(), List.of());
        AuditEvent event = trail.forRecording(A).getLast();
        assertEquals(AuditAction.RECORDING_FILED, event.action());
        assertEquals("true", event.details().get("sealed"));
        assertTrue(event.details().get("evidence").startsWith("recordings="), event.details().toString());
        assertEquals(List.of(), new DiskAudit(store, dir.resolve("rec"), GatewayMetrics.NOOP, new AuditNotes(trail)).run());
    }

    @Test
    void theSubjectAccessExportDecryptsSealedAudioIntoTheZipAndLeavesOutWhatIsNotAsFiled() throws Exception {
        String plainA = FileHashes.sha256(Path.of(active(A, 6).filePath()));
        active(B, 4);
        filer.callEnded(AsteriskServers.ANY, "u-" + A, null);
        filer.callEnded(AsteriskServers.ANY, "u-" + B, null);
        Recording a = store.byId(A).orElseThrow();
        Recording b = store.byId(B).orElseThrow();
        assertTrue(a.filePath().endsWith(".wav.enc"), a.filePath());
        byte[] sealedB = Files.readAllBytes(Path.of(b.filePath()));
        sealedB[sealedB.length / 2] ^= 1;  // one bit of B's ciphertext changed on disk
        Files.write(Path.of(b.filePath()), sealedB);
        var numbers = org.recgateway.recording.PhoneNumbers.withDefaultRegion("NL");
        var access = new org.recgateway.privacy.SubjectAccess(store, trail,
                new org.recgateway.recording.Pseudonyms(new byte[32], numbers), vault, id -> java.util.Optional.empty());

        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        access.export("0611", "token:dpo", out);

        Map<String, byte[]> entries = new java.util.HashMap<>();
        try (var zip = new java.util.zip.ZipInputStream(new java.io.ByteArrayInputStream(out.toByteArray()))) {
            for (java.util.zip.ZipEntry e; (e = zip.getNextEntry()) != null; ) {
                entries.put(e.getName(), zip.readAllBytes());
            }
        }
        byte[] audioA = entries.get("audio/" + A + ".wav");
        assertTrue(audioA != null, "the sealed recording is in the export, decrypted: " + entries.keySet());
        assertEquals(plainA, java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(audioA)));
        assertEquals(a.sha256(), plainA, "and it is the audio as filed");
        assertEquals("RIFF", new String(audioA, 0, 4, java.nio.charset.StandardCharsets.US_ASCII), "a playable WAV, not ciphertext");
        assertFalse(entries.keySet().stream().anyMatch(n -> n.contains(B)), "the tampered one is left out");
        String summary = new String(entries.get("summary.json"), java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(summary.contains("not what was filed"), summary);
        assertTrue(trail.forRecording(B).stream().anyMatch(e -> e.action() == AuditAction.AUDIO_TAMPERED
                && "export".equals(e.details().get("via"))), "and the alarm is in the audit trail");
    }

    @Test
    void aCrashBetweenSealingAndStoringIsFinishedByTheNextFiling() throws Exception {
        Recording r = active(A, 10);
        Path plain = Path.of(r.filePath());
        String hash = FileHashes.sha256(plain);
        long size = Files.size(plain);
        vault.seal(A, plain, size);  // ...and the process died before the store was updated

        assertEquals(List.of(), new DiskAudit(store, dir.resolve("rec"), GatewayMetrics.NOOP, new AuditNotes(trail)).run(),
                "the sealed copy of a running recording is not quarantined");
        filer.reconciliation().reconcile(AsteriskServers.ANY, java.util.Set.of());

        Recording filed = store.byId(A).orElseThrow();
        assertEquals(RecordingStatus.FILED, filed.status());
        assertEquals(hash, filed.sha256());
        assertEquals(size, filed.sizeBytes());
        assertEquals("recovered after a restart", trail.forRecording(A).getLast().details().get("sealed"));
    }

    @Test
    void stopAndDeleteDestroysTheDataKeyAndAFiledRecordingsErasureLeavesItsCiphertextUnopenable() throws Exception {
        active(A, 5);
        Recording b = active(B, 5);
        filer.callEnded(AsteriskServers.ANY, "u-" + B, null);
        Path sealedB = Path.of(store.byId(B).orElseThrow().filePath());
        Path backup = Files.copy(sealedB, dir.resolve("backup-of-b.enc"));
        Recorder recorder = new Recorder() {
            @Override
            public String start(String channel, String file) {
                return "mm-" + channel;
            }

            @Override
            public void stop(String channel, String mixMonitorId) {
                stopped.add(channel);
            }
        };
        StopAndDelete stopAndDelete = new StopAndDelete(store, filer, recorder, Clock.systemUTC(), GatewayMetrics.NOOP, Duration.ZERO);

        assertTrue(stopAndDelete.stopAndDelete(A, "agent:PJSIP/agent").done());
        assertTrue(filer.eraser().delete(store.byId(B).orElseThrow(), "erasure request", "token:dpo", Map.of()).deleted());

        assertEquals(RecordingStatus.DELETED, store.byId(A).orElseThrow().status());
        assertEquals(RecordingStatus.DELETED, store.byId(B).orElseThrow().status());
        assertTrue(JdbcDataKeys.of(store).get(B).isEmpty());
        assertFalse(Files.exists(sealedB));
        assertThrows(TamperedAudioException.class, () -> vault.open(B, backup), "a backup of the ciphertext opens no more");
        assertEquals(List.of(), noPlaintext());
        for (String id : List.of(A, B)) {
            AuditEvent deleted = trail.forRecording(id).getLast();
            assertEquals(AuditAction.RECORDING_DELETED, deleted.action());
            assertEquals("destroyed", deleted.details().get("dataKey"));
        }
    }

    private List<Path> noPlaintext() throws Exception {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).filter(f -> f.toString().endsWith(".wav")).toList();
        }
    }
}
