package org.recgateway.recording;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import java.util.List;

class RecordingFilerTest {
    private static final Instant STARTED = Instant.parse("2026-11-29T10:00:00Z");
    private static final Instant ENDED = Instant.parse("2026-11-29T10:05:00Z");

    @TempDir
    Path dir;

    private final InMemoryRecordingStore store = new InMemoryRecordingStore();
    private final InMemoryAuditTrail trail = new InMemoryAuditTrail(java.time.Clock.systemUTC());
    private final RecordingFiler filer = new RecordingFiler(store, Clock.fixed(ENDED, ZoneOffset.UTC),
            GatewayMetrics.NOOP, Duration.ofMillis(5), new AuditNotes(trail));

    // Files named .raw have no known byte rate, so the size-against-duration check (the tests of INCOMPLETE below) leaves them be.
    private Recording active(String id, String uniqueId, Path file) {
        Recording r = Recording.active(id, new RecordedCall(uniqueId, "1.0", "PJSIP/x-1", "0611", "1001"), new Evidence("default", null, null), new PurposeSet(Purpose.QUALITY, LegalBasis.LEGITIMATE_INTEREST, java.time.Duration.ofDays(30), null, List.of()), file.toString(), STARTED);
        store.insert(r);
        return r;
    }

    @Test
    void endedCallIsFiledWithSizeHashAndRetentionDeadline() throws Exception {
        Path file = dir.resolve("a.raw");
        Files.write(file, audio(100));
        active("a", "1.1", file);

        filer.callEnded(AsteriskServers.ANY, "1.1", null);

        Recording r = store.byId("a").orElseThrow();
        assertEquals(RecordingStatus.FILED, r.status());
        assertEquals(100L, r.sizeBytes());
        assertEquals("bce0aff19cf5aa6a7469a30d61d04e4376e4bbf6381052ee9e7f33925c954d52", r.sha256());
        assertEquals(ENDED, r.ended());
        assertEquals(ENDED.plus(Duration.ofDays(30)), r.retentionUntil());
    }

    @Test
    void theFiledHashIsTheOneTheVaultTookInItsSingleReadOfTheAudio() throws Exception {
        Path file = Files.write(dir.resolve("h.raw"), audio(100));
        Path sealed = dir.resolve("h.raw.enc");
        String readWhileSealing = "ab".repeat(32);
        java.util.List<Long> sizes = new java.util.ArrayList<>();
        AudioVault sealing = new AudioVault() {
            @Override
            public boolean encrypts() {
                return true;
            }

            @Override
            public Kept seal(String recordingId, Path plaintext, long sizeBytes) throws java.io.IOException {
                sizes.add(sizeBytes);
                Files.move(plaintext, sealed);  // the plaintext is gone once sealed: filing cannot read it again
                return new Kept(sealed, readWhileSealing);
            }

            @Override
            public java.nio.channels.SeekableByteChannel open(String recordingId, Path f) {
                throw new UnsupportedOperationException();
            }

            @Override
            public boolean isSealed(Path f) {
                return f.equals(sealed);
            }

            @Override
            public void shred(String recordingId) {
            }
        };
        RecordingFiler sealingFiler = new RecordingFiler(store, Clock.fixed(ENDED, ZoneOffset.UTC), GatewayMetrics.NOOP,
                Duration.ofMillis(5), new AuditNotes(trail), sealing);
        active("h", "1.9", file);

        sealingFiler.callEnded(AsteriskServers.ANY, "1.9", null);

        Recording r = store.byId("h").orElseThrow();
        assertEquals(RecordingStatus.FILED, r.status());
        assertEquals(readWhileSealing, r.sha256(), "filing keeps the hash of the bytes that were sealed, not a hash of its own read");
        assertEquals(List.of(100L), sizes, "the vault is told the settled size, to refuse a file that reads otherwise");
        assertEquals(sealed.toString(), r.filePath());
        assertEquals(readWhileSealing, trail.events().getLast().details().get("sha256"));
    }

    @Test
    void aMixMonitorTheGatewayDidNotStopDoesNotFileItsRunningRecording() throws Exception {
        Path file = Files.write(dir.resolve("c.raw"), audio(100));
        active("c", "1.5", file);

        filer.mixMonitorStopped(AsteriskServers.ANY, "1.5");

        assertEquals(RecordingStatus.ACTIVE, store.byId("c").orElseThrow().status(), "the PBX's own MixMonitor stopped, not ours");
        filer.callEnded(AsteriskServers.ANY, "1.5", null);
        assertEquals(RecordingStatus.FILED, store.byId("c").orElseThrow().status(), "filed once, when the call ends");
    }

    @Test
    void theStopOfAMixMonitorTheGatewayStoppedFilesItsRecordingOnce() throws Exception {
        Path file = Files.write(dir.resolve("d.raw"), audio(100));
        active("d", "1.6", file);

        filer.stopRequested("d");
        filer.mixMonitorStopped(AsteriskServers.ANY, "1.6");

        Recording r = store.byId("d").orElseThrow();
        assertEquals(RecordingStatus.FILED, r.status());
        filer.mixMonitorStopped(AsteriskServers.ANY, "1.6");
        filer.callEnded(AsteriskServers.ANY, "1.6", null);
        assertEquals(r, store.byId("d").orElseThrow(), "filed once");
    }

    @Test
    void aRecordingWhoseCallWasNeverBridgedIsDeletedAndKeptAsAFact() throws Exception {
        Path file = Files.write(dir.resolve("e.raw"), new byte[4_000]);
        active("e", "1.7", file);
        filer.watchingBridgesSince(AsteriskServers.ANY, STARTED.minusSeconds(60));

        filer.callEnded(AsteriskServers.ANY, "1.7", null);

        Recording r = store.byId("e").orElseThrow();
        assertEquals(RecordingStatus.DELETED, r.status());
        assertEquals(4_000L, r.sizeBytes(), "the size of what was deleted");
        assertEquals(64, r.sha256().length(), "the hash of what was deleted");
        assertFalse(Files.exists(file));
        assertEquals(RecordingFiler.NEVER_BRIDGED, store.callFacts("e").orElseThrow().endReason());
        var deleted = trail.forRecording("e").getFirst();
        assertEquals(org.recgateway.audit.AuditAction.RECORDING_DELETED, deleted.action());
        assertEquals("never-bridged", deleted.details().get("endReason"));
    }

    @Test
    void aRecordingWhoseCallWasBridgedIsFiled() throws Exception {
        Path file = Files.write(dir.resolve("f.raw"), new byte[4_000]);
        active("f", "1.8", file);
        filer.watchingBridgesSince(AsteriskServers.ANY, STARTED.minusSeconds(60));

        filer.callBridged(AsteriskServers.ANY, "1.0", STARTED.plusSeconds(10));
        filer.callEnded(AsteriskServers.ANY, "1.8", null);

        assertEquals(RecordingStatus.FILED, store.byId("f").orElseThrow().status());
        assertEquals(STARTED.plusSeconds(10), store.callFacts("f").orElseThrow().bridgedAt());
    }

    @Test
    void aRecordingStoppedBeforeItsCallWasEverBridgedIsNotMarkedBridgedByALaterBridge() throws Exception {
        Path file = Files.write(dir.resolve("s.raw"), new byte[4_000]);
        active("s", "1.11", file);
        filer.watchingBridgesSince(AsteriskServers.ANY, STARTED.minusSeconds(60));
        // stopped for a called party who did not hear the notice, who is then bridged with the caller
        store.endReason("s", TransferStop.CALLED_PARTY_NOT_TOLD);

        filer.callBridged(AsteriskServers.ANY, "1.0", STARTED.plusSeconds(10));
        filer.callEnded(AsteriskServers.ANY, "1.11", null);

        assertEquals(null, store.callFacts("s").orElseThrow().bridgedAt());
        assertEquals(RecordingStatus.DELETED, store.byId("s").orElseThrow().status(), "it reached no person while it recorded");
        assertFalse(Files.exists(file));
    }

    @Test
    void whenBridgeEventsMayHaveBeenMissedTheAudioIsKept() throws Exception {
        Path before = Files.write(dir.resolve("g.raw"), new byte[4_000]);
        active("g", "1.9", before);
        filer.watchingBridgesSince(AsteriskServers.ANY, STARTED.plusSeconds(1));  // AMI came back after the recording started

        filer.callEnded(AsteriskServers.ANY, "1.9", null);
        assertEquals(RecordingStatus.FILED, store.byId("g").orElseThrow().status());

        Path down = Files.write(dir.resolve("h.raw"), new byte[4_000]);
        active("h", "1.10", down);
        filer.notWatchingBridges(AsteriskServers.ANY);  // AMI is down
        filer.callEnded(AsteriskServers.ANY, "1.10", null);
        assertEquals(RecordingStatus.FILED, store.byId("h").orElseThrow().status());
    }

    @Test
    void aHeaderOnlyFileIsNeverFiledAsARecording() throws Exception {
        Path file = Files.write(dir.resolve("i.raw"), new byte[44]);
        active("i", "1.11", file);

        filer.callEnded(AsteriskServers.ANY, "1.11", null);

        assertEquals(RecordingStatus.DELETED, store.byId("i").orElseThrow().status());
        assertEquals(RecordingFiler.NO_AUDIO, store.callFacts("i").orElseThrow().endReason());
        assertFalse(Files.exists(file));
    }

    @Test
    void recordingWhoseFileNeverAppearedIsFiledAsMissing() {
        active("b", "1.2", dir.resolve("never.raw"));

        filer.callEnded(AsteriskServers.ANY, "1.2", null);

        Recording r = store.byId("b").orElseThrow();
        assertEquals(RecordingStatus.MISSING, r.status());
        assertNull(r.sha256());
    }

    @Test
    void reconciliationFilesOnlyRecordingsWhoseChannelIsGone() throws Exception {
        Path live = Files.write(dir.resolve("live.raw"), audio(50));
        Path gone = Files.write(dir.resolve("gone.raw"), audio(60));
        active("live", "1.3", live);
        active("gone", "1.4", gone);

        assertEquals(1, filer.reconciliation().reconcile(AsteriskServers.ANY, Set.of("1.3")));

        assertEquals(RecordingStatus.ACTIVE, store.byId("live").orElseThrow().status());
        assertEquals(RecordingStatus.FILED, store.byId("gone").orElseThrow().status());
    }

    @Test
    void onceReconciledAHangupOrBridgeOfAChannelThatRecordsNothingCostsNoStoreRead() throws Exception {
        filer.reconciliation().reconcile(AsteriskServers.ANY, Set.of());  // the first reconciliation (at AMI login) tells the index what the store holds
        int before = store.finds();

        filer.callEnded(AsteriskServers.ANY, "9.1", null);
        filer.callBridged(AsteriskServers.ANY, "9.1", STARTED);
        filer.mixMonitorStopped(AsteriskServers.ANY, "9.1");

        assertEquals(before, store.finds(), "no store read for calls the gateway does not record");
    }

    @Test
    void aRecordingNotedBeforeItsInsertIsFiledAtItsHangup() throws Exception {
        filer.reconciliation().reconcile(AsteriskServers.ANY, Set.of());
        Path file = Files.write(dir.resolve("n.raw"), audio(100));
        filer.channels().starting("1.20", "1.0");  // as RecordingStart does, before the insert
        active("n", "1.20", file);

        filer.callEnded(AsteriskServers.ANY, "1.20", null);

        assertEquals(RecordingStatus.FILED, store.byId("n").orElseThrow().status());
        assertFalse(filer.channels().mayRecord("1.20"), "a hung-up channel leaves the index");
    }

    @Test
    void aRecordingAnotherGatewayLeftActiveIsWatchedFromTheNextReconciliation() throws Exception {
        filer.reconciliation().reconcile(AsteriskServers.ANY, Set.of());
        Path file = Files.write(dir.resolve("o.raw"), audio(100));
        active("o", "1.21", file);  // inserted by another gateway: this one never noted it

        filer.callEnded(AsteriskServers.ANY, "1.21", null);
        assertEquals(RecordingStatus.ACTIVE, store.byId("o").orElseThrow().status(), "not known yet: no store read");

        filer.reconciliation().reconcile(AsteriskServers.ANY, Set.of("1.21"));  // its channel is still live: not filed, but noted
        filer.callEnded(AsteriskServers.ANY, "1.21", null);
        assertEquals(RecordingStatus.FILED, store.byId("o").orElseThrow().status());
    }

    @Test
    void beforeTheFirstReconciliationEveryHangupAsksTheStore() throws Exception {
        Path file = Files.write(dir.resolve("p.raw"), audio(100));
        active("p", "1.22", file);  // e.g. left active by the previous run

        filer.callEnded(AsteriskServers.ANY, "1.22", null);

        assertEquals(RecordingStatus.FILED, store.byId("p").orElseThrow().status());
    }

    @Test
    void aSecondEndSignalDoesNotFileAgain() throws Exception {
        Path file = Files.write(dir.resolve("c.raw"), audio(100));
        active("c", "1.5", file);
        filer.callEnded(AsteriskServers.ANY, "1.5", null);
        Files.write(file, audio(200));

        filer.callEnded(AsteriskServers.ANY, "1.5", null);

        assertEquals(100L, store.byId("c").orElseThrow().sizeBytes());
    }

    /** {@code n} bytes 0, 1, 2 ...: more than a WAV header, so the filer keeps it. */
    private static byte[] audio(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) i;
        }
        return b;
    }

    private static Path wav(Path file, long audioSeconds, Instant lastWritten) throws Exception {
        Files.write(file, new byte[(int) (WholeFile.HEADER_ONLY_BYTES + audioSeconds * 16_000)]);
        Files.setLastModifiedTime(file, java.nio.file.attribute.FileTime.from(lastWritten));
        return file;
    }

    @Test
    void aFileShorterThanItsCallIsFiledIncompleteNeverAsAGoodRecording() throws Exception {
        // 3 s of audio for a call that went on until 19 s after the start (e.g. the recordings disk filled up)
        Path file = wav(dir.resolve("short.wav"), 3, STARTED.plusSeconds(19));
        active("s", "1.9", file);

        filer.callEnded(AsteriskServers.ANY, "1.9", null);

        Recording r = store.byId("s").orElseThrow();
        assertEquals(RecordingStatus.INCOMPLETE, r.status());
        assertEquals(48_044L, r.sizeBytes());
        assertTrue(trail.events().stream().anyMatch(e -> "s".equals(e.recordingId()) && e.details().containsKey("incomplete")),
                trail.events().toString());
    }

    @Test
    void aFileAsLongAsItsCallIsFiledWithTheEndTimeItsFileShowsNotTheFilingTime() throws Exception {
        // filed at ENDED (5 minutes after the start, e.g. after the store was locked), but the call ended at 20 s
        Path file = wav(dir.resolve("whole.wav"), 20, STARTED.plusSeconds(20));
        active("w", "1.8", file);

        filer.callEnded(AsteriskServers.ANY, "1.8", null);

        Recording r = store.byId("w").orElseThrow();
        assertEquals(RecordingStatus.FILED, r.status());
        assertEquals(STARTED.plusSeconds(20), r.ended());
        assertEquals(20_000L, r.durationMillis());
    }

    @Test
    void theDurationIsCountedFromTheBridgeNotFromTheStartOfRinging() throws Exception {
        // 10 s of audio; the call rang 30 s before it was bridged, then talked 10 s
        Path file = wav(dir.resolve("rang.wav"), 10, STARTED.plusSeconds(40));
        active("b", "1.7", file);
        store.bridged("b", STARTED.plusSeconds(30));

        filer.callEnded(AsteriskServers.ANY, "1.7", null);

        assertEquals(RecordingStatus.FILED, store.byId("b").orElseThrow().status());
    }

    @Test
    void aFilingThatFailsLeavesTheRecordingActiveAndTheNextReconciliationFilesIt() throws Exception {
        Path file = wav(dir.resolve("retry.wav"), 20, STARTED.plusSeconds(20));
        active("r", "1.6", file);
        store.failUpdates(true);

        filer.callEnded(AsteriskServers.ANY, "1.6", null);
        assertEquals(RecordingStatus.ACTIVE, store.byId("r").orElseThrow().status());

        store.failUpdates(false);
        filer.reconciliation().reconcile(AsteriskServers.ANY, java.util.Set.of());
        Recording r = store.byId("r").orElseThrow();
        assertEquals(RecordingStatus.FILED, r.status());
        assertEquals(STARTED.plusSeconds(20), r.ended(), "the end time is the call's, not the filing's");
    }

    @Test
    void aFileThatStoppedGrowingBeforeTheHangupIsMeasuredAgainstTheCallEvenWhenFilingIsRetried() throws Exception {
        // the disk filled 3 s into a call that Asterisk said hung up at 19 s: the file's last write says 3 s
        Path file = wav(dir.resolve("cut.wav"), 3, STARTED.plusSeconds(3));
        active("x", "1.5", file);
        store.failUpdates(true);
        filer.callEnded(AsteriskServers.ANY, "1.5", STARTED.plusSeconds(19));
        assertEquals(RecordingStatus.ACTIVE, store.byId("x").orElseThrow().status());

        store.failUpdates(false);
        filer.reconciliation().reconcile(AsteriskServers.ANY, java.util.Set.of());

        Recording r = store.byId("x").orElseThrow();
        assertEquals(RecordingStatus.INCOMPLETE, r.status());
        assertEquals(STARTED.plusSeconds(19), r.ended());
    }
}
