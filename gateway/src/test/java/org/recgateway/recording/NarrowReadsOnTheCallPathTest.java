package org.recgateway.recording;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.AdditionalAnswers.delegatesTo;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.clearInvocations;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recgateway.metrics.GatewayMetrics;
import org.recgateway.policy.CallAttributes;
import org.recgateway.policy.LegalBasis;
import org.recgateway.policy.PolicyDecision;
import org.recgateway.policy.Purpose;
import org.recgateway.policy.PurposeTerms;
import org.recgateway.testing.FixedPromptLibrary;
import org.recgateway.testing.InMemoryAuditTrail;
import org.recgateway.testing.InMemoryRecordingStore;
import org.recgateway.testing.ScriptedCall;

/**
 * A recorded call's path reads its recordings narrowly (issue 13: full reads, every column with the purposes and the
 * consent evidence, were ~6 % of the gateway's CPU): the FastAGI start, the bridge, the MixMonitor stop and the hangup
 * read {@link RecordingStore.Summary summaries}, and so does the periodic reconciliation; only filing reads the recording
 * whole, once. The store is watched through a Mockito mock that hands every call to an in-memory store.
 */
class NarrowReadsOnTheCallPathTest {
    private static final Instant STARTED = Instant.parse("2026-11-29T10:00:00Z");
    private static final Clock CLOCK = Clock.fixed(STARTED.plusSeconds(300), ZoneOffset.UTC);
    private static final CallAttributes CALL = new CallAttributes("from-external", "1001", "1001", "0612345678",
            "Caller", "nl", "PJSIP/sipp-1", "1700000000.1", "1700000000.0", List.of());

    @TempDir
    Path dir;

    private final InMemoryRecordingStore memory = new InMemoryRecordingStore();
    private final RecordingStore store = mock(RecordingStore.class, delegatesTo(memory));
    private final RecordingFiler filer = new RecordingFiler(store, CLOCK, GatewayMetrics.NOOP, Duration.ofMillis(1),
            new AuditNotes(new InMemoryAuditTrail(CLOCK)));

    /** An active recording of channel {@code uniqueId} in call {@code 1.0}, its file of 100 bytes (.raw: not measured). */
    private void active(String id, String uniqueId) throws Exception {
        active(id, uniqueId, Files.write(dir.resolve(id + ".raw"), new byte[100]));
    }

    private void active(String id, String uniqueId, Path file) {
        memory.insert(Recording.active(id, new RecordedCall(uniqueId, "1.0", "PJSIP/x-1", "0611", "1001"),
                new Evidence("default", null, null), PurposeSet.of(Purpose.QUALITY, LegalBasis.LEGITIMATE_INTEREST,
                        Duration.ofDays(30)), file.toString(), STARTED));
    }

    private void verifyNoFullRead() {
        verify(store, never()).find(any());
        verify(store, never()).byId(anyString());
        verify(store, never()).active();
    }

    @Test
    void aBridgeMarksTheCallWithoutReadingItsRecordingsWhole() throws Exception {
        active("a", "1.1");

        filer.callBridged(AsteriskServers.ANY, "1.0", STARTED.plusSeconds(10));

        assertEquals(STARTED.plusSeconds(10), memory.callFacts("a").orElseThrow().bridgedAt());
        verifyNoFullRead();
    }

    @Test
    void aHangupReadsTheRecordingWholeOnlyOnceToFileIt() throws Exception {
        active("a", "1.1");

        filer.callEnded(AsteriskServers.ANY, "1.1", null);

        assertEquals(RecordingStatus.FILED, memory.byId("a").orElseThrow().status());
        verify(store, never()).find(any());
        verify(store, times(1)).byId("a");
    }

    @Test
    void aFilingReadsItsCallsFactsOnceForTheBridgeAndForTheLengthCheck() throws Exception {
        filer.watchingBridgesSince(AsteriskServers.ANY, STARTED.minusSeconds(1));  // so "never bridged?" is asked
        active("w", "1.3", Files.write(dir.resolve("w.wav"), new byte[44 + 16_000 * 10]));  // 10 s of 8 kHz 16-bit audio
        filer.callBridged(AsteriskServers.ANY, "1.0", STARTED.plusSeconds(2));
        clearInvocations(store);

        filer.callEnded(AsteriskServers.ANY, "1.3", STARTED.plusSeconds(12));

        assertEquals(RecordingStatus.FILED, memory.byId("w").orElseThrow().status(), "bridged, and 10 s from the bridge: whole");
        verify(store, times(1)).callFacts("w");
    }

    @Test
    void theStopOfTheGatewaysOwnMixMonitorReadsTheRecordingWholeOnlyOnceToFileIt() throws Exception {
        active("a", "1.1");
        filer.stopRequested("a");

        filer.mixMonitorStopped(AsteriskServers.ANY, "1.1");

        assertEquals(RecordingStatus.FILED, memory.byId("a").orElseThrow().status());
        verify(store, never()).find(any());
        verify(store, times(1)).byId("a");
    }

    @Test
    void aStopAsteriskDidNotCarryOutIsTakenBackWithoutAFullRead() throws Exception {
        active("a", "1.1");
        filer.stopRequested("a");
        memory.endReason("a", "objection");

        assertTrue(filer.withdrawStop("a"));

        assertNull(memory.callFacts("a").orElseThrow().endReason());
        verifyNoFullRead();
    }

    @Test
    void theReconciliationListsTheActiveRecordingsNarrowlyAndReadsWholeOnlyTheOneItFiles() throws Exception {
        active("gone", "1.1");
        active("live", "1.2");

        assertEquals(1, filer.reconciliation().reconcile(AsteriskServers.ANY, java.util.Set.of("1.2")));

        assertEquals(RecordingStatus.FILED, memory.byId("gone").orElseThrow().status());
        assertEquals(RecordingStatus.ACTIVE, memory.byId("live").orElseThrow().status());
        verify(store, never()).active();
        verify(store, never()).find(any());
        verify(store, times(1)).byId(anyString());
        verify(store, times(1)).byId("gone");
    }

    @Test
    void theFastAgiStartAsksForARunningRecordingNarrowlyAndReadsOnlyTheOneItFindsWhole() throws Exception {
        PolicyDecision.Record plan = new PolicyDecision.Record("rule", List.of(new PurposeTerms(Purpose.QUALITY,
                LegalBasis.LEGITIMATE_INTEREST, Duration.ofDays(30))), "notice-quality", "nl", 100, Optional.empty());
        NoticeThenRecord lifecycle = new NoticeThenRecord(c -> plan, FixedPromptLibrary.withQuestions(), store,
                new RecordingFiles("/var/spool/asterisk/recording-gateway", dir, "wav"), filer, CLOCK, GatewayMetrics.NOOP,
                new java.util.Random(1), StartConditions.ALWAYS);

        NoticeThenRecord.Outcome first = lifecycle.handle(CALL, new ScriptedCall());

        assertEquals("recording", first.status());
        verifyNoFullRead();
        clearInvocations(store);

        NoticeThenRecord.Outcome second = lifecycle.handle(CALL, new ScriptedCall());

        assertEquals(new NoticeThenRecord.Outcome("recording", first.recordingId(), RecordingReason.ALREADY_RECORDED), second);
        verify(store, never()).find(any());
        verify(store, times(1)).byId(first.recordingId());
    }
}
