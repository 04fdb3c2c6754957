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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recgateway.audit.AuditAction;
import org.recgateway.metrics.GatewayMetrics;
import org.recgateway.policy.LegalBasis;
import org.recgateway.policy.Purpose;
import org.recgateway.testing.InMemoryAuditTrail;
import org.recgateway.testing.InMemoryRecordingStore;

class TransferStopTest {
    private static final Instant T = Instant.parse("2026-11-30T10:00:00Z");
    @TempDir
    Path dir;
    private final InMemoryRecordingStore store = new InMemoryRecordingStore();
    private final InMemoryAuditTrail trail = new InMemoryAuditTrail(Clock.fixed(T, ZoneOffset.UTC));
    private final RecordingFiler filer = new RecordingFiler(store, Clock.fixed(T.plusSeconds(60), ZoneOffset.UTC),
            GatewayMetrics.NOOP, Duration.ofMillis(1), new AuditNotes(trail));
    private final List<String> stops = new ArrayList<>();
    private final TransferStop transfers = new TransferStop(store, filer, new Recorder() {
        @Override
        public String start(String channel, String file) {
            return "x";
        }

        @Override
        public void stop(String channel, String mixMonitorId) {
            stops.add(channel + " " + mixMonitorId);
        }
    }, GatewayMetrics.NOOP);
    /** The {@code gateway.recordings} events counted by {@link #refused} and {@link #counted}. */
    private final List<String> counted = new ArrayList<>();
    private final GatewayMetrics counting = new GatewayMetrics() {
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
            counted.add(event);
        }
    };
    /** A stop over an AMI link that fails (Asterisk did not answer or refused the StopMixMonitor action). */
    private final TransferStop refused = new TransferStop(store, filer, new Recorder() {
        @Override
        public String start(String channel, String file) {
            return "x";
        }

        @Override
        public void stop(String channel, String mixMonitorId) {
            throw new IllegalStateException("StopMixMonitor timed out");
        }
    }, counting);
    /** As {@link #transfers}, with its events counted in {@link #counted}. */
    private final TransferStop countedTransfers = new TransferStop(store, filer, new Recorder() {
        @Override
        public String start(String channel, String file) {
            return "x";
        }

        @Override
        public void stop(String channel, String mixMonitorId) {
            stops.add(channel + " " + mixMonitorId);
        }
    }, counting);

    private Recording active(String id, String linkedId) throws Exception {
        Path file = Files.write(dir.resolve(id + ".wav"), new byte[1_000]);
        // the file's last write is the end of its (short) audio, as MixMonitor leaves it
        Files.setLastModifiedTime(file, java.nio.file.attribute.FileTime.from(T.plusMillis(100)));
        Recording r = Recording.active(id, new RecordedCall("u-" + id, linkedId, "PJSIP/caller-" + id, "0612", "1001"), new Evidence("rule", null, null), new PurposeSet(Purpose.QUALITY, LegalBasis.LEGITIMATE_INTEREST, java.time.Duration.ofDays(30), null, List.of()), file.toString(), T);
        store.insert(r);
        store.mixMonitorStarted(id, "mm-" + id);
        store.bridged(id, T);
        return r;
    }

    @Test
    void aTransferStopsTheCallsRecordingByItsIdAndItIsFiledWithTheReason() throws Exception {
        Recording a = active("a", "1.0");
        active("b", "2.0");

        assertTrue(transfers.stop(a, "blind", Map.of("why", "the party the call went to heard no notice")));

        assertEquals(List.of("PJSIP/caller-a mm-a"), stops, "only the transferred call's own MixMonitor, by id");
        assertEquals(TransferStop.TRANSFERRED, store.callFacts("a").orElseThrow().endReason());
        assertEquals(AuditAction.RECORDING_STOPPED_FOR_TRANSFER, trail.forRecording("a").getFirst().action());
        filer.mixMonitorStopped(AsteriskServers.ANY, "u-a");
        assertEquals(RecordingStatus.FILED, store.byId("a").orElseThrow().status(), "what was recorded before the transfer is kept");
        assertEquals(RecordingStatus.ACTIVE, store.byId("b").orElseThrow().status());
    }

    @Test
    void aRecordingWithoutAStoredMixMonitorIdIsNotStoppedSoNoOtherMixMonitorIsTouched() throws Exception {
        Path file = Files.write(dir.resolve("c.wav"), new byte[1_000]);
        Recording c = Recording.active("c", new RecordedCall("u-c", "3.0", "PJSIP/caller-c", "0612", "1001"), new Evidence("rule", null, null), new PurposeSet(Purpose.QUALITY, LegalBasis.LEGITIMATE_INTEREST, java.time.Duration.ofDays(30), null, List.of()), file.toString(), T);
        store.insert(c);

        assertFalse(transfers.stop(c, "attended", Map.of()));

        assertEquals(List.of(), stops);
        assertEquals(RecordingStatus.ACTIVE, store.byId("c").orElseThrow().status(), "filed when its call ends");
        assertTrue(trail.forRecording("c").isEmpty());
    }

    @Test
    void aRecordingLeftRunningForWantOfItsMixMonitorIdIsCountedNotOnlyLogged() throws Exception {
        Path file = Files.write(dir.resolve("f.wav"), new byte[1_000]);
        Recording f = Recording.active("f", new RecordedCall("u-f", "6.0", "PJSIP/caller-f", "0612", "1001"), new Evidence("rule", null, null), new PurposeSet(Purpose.QUALITY, LegalBasis.LEGITIMATE_INTEREST, java.time.Duration.ofDays(30), null, List.of()), file.toString(), T);
        store.insert(f);  // its MixMonitor id was never stored (a queued write that failed)

        assertFalse(countedTransfers.stop(f, "blind", Map.of()));

        assertEquals(List.of(TransferStop.STOP_NO_ID), counted, "a party who was not told is being recorded: counted");
        assertEquals(List.of(), stops, "no stop without the id");
        assertNull(store.callFacts("f").orElseThrow().endReason(), "not stopped: no end reason says it was");
        assertEquals(RecordingStatus.ACTIVE, store.byId("f").orElseThrow().status(), "filed when its call ends");
    }

    @Test
    void aStopAsteriskDidNotCarryOutLeavesNoEndReasonNorStopRequestAndIsCounted() throws Exception {
        Path file = Files.write(dir.resolve("d.wav"), new byte[1_000]);
        Recording d = Recording.active("d", new RecordedCall("u-d", "4.0", "PJSIP/caller-d", "0612", "1001"), new Evidence("rule", null, null), new PurposeSet(Purpose.QUALITY, LegalBasis.LEGITIMATE_INTEREST, java.time.Duration.ofDays(30), null, List.of()), file.toString(), T);
        store.insert(d);
        store.mixMonitorStarted("d", "mm-d");  // not bridged yet: the called party was about to join

        assertFalse(refused.stop(d, "called-party", TransferStop.CALLED_PARTY_NOT_TOLD, Map.of()));

        assertEquals(List.of(TransferStop.STOP_FAILED), counted);
        assertNull(store.callFacts("d").orElseThrow().endReason(), "it was not stopped: no end reason says it was");
        assertTrue(trail.forRecording("d").isEmpty(), "no stop is audited");
        filer.mixMonitorStopped(AsteriskServers.ANY, "u-d");  // some other MixMonitor on the channel stopped
        assertEquals(RecordingStatus.ACTIVE, store.byId("d").orElseThrow().status(), "no stale stop request files it");
        filer.callBridged(AsteriskServers.ANY, "4.0", T.plusSeconds(5));
        assertEquals(T.plusSeconds(5), store.callFacts("d").orElseThrow().bridgedAt(), "a later bridge of the call still counts");
    }

    @Test
    void aStopThatWentThroughKeepsItsEndReasonAndIsNotCountedAsFailed() throws Exception {
        Recording e = active("e", "5.0");

        assertTrue(countedTransfers.stop(e, "called-party", TransferStop.CALLED_PARTY_NOT_TOLD, Map.of()));

        assertEquals(TransferStop.CALLED_PARTY_NOT_TOLD, store.callFacts("e").orElseThrow().endReason());
        assertEquals(List.of(), counted);
        filer.mixMonitorStopped(AsteriskServers.ANY, "u-e");
        assertEquals(RecordingStatus.FILED, store.byId("e").orElseThrow().status(), "its own MixMonitorStop files it");
    }
}
