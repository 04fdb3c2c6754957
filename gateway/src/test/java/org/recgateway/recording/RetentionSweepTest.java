package org.recgateway.recording;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recgateway.audit.AuditAction;
import org.recgateway.audit.AuditEvent;
import org.recgateway.listening.MutableClock;
import org.recgateway.metrics.GatewayMetrics;
import org.recgateway.policy.LegalBasis;
import org.recgateway.policy.Purpose;
import org.recgateway.store.JdbcAuditTrail;
import org.recgateway.store.JdbcLegalHolds;
import org.recgateway.store.JdbcRecordingStore;

/** Each purpose ends at its own deadline; the last one takes the audio; holds pause it; a crash halfway is finished. */
class RetentionSweepTest {
    private static final Instant T = Instant.parse("2026-11-30T10:00:00Z");

    @TempDir
    Path dir;
    private final MutableClock clock = new MutableClock(T);
    private JdbcRecordingStore store;
    private JdbcAuditTrail trail;
    private JdbcLegalHolds holds;
    private AudioEraser deletion;
    private RetentionSweep sweep;

    @BeforeEach
    void open() {
        store = JdbcRecordingStore.open(dir.resolve("r.db"), PhoneNumbers.withDefaultRegion("NL"));
        trail = store.auditTrail(clock);
        holds = store.legalHolds();
        AuditNotes notes = new AuditNotes(trail);
        deletion = AudioEraser.plaintext(store, notes, clock);
        sweep = new RetentionSweep(store, deletion, notes, clock);
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void twoMinutesAreKeptAsTwoMinutesNotRoundedToZeroDays() throws IOException {
        Recording r = filed("r1", "0612345678", new RecordedPurpose(Purpose.QUALITY, LegalBasis.LEGITIMATE_INTEREST,
                Duration.ofMinutes(2)));

        Recording read = store.byId(r.id()).orElseThrow();
        assertEquals(Duration.ofMinutes(2), read.retention());
        assertEquals(Duration.ofMinutes(2), read.purposes().getFirst().retention());
        assertEquals(T.plusSeconds(60 + 120), read.purposes().getFirst().due());

        clock.advance(Duration.ofSeconds(60 + 119));
        assertEquals(0, sweep.run().purposesEnded(), "a second before the deadline nothing ends");
        clock.advance(Duration.ofSeconds(1));
        assertEquals(List.of("r1"), sweep.run().deleted());
        assertFalse(Files.exists(Path.of(r.filePath())));
    }

    @Test
    void purposesExpireOneByOneAndTheLastTakesTheAudioLeavingATombstone() throws IOException {
        Recording r = filed("r1", "0612345678",
                new RecordedPurpose(Purpose.QUALITY, LegalBasis.LEGITIMATE_INTEREST, Duration.ofHours(1)),
                new RecordedPurpose(Purpose.COMPLAINT_HANDLING, LegalBasis.CONTRACT, Duration.ofHours(3)));
        assertEquals(List.of("r1"), ids(store.find(byPurpose(Purpose.QUALITY))));

        clock.advance(Duration.ofHours(2));
        RetentionSweep.Sweep first = sweep.run();

        assertEquals(1, first.purposesEnded());
        assertEquals(List.of(), first.deleted());
        assertEquals(List.of(), ids(store.find(byPurpose(Purpose.QUALITY))), "an ended purpose no longer finds it");
        assertEquals(List.of("r1"), ids(store.find(byPurpose(Purpose.COMPLAINT_HANDLING))));
        Recording half = store.byId("r1").orElseThrow();
        assertEquals(RecordingStatus.FILED, half.status());
        assertEquals("retention", half.purposes().getFirst().endReason());
        assertEquals(List.of(Purpose.COMPLAINT_HANDLING), half.livePurposes().stream().map(RecordedPurpose::purpose).toList());
        assertTrue(Files.exists(Path.of(r.filePath())));

        clock.advance(Duration.ofHours(2));
        RetentionSweep.Sweep second = sweep.run();

        assertEquals(List.of("r1"), second.deleted());
        assertFalse(Files.exists(Path.of(r.filePath())));
        Recording tomb = store.byId("r1").orElseThrow();
        assertEquals(RecordingStatus.DELETED, tomb.status());
        assertEquals(r.sha256(), tomb.sha256(), "the hash of what was deleted");
        assertEquals(r.sizeBytes(), tomb.sizeBytes());
        assertEquals("retention: every purpose ended", tomb.deletion().reason());
        assertEquals(clock.instant(), tomb.deletion().at());
        assertTrue(tomb.deletion().done());
        assertEquals(2, tomb.purposes().size(), "what existed and why stays");
        assertTrue(tomb.livePurposes().isEmpty());
        assertEquals(List.of(), ids(store.find(byPurpose(Purpose.COMPLAINT_HANDLING))));
        List<AuditEvent> events = trail.forRecording("r1");
        assertEquals(2, events.stream().filter(e -> e.action() == AuditAction.PURPOSE_ENDED).count());
        AuditEvent deleted = events.getLast();
        assertEquals(AuditAction.RECORDING_DELETED, deleted.action());
        assertEquals(r.sha256(), deleted.details().get("sha256"));

        RetentionSweep.Sweep third = sweep.run();
        assertEquals(0, third.purposesEnded());
        assertEquals(List.of(), third.deleted(), "running again changes nothing");
    }

    @Test
    void aHoldOnTheNumberInAnotherNotationPausesDeletionAndLiftingItResumes() throws IOException {
        Recording r = filed("r1", "0612345678", new RecordedPurpose(Purpose.QUALITY, LegalBasis.LEGITIMATE_INTEREST,
                Duration.ofMinutes(5)));
        LegalHold hold = holds.place(LegalHold.Kind.NUMBER, "+31 6 1234 5678", "case 2026-17", "officer", clock.instant());

        clock.advance(Duration.ofHours(1));
        RetentionSweep.Sweep held = sweep.run();

        assertEquals(0, held.purposesEnded());
        assertTrue(Files.exists(Path.of(r.filePath())));
        assertEquals(RecordingStatus.FILED, store.byId("r1").orElseThrow().status());
        AudioEraser.Result refused = deletion.delete(store.byId("r1").orElseThrow(), "erasure", "officer", Map.of());
        assertTrue(refused.held());
        assertTrue(refused.reason().contains("case 2026-17"), refused.reason());

        holds.lift(hold.id(), "officer", clock.instant());
        assertEquals(List.of("r1"), sweep.run().deleted());
        assertFalse(Files.exists(Path.of(r.filePath())));
    }

    @Test
    void holdsOnTheRecordingAndOnItsTicketPauseToo() throws IOException {
        filed("r1", "0612345678", new RecordedPurpose(Purpose.QUALITY, LegalBasis.LEGITIMATE_INTEREST, Duration.ofMinutes(5)));
        filed("d1", "0612345670", new RecordedPurpose(Purpose.PROVIDER_DIAGNOSTICS, LegalBasis.LEGITIMATE_INTEREST,
                Duration.ofMinutes(5)));
        var diagnostics = store.diagnostics();
        var ticket = new org.recgateway.diagnostics.DiagnosticTicket("t1", "KPN-1", "kpn", "hum", 2, Duration.ofMinutes(1),
                T.plus(Duration.ofDays(1)), T, null);
        diagnostics.insertTicket(ticket);
        diagnostics.linkRecording(new org.recgateway.diagnostics.DiagnosticRecording("d1", "t1", "PJSIP/agent",
                "PJSIP/agent-1", "PJSIP/caller-1", List.of("PJSIP/agent-1", "PJSIP/caller-1")));
        holds.place(LegalHold.Kind.RECORDING, "r1", "complaint", "officer", T);
        LegalHold onTicket = holds.place(LegalHold.Kind.TICKET, "t1", "provider dispute", "officer", T);

        clock.advance(Duration.ofHours(1));
        assertEquals(List.of(), sweep.run().deleted());

        holds.lift(onTicket.id(), "officer", clock.instant());
        assertEquals(List.of("d1"), sweep.run().deleted());
        assertEquals(RecordingStatus.FILED, store.byId("r1").orElseThrow().status());
    }

    @Test
    void diagnosticAudioEndsAtItsPurposesMaximumWhileTheTicketStaysOpenWithoutAWindow() throws IOException {
        Recording d = filed("d1", "0612345678", new RecordedPurpose(Purpose.PROVIDER_DIAGNOSTICS,
                LegalBasis.LEGITIMATE_INTEREST, Purpose.PROVIDER_DIAGNOSTICS.maxRetention()));

        clock.advance(Purpose.PROVIDER_DIAGNOSTICS.maxRetention().minusMinutes(1));
        assertEquals(List.of(), sweep.run().deleted());
        clock.advance(Duration.ofMinutes(2));
        assertEquals(List.of("d1"), sweep.run().deleted());
        assertFalse(Files.exists(Path.of(d.filePath())));
    }

    @Test
    void aCrashAfterTheFileWentBeforeTheRowSaidSoIsFinishedByTheNextSweep() throws IOException {
        Recording r = filed("r1", "0612345678", new RecordedPurpose(Purpose.QUALITY, LegalBasis.LEGITIMATE_INTEREST,
                Duration.ofDays(90)));
        // step 1 (deletion begun) and step 2 (file gone) happened; the gateway died before step 3.
        store.update(r.withDeletion(new Deletion(clock.instant(), "erasure", "officer", false), r.sizeBytes(), r.sha256()));
        Files.delete(Path.of(r.filePath()));

        RetentionSweep.Sweep next = sweep.run();

        assertEquals(List.of("r1"), next.deleted());
        Recording tomb = store.byId("r1").orElseThrow();
        assertEquals(RecordingStatus.DELETED, tomb.status());
        assertEquals("erasure", tomb.deletion().reason());
        assertEquals("officer", tomb.deletion().by());
        assertEquals(r.sha256(), tomb.sha256());
        assertEquals(List.of(), store.unfinishedDeletions());
        assertEquals("officer", trail.forRecording("r1").getLast().actor());
    }

    @Test
    void aCrashAfterTheRowSaidDeletingBeforeTheFileWentIsFinishedByTheNextSweep() throws IOException {
        Recording r = filed("r1", "0612345678", new RecordedPurpose(Purpose.QUALITY, LegalBasis.LEGITIMATE_INTEREST,
                Duration.ofDays(90)));
        store.update(r.withDeletion(new Deletion(clock.instant(), "erasure", "officer", false), r.sizeBytes(), r.sha256()));
        assertTrue(Files.exists(Path.of(r.filePath())));

        assertEquals(List.of("r1"), sweep.run().deleted());

        assertFalse(Files.exists(Path.of(r.filePath())));
        assertEquals(RecordingStatus.DELETED, store.byId("r1").orElseThrow().status());
        assertEquals(List.of(), sweep.run().deleted(), "nothing left to finish");
    }

    @Test
    void aFileThatWillNotGoStaysBegunAndIsReportedUntilItGoes() throws IOException {
        Recording r = filed("r1", "0612345678", new RecordedPurpose(Purpose.QUALITY, LegalBasis.LEGITIMATE_INTEREST,
                Duration.ofMinutes(1)));
        Path file = Path.of(r.filePath());
        Files.delete(file);
        Files.createDirectory(file);
        Files.writeString(file.resolve("x"), "not empty");  // a non-empty directory cannot be deleted

        clock.advance(Duration.ofMinutes(5));
        RetentionSweep.Sweep failed = sweep.run();

        assertEquals(1, failed.problems().size(), failed.toString());
        Recording begun = store.byId("r1").orElseThrow();
        assertNotNull(begun.deletion());
        assertFalse(begun.deletion().done());
        Files.delete(file.resolve("x"));
        assertEquals(List.of("r1"), sweep.run().deleted());
        assertEquals(RecordingStatus.DELETED, store.byId("r1").orElseThrow().status());
    }

    private Recording filed(String id, String caller, RecordedPurpose... purposes) throws IOException {
        Path file = dir.resolve(id + ".wav");
        Files.write(file, ("audio of " + id).getBytes());
        RecordedPurpose main = purposes[0];
        Duration keep = java.util.Arrays.stream(purposes).map(RecordedPurpose::retention).max(Duration::compareTo).orElseThrow();
        Recording active = Recording.active(id, new RecordedCall("u-" + id, "l-" + id, "PJSIP/agent-1", caller, "1001"), new Evidence("rule", null, null), new PurposeSet(main.purpose(), main.basis(), keep, null, List.of(purposes)), file.toString(), T);
        store.insert(active);
        Recording filed = active.filed(T.plusSeconds(60), Files.size(file), FileHashes.sha256(file), RecordingStatus.FILED);
        store.update(filed);
        return filed;
    }

    private static RecordingQuery byPurpose(Purpose p) {
        return new RecordingQuery(Optional.empty(), Optional.empty(), Optional.empty(), Optional.of(p), Optional.empty(),
                Optional.empty(), 100);
    }

    private static List<String> ids(List<Recording> recordings) {
        return recordings.stream().map(Recording::id).toList();
    }
}
