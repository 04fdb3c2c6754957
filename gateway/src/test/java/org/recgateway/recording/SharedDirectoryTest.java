package org.recgateway.recording;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recgateway.metrics.GatewayMetrics;
import org.recgateway.policy.LegalBasis;
import org.recgateway.policy.Purpose;
import org.recgateway.testing.InMemoryAuditTrail;
import org.recgateway.testing.InMemoryRecordingStore;

/**
 * Issue #17 item 3, the shared-directory rule: gateways sharing one recordings directory must see it at the same path.
 * A gateway that mounted it elsewhere is told so (where the others see it) by its disk audit, which then quarantines
 * nothing, not the others' recordings; and a gateway's disk audit never flags another gateway's own directory's recordings missing.
 */
class SharedDirectoryTest {
    private static final String ID = "0f1e2d3c-4b5a-4697-8877-665544332211";
    private static final Instant STARTED = Instant.parse("2026-11-30T09:59:00Z");

    @TempDir
    Path dir;

    private final InMemoryRecordingStore store = new InMemoryRecordingStore();
    private final RecordingFiles here = new RecordingFiles("/var/spool/asterisk/rg", Path.of("/unused"), "wav");

    private void filedAt(String id, Path file) {
        store.insert(Recording.active(id, new RecordedCall("1.1", "1.0", "PJSIP/x", "06", "1001"), new Evidence("default", null, null),
                new PurposeSet(Purpose.QUALITY, LegalBasis.LEGITIMATE_INTEREST, java.time.Duration.ofDays(30), null, List.of()),
                file.toString(), STARTED).filed(STARTED.plusSeconds(60), 3, "ab", RecordingStatus.FILED));
    }

    private Path onDisk(Path directory, String id) throws Exception {
        Path file = directory.resolve(here.relative(id, STARTED));
        Files.createDirectories(file.getParent());
        return Files.write(file, new byte[] {1, 2, 3});
    }

    private DiskAudit audit(Path directory) {
        return new DiskAudit(store, directory, GatewayMetrics.NOOP, new AuditNotes(new InMemoryAuditTrail(
                java.time.Clock.systemUTC())));
    }

    @Test
    void aSharedDirectoryMountedAtAnotherPathIsRefusedNamingWhereTheOtherGatewaysSeeIt() throws Exception {
        Path mine = dir.resolve("mnt/recordings");
        onDisk(mine, ID);
        onDisk(mine, "99999999-4b5a-4697-8877-665544332211");  // a stray beside it: not quarantined either
        filedAt(ID, Path.of("/srv/recordings").resolve(here.relative(ID, STARTED)));

        String problem = assertThrows(SharedDirectory.Mismatch.class, () -> audit(mine).run()).getMessage();

        assertTrue(problem.contains("recordings.localDirectory is " + mine) && problem.contains("at /srv/recordings here too"),
                problem);
        // What the rule prevents: this gateway's disk audit taking the other gateway's file for a stray.
        assertEquals(List.of(), store.idsWithStatus(RecordingStatus.QUARANTINED), "nothing is quarantined");
    }

    @Test
    void aPeriodicAuditStoppedByAMismatchStillFlagsTheFilesGoneFromItsOwnRecordings() throws Exception {
        Path mine = dir.resolve("mnt/recordings");
        onDisk(mine, ID);
        filedAt(ID, Path.of("/srv/recordings").resolve(here.relative(ID, STARTED)));  // the mismatch, as above
        String gone = "11111111-4b5a-4697-8877-665544332211";
        filedAt(gone, mine.resolve(here.relative(gone, STARTED)));  // this gateway's own recording, its file gone
        InMemoryAuditTrail trail = new InMemoryAuditTrail(java.time.Clock.systemUTC());

        DiskAudit.Report report = new DiskAudit(store, mine, GatewayMetrics.NOOP, new AuditNotes(trail)).periodicRun();

        assertTrue(report.mismatch().orElseThrow().contains("at /srv/recordings here too"), report.toString());
        assertEquals(List.of(), report.quarantined());
        assertEquals(List.of(), store.idsWithStatus(RecordingStatus.QUARANTINED), "nothing is quarantined");
        assertEquals(1, report.flagged(), "the mismatch does not hide the missing file");
        assertEquals(RecordingStatus.MISSING, store.byId(gone).orElseThrow().status());
        assertEquals(RecordingStatus.FILED, store.byId(ID).orElseThrow().status(), "the other gateway's recording is not its to check");
        assertTrue(trail.events().stream().anyMatch(e -> gone.equals(e.recordingId())
                && e.action() == org.recgateway.audit.AuditAction.RECORDING_MISSING), trail.events().toString());
    }

    @Test
    void theSamePathAStrayFileAndAnEmptyDirectoryShowNoMismatch() throws Exception {
        Path shared = dir.resolve("recordings");
        filedAt(ID, onDisk(shared, ID));
        Path stray = onDisk(shared, "99999999-4b5a-4697-8877-665544332211");  // no recording: a stray, for the disk audit
        Path notes = Files.write(shared.resolve("notes.txt"), new byte[] {1});

        assertEquals(Set.of(stray.toString(), notes.toString()),
                audit(shared).run().stream().map(Recording::filePath).collect(Collectors.toSet()));
        assertEquals(List.of(), audit(dir.resolve("absent")).run());
    }

    @Test
    void theDiskAuditChecksOnlyRecordingsFiledIntoItsOwnDirectory() throws Exception {
        Path mine = dir.resolve("gateway-a");
        Files.createDirectories(mine);
        filedAt(ID, dir.resolve("gateway-b").resolve(here.relative(ID, STARTED)));  // another gateway's own directory

        DiskAudit audit = new DiskAudit(store, mine, GatewayMetrics.NOOP, new AuditNotes(new InMemoryAuditTrail(
                java.time.Clock.systemUTC())));
        assertEquals(0, audit.checkFiled());
        assertEquals(RecordingStatus.FILED, store.byId(ID).orElseThrow().status());
    }
}
