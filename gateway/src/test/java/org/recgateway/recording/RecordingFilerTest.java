package org.recgateway.recording;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recgateway.metrics.GatewayMetrics;
import org.recgateway.policy.LegalBasis;
import org.recgateway.policy.Purpose;
import org.recgateway.testing.InMemoryAuditTrail;
import org.recgateway.testing.InMemoryRecordingStore;

class RecordingFilerTest {
    private static final Instant STARTED = Instant.parse("2026-11-29T10:00:00Z");
    private static final Instant ENDED = Instant.parse("2026-11-29T10:05:00Z");

    @TempDir
    Path dir;

    private final InMemoryRecordingStore store = new InMemoryRecordingStore();
    private final RecordingFiler filer = new RecordingFiler(store, Clock.fixed(ENDED, ZoneOffset.UTC),
            GatewayMetrics.NOOP, Duration.ofMillis(5), new AuditNotes(new InMemoryAuditTrail(java.time.Clock.systemUTC())));

    private Recording active(String id, String uniqueId, Path file) {
        Recording r = new Recording(id, uniqueId, "1.0", "PJSIP/x-1", "0611", "1001", Purpose.QUALITY,
                LegalBasis.LEGITIMATE_INTEREST, "default", java.time.Duration.ofDays(30), null, STARTED, null, null, file.toString(), null, null,
                RecordingStatus.ACTIVE);
        store.insert(r);
        return r;
    }

    @Test
    void endedCallIsFiledWithSizeHashAndRetentionDeadline() throws Exception {
        Path file = dir.resolve("a.wav");
        Files.write(file, new byte[] {1, 2, 3});
        active("a", "1.1", file);

        filer.callEnded("1.1");

        Recording r = store.byId("a").orElseThrow();
        assertEquals(RecordingStatus.FILED, r.status());
        assertEquals(3L, r.sizeBytes());
        assertEquals("039058c6f2c0cb492c533b0a4d14ef77cc0f78abccced5287d84a1a2011cfb81", r.sha256());
        assertEquals(ENDED, r.ended());
        assertEquals(ENDED.plus(Duration.ofDays(30)), r.retentionUntil());
    }

    @Test
    void recordingWhoseFileNeverAppearedIsFiledAsMissing() {
        active("b", "1.2", dir.resolve("never.wav"));

        filer.callEnded("1.2");

        Recording r = store.byId("b").orElseThrow();
        assertEquals(RecordingStatus.MISSING, r.status());
        assertNull(r.sha256());
    }

    @Test
    void reconciliationFilesOnlyRecordingsWhoseChannelIsGone() throws Exception {
        Path live = Files.write(dir.resolve("live.wav"), new byte[] {1});
        Path gone = Files.write(dir.resolve("gone.wav"), new byte[] {2});
        active("live", "1.3", live);
        active("gone", "1.4", gone);

        assertEquals(1, filer.reconcile(Set.of("1.3")));

        assertEquals(RecordingStatus.ACTIVE, store.byId("live").orElseThrow().status());
        assertEquals(RecordingStatus.FILED, store.byId("gone").orElseThrow().status());
    }

    @Test
    void aSecondEndSignalDoesNotFileAgain() throws Exception {
        Path file = Files.write(dir.resolve("c.wav"), new byte[] {1, 2});
        active("c", "1.5", file);
        filer.callEnded("1.5");
        Files.write(file, new byte[] {9, 9, 9, 9});

        filer.callEnded("1.5");

        assertEquals(2L, store.byId("c").orElseThrow().sizeBytes());
    }
}
