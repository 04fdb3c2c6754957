package org.recgateway.privacy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recgateway.audit.AuditAction;
import org.recgateway.listening.MutableClock;
import org.recgateway.metrics.GatewayMetrics;
import org.recgateway.policy.LegalBasis;
import org.recgateway.policy.Purpose;
import org.recgateway.recording.AuditNotes;
import org.recgateway.recording.DiskAudit;
import org.recgateway.recording.Recording;
import org.recgateway.recording.RecordingStatus;
import org.recgateway.store.JdbcAuditTrail;
import org.recgateway.store.JdbcRecordingStore;
import org.recgateway.recording.Evidence;
import org.recgateway.recording.PurposeSet;
import org.recgateway.recording.RecordedCall;

/** Quarantined files are listed, inspected, assigned to the recording that lost them, or deleted; all audited. */
class QuarantineDeskTest {
    private static final Instant T = Instant.parse("2026-11-30T10:00:00Z");
    @TempDir
    Path dir;
    private JdbcRecordingStore store;
    private JdbcAuditTrail trail;
    private QuarantineDesk desk;
    private List<Recording> quarantined;

    @BeforeEach
    void quarantineTwoFiles() throws Exception {
        MutableClock clock = new MutableClock(T);
        store = JdbcRecordingStore.open(dir.resolve("r.db"));
        trail = store.auditTrail(clock);
        AuditNotes notes = new AuditNotes(trail);
        Path spool = Files.createDirectories(dir.resolve("spool"));
        Files.writeString(spool.resolve("lost.wav"), "the audio of the missing recording");
        Files.writeString(spool.resolve("stray.wav"), "nobody's audio");
        quarantined = new DiskAudit(store, spool, GatewayMetrics.NOOP, notes).run();
        desk = new QuarantineDesk(store, org.recgateway.recording.AudioEraser.plaintext(store, notes, clock),
                trail, clock);
    }

    @AfterEach
    void close() {
        store.close();
    }

    private Recording byFile(String name) {
        return quarantined.stream().filter(r -> r.filePath().endsWith(name)).findFirst().orElseThrow();
    }

    @Test
    void theReviewListsAndInspectsWhatWasQuarantinedAndAuditsIt() {
        assertEquals(2, desk.list("officer").size());
        var inspected = desk.inspect(byFile("lost.wav").id(), "officer");

        Map<String, Object> view = ((QuarantineDesk.Outcome.Done<Map<String, Object>>) inspected).value();
        assertEquals(true, view.get("fileAsFound"));
        assertTrue(view.get("audit").toString().contains("recording-quarantined"), view.toString());
        assertEquals(AuditAction.RECORDING_READ, trail.forRecording(byFile("lost.wav").id()).getLast().action());
        assertInstanceOf(QuarantineDesk.Outcome.Refused.class, desk.inspect("nope", "officer"));
    }

    @Test
    void aFileIsAssignedOnlyToARecordingFiledAsMissingWhichThenHasIt() throws Exception {
        Recording missing = Recording.active("m1", new RecordedCall("u", "l", "PJSIP/a-1", "0612345678", "1001"), new Evidence("rule", null, null), new PurposeSet(Purpose.QUALITY, LegalBasis.LEGITIMATE_INTEREST, Duration.ofDays(30), null, List.of()), "/gone/m1.wav", T);
        store.insert(missing);
        store.update(missing.filed(T.plusSeconds(60), 0, null, RecordingStatus.MISSING));
        Recording filed = store.byId("m1").orElseThrow();
        store.insert(Recording.active("f1", new RecordedCall("u2", "l2", "PJSIP/a-1", "0612345679", "1001"), new Evidence("rule", null, null), new PurposeSet(Purpose.QUALITY, LegalBasis.LEGITIMATE_INTEREST, Duration.ofDays(30), null, List.of()), "/x/f1.wav", T));

        assertInstanceOf(QuarantineDesk.Outcome.Refused.class, desk.assign(byFile("lost.wav").id(), "f1", "officer"),
                "an active recording has its own file");
        var done = desk.assign(byFile("lost.wav").id(), filed.id(), "officer");

        Recording assigned = ((QuarantineDesk.Outcome.Done<Recording>) done).value();
        assertEquals(RecordingStatus.FILED, assigned.status());
        assertEquals(byFile("lost.wav").sha256(), store.byId("m1").orElseThrow().sha256());
        assertEquals(byFile("lost.wav").filePath(), store.byId("m1").orElseThrow().filePath());
        assertEquals(1, desk.list("officer").size(), "the assigned file left the quarantine");
        assertEquals(AuditAction.QUARANTINE_ASSIGNED, trail.forRecording("m1").getLast().action());
    }

    @Test
    void deletingAQuarantinedFileLeavesATombstone() {
        Recording stray = byFile("stray.wav");

        var done = desk.delete(stray.id(), "test tone from the installer", "officer");

        Recording tomb = ((QuarantineDesk.Outcome.Done<Recording>) done).value();
        assertEquals(RecordingStatus.DELETED, tomb.status());
        assertFalse(Files.exists(Path.of(stray.filePath())));
        assertEquals(stray.sha256(), tomb.sha256());
        assertEquals("quarantine review: test tone from the installer", tomb.deletion().reason());
        assertEquals(AuditAction.RECORDING_DELETED, trail.forRecording(stray.id()).getLast().action());
    }
}
