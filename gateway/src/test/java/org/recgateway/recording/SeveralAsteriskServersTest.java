package org.recgateway.recording;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recgateway.metrics.GatewayMetrics;
import org.recgateway.policy.LegalBasis;
import org.recgateway.policy.Purpose;
import org.recgateway.testing.InMemoryAuditTrail;
import org.recgateway.testing.InMemoryRecordingStore;

/**
 * Issue #17 item 3: one gateway serving two Asterisk servers whose uniqueids are equal (each server counts its own).
 * A Hangup, a MixMonitorStop or a reconciliation over one server's AMI files only that server's recordings; a
 * recording stored before servers were named (no server) is the first server's.
 */
class SeveralAsteriskServersTest {
    private static final Instant STARTED = Instant.parse("2026-11-29T10:00:00Z");

    @TempDir
    Path dir;
    private final InMemoryRecordingStore store = new InMemoryRecordingStore();
    private final RecordingFiler filer = new RecordingFiler(store, Clock.fixed(STARTED.plusSeconds(300), ZoneOffset.UTC),
            GatewayMetrics.NOOP, Duration.ofMillis(5), new AuditNotes(new InMemoryAuditTrail(Clock.systemUTC())));

    @BeforeEach
    void firstServer() {
        filer.firstServer("pbx1");
    }

    // .raw files have no known byte rate, so the incomplete check leaves them be
    private void active(String id, String uniqueId, String server) throws Exception {
        Path file = Files.write(dir.resolve(id + ".raw"), new byte[200]);
        store.insert(Recording.active(id, new RecordedCall(uniqueId, "l-" + uniqueId, "PJSIP/agent-00000001", "0611", "1001", server),
                new Evidence("default", null, null), new PurposeSet(Purpose.QUALITY, LegalBasis.LEGITIMATE_INTEREST,
                        Duration.ofDays(30), null, List.of()), file.toString(), STARTED));
    }

    private RecordingStatus status(String id) {
        return store.byId(id).orElseThrow().status();
    }

    @Test
    void aHangupOnOneServerFilesOnlyThatServersRecordingOfTheSameUniqueId() throws Exception {
        active("on1", "1764500000.7", "pbx1");
        active("on2", "1764500000.7", "pbx2");
        active("old", "1764500000.7", null);  // from before V15: the first server's

        filer.callEnded("pbx2", "1764500000.7", null);

        assertEquals(RecordingStatus.FILED, status("on2"));
        assertEquals(RecordingStatus.ACTIVE, status("on1"));
        assertEquals(RecordingStatus.ACTIVE, status("old"));

        filer.callEnded("pbx1", "1764500000.7", null);
        assertEquals(RecordingStatus.FILED, status("on1"));
        assertEquals(RecordingStatus.FILED, status("old"));
    }

    @Test
    void reconcilingOneServerNeverFilesAnotherServersRunningRecording() throws Exception {
        active("on1", "1764500000.1", "pbx1");
        active("on2", "1764500000.2", "pbx2");

        // pbx1's AMI lists its live channels: pbx2's channel is not among them, and must not count as gone
        assertEquals(1, filer.reconciliation().reconcile("pbx1", Set.of()));

        assertEquals(RecordingStatus.FILED, status("on1"));
        assertEquals(RecordingStatus.ACTIVE, status("on2"));
        assertEquals(0, filer.reconciliation().reconcile("pbx2", Set.of("1764500000.2")));
        assertEquals(RecordingStatus.ACTIVE, status("on2"));
    }

    @Test
    void theStopOfAMixMonitorTheGatewayStoppedFilesItOnlyOnItsOwnServer() throws Exception {
        active("on2", "1764500000.9", "pbx2");
        filer.stopRequested("on2");

        filer.mixMonitorStopped("pbx1", "1764500000.9");
        assertEquals(RecordingStatus.ACTIVE, status("on2"), "a MixMonitorStop of pbx1's channel with the same uniqueid");

        filer.mixMonitorStopped("pbx2", "1764500000.9");
        assertEquals(RecordingStatus.FILED, status("on2"));
    }
}
