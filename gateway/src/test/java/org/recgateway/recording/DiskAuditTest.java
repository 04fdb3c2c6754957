package org.recgateway.recording;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recgateway.metrics.GatewayMetrics;
import org.recgateway.policy.LegalBasis;
import org.recgateway.policy.Purpose;
import org.recgateway.testing.InMemoryAuditTrail;
import org.recgateway.testing.InMemoryRecordingStore;

class DiskAuditTest {
    @TempDir
    Path dir;

    private final InMemoryRecordingStore store = new InMemoryRecordingStore();

    @Test
    void fileThatNoRecordingAccountsForIsQuarantinedWithItsHash() throws Exception {
        Path known = Files.createDirectories(dir.resolve("2026/11/29")).resolve("known.wav");
        Files.write(known, new byte[] {1});
        Path stray = Files.write(dir.resolve("2026/11/29/stray.wav"), new byte[] {1, 2, 3});
        store.insert(Recording.active("known", new RecordedCall("1.1", "1.0", "PJSIP/x", "06", "1001"), new Evidence("default", null, null), new PurposeSet(Purpose.QUALITY, LegalBasis.LEGITIMATE_INTEREST, java.time.Duration.ofDays(30), null, List.of()), known.toString(), null));

        List<Recording> quarantined = new DiskAudit(store, dir, GatewayMetrics.NOOP, new AuditNotes(new InMemoryAuditTrail(java.time.Clock.systemUTC()))).run();

        assertEquals(1, quarantined.size());
        Recording q = quarantined.getFirst();
        assertEquals(stray.toString(), q.filePath());
        assertEquals(RecordingStatus.QUARANTINED, q.status());
        assertEquals(3L, q.sizeBytes());
        assertEquals("039058c6f2c0cb492c533b0a4d14ef77cc0f78abccced5287d84a1a2011cfb81", q.sha256());
        assertTrue(store.knowsFile(stray.toString()));
    }

    @Test
    void secondAuditFindsNothingNew() throws Exception {
        Files.write(dir.resolve("stray.wav"), new byte[] {1});
        DiskAudit audit = new DiskAudit(store, dir, GatewayMetrics.NOOP, new AuditNotes(new InMemoryAuditTrail(java.time.Clock.systemUTC())));
        audit.run();

        assertTrue(audit.run().isEmpty());
    }

    @Test
    void missingDirectoryIsNotAnError() throws Exception {
        assertTrue(new DiskAudit(store, dir.resolve("absent"), GatewayMetrics.NOOP, new AuditNotes(new InMemoryAuditTrail(java.time.Clock.systemUTC()))).run().isEmpty());
    }
}
