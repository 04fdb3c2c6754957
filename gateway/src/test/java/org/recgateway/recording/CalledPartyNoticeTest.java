package org.recgateway.recording;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.random.RandomGenerator;

import org.junit.jupiter.api.Test;
import org.recgateway.audit.AuditAction;
import org.recgateway.audit.AuditEvent;
import org.recgateway.metrics.GatewayMetrics;
import org.recgateway.policy.CallAttributes;
import org.recgateway.policy.Direction;
import org.recgateway.policy.LegalBasis;
import org.recgateway.policy.PolicyDecision;
import org.recgateway.policy.Purpose;
import org.recgateway.policy.PurposeTerms;
import org.recgateway.prompts.PromptLibrary;
import org.recgateway.recording.CallControl.CallGoneException;
import org.recgateway.recording.CallControl.Playback;
import org.recgateway.testing.FixedPromptLibrary;
import org.recgateway.testing.InMemoryAuditTrail;
import org.recgateway.testing.InMemoryRecordingStore;
import org.recgateway.testing.ScriptedCall;

/**
 * A called party put through into a call that is already recorded (a recorded inbound call forwarded to an outside
 * number) is recorded only after hearing the running recording's notice to the end: every other way in ends with
 * that recording stopped by its MixMonitor id before the bridge, or with the dialplan told not to bridge them.
 */
class CalledPartyNoticeTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-30T10:00:00Z"), ZoneOffset.UTC);
    private static final CallAttributes CALLER = new CallAttributes("from-external", "1001", "1001", "0612345678",
            "Caller", "nl", "PJSIP/sipp-1", "1700000000.1", "1700000000.1", List.of());
    private static final CallAttributes CALLED = new CallAttributes("to-external-recorded", "0201234567", "0201234567",
            "0612345678", "Caller", "nl", "PJSIP/trunk-3", "1700000000.3", CALLER.linkedId(), List.of(), Direction.OUTBOUND);
    private static final PurposeTerms CONTRACT = new PurposeTerms(Purpose.CONTRACT_EVIDENCE, LegalBasis.CONTRACT, Duration.ofDays(365));
    private static final PolicyDecision PLAN = new PolicyDecision.Record("inbound", List.of(CONTRACT), "notice-quality", "nl",
            100, Optional.empty());

    private final InMemoryRecordingStore store = new InMemoryRecordingStore();
    private final InMemoryAuditTrail audit = new InMemoryAuditTrail(Clock.systemUTC());
    private final List<String> stops = new ArrayList<>();
    private boolean asteriskStops = true;
    private final Recorder recorder = new Recorder() {
        @Override
        public String start(String channel, String asteriskFile) {
            throw new AssertionError("no second MixMonitor");
        }

        @Override
        public void stop(String channel, String mixMonitorId) {
            if (!asteriskStops) {
                throw new IllegalStateException("AMI is not connected");
            }
            stops.add(channel + " " + mixMonitorId);
        }
    };

    private NoticeThenRecord lifecycle(PromptLibrary prompts) {
        RecordingFiles files = new RecordingFiles("/var/spool/asterisk/recording-gateway", Path.of("/tmp/rg-test"), "wav");
        RecordingFiler filer = new RecordingFiler(store, CLOCK, GatewayMetrics.NOOP, Duration.ofMillis(1), new AuditNotes(audit));
        RandomGenerator draw = new RandomGenerator() {
            @Override
            public long nextLong() {
                return 0;
            }

            @Override
            public int nextInt(int bound) {
                return 0;
            }
        };
        return new NoticeThenRecord(c -> PLAN, prompts, store, files, filer, CLOCK, GatewayMetrics.NOOP, draw,
                StartConditions.ALWAYS, recorder);
    }

    /** The caller's recording, started by the caller's AGI(record) after the whole notice. */
    private Recording recordedCall() throws CallGoneException {
        lifecycle(FixedPromptLibrary.withQuestions()).handle(CALLER, new ScriptedCall());
        Recording r = store.all().getFirst();
        assertEquals(ScriptedCall.MIXMONITOR_ID, store.callFacts(r.id()).orElseThrow().mixMonitorId());
        return r;
    }

    @Test
    void aCalledPartyWhoHeardTheNoticeToTheEndJoinsTheRecordingAndIsListedWithIt() throws Exception {
        Recording r = recordedCall();
        ScriptedCall called = new ScriptedCall();

        NoticeThenRecord.Outcome outcome = lifecycle(FixedPromptLibrary.withQuestions()).handle(CALLED, called);

        assertEquals(new NoticeThenRecord.Outcome("recording", r.id(), RecordingReason.ALREADY_RECORDED), outcome);
        assertEquals("recording", called.variable("RECORDING_STATUS"));
        assertEquals(List.of(), stops);
        RecordedParty party = store.parties().of(r.id()).getFirst();
        assertEquals("PJSIP/trunk-3", party.channel());
        assertEquals("notice-quality v1 nl", party.notice());
        assertTrue(party.playedToEnd());
    }

    @Test
    void aNoticeAsteriskCouldNotPlayStopsTheRunningRecordingByItsIdBeforeTheBridge() throws Exception {
        Recording r = recordedCall();
        ScriptedCall called = new ScriptedCall().playsAs("notice-quality", new Playback(false, 0));

        NoticeThenRecord.Outcome outcome = lifecycle(FixedPromptLibrary.withQuestions()).handle(CALLED, called);

        assertStoppedFor(r, called, outcome);
    }

    @Test
    void aNoticeCutShortWithoutAHangupStopsTheRunningRecording() throws Exception {
        Recording r = recordedCall();
        ScriptedCall called = new ScriptedCall().playsAs("notice-quality", new Playback(true, FixedPromptLibrary.QUALITY_SAMPLES / 2));

        NoticeThenRecord.Outcome outcome = lifecycle(FixedPromptLibrary.withQuestions()).handle(CALLED, called);

        assertStoppedFor(r, called, outcome);
    }

    @Test
    void aNoticeInterruptedByAKeyStopsTheRunningRecording() throws Exception {
        Recording r = recordedCall();
        ScriptedCall called = new ScriptedCall().playsAs("notice-quality", new Playback(false, 800, Optional.of('5')));

        NoticeThenRecord.Outcome outcome = lifecycle(FixedPromptLibrary.withQuestions()).handle(CALLED, called);

        assertStoppedFor(r, called, outcome);
    }

    @Test
    void aNoticeMissingFromThePromptLibraryStopsTheRunningRecordingAndPlaysNothing() throws Exception {
        Recording r = recordedCall();
        ScriptedCall called = new ScriptedCall();

        // e.g. the prompts were reloaded without the notice the caller heard
        NoticeThenRecord.Outcome outcome = lifecycle(new FixedPromptLibrary(List.of())).handle(CALLED, called);

        assertEquals(List.of(), called.actions());
        assertStoppedFor(r, called, outcome);
        assertEquals("none", told(r).get("prompt"));
    }

    @Test
    void whenTheRecordingCannotBeStoppedTheDialplanIsToldNotToBridgeTheCalledParty() throws Exception {
        Recording r = recordedCall();
        asteriskStops = false;
        ScriptedCall called = new ScriptedCall().playsAs("notice-quality", new Playback(false, 0));

        NoticeThenRecord.Outcome outcome = lifecycle(FixedPromptLibrary.withQuestions()).handle(CALLED, called);

        assertEquals(new NoticeThenRecord.Outcome("recording", r.id(), RecordingReason.CALLED_PARTY_NOT_TOLD), outcome);
        assertEquals("recording", called.variable("RECORDING_STATUS"));
        assertEquals("called-party-not-told", called.variable("RECORDING_REASON"));
        assertTrue(store.parties().of(r.id()).isEmpty());
        assertTrue(audit.forRecording(r.id()).stream().noneMatch(e -> e.action() == AuditAction.RECORDING_STOPPED_FOR_TRANSFER));
    }

    @Test
    void withoutAStoredMixMonitorIdNothingIsStoppedBlindlyAndTheDialplanIsToldNotToBridge() throws Exception {
        Recording r = recordedCall();
        store.mixMonitorStarted(r.id(), null);
        ScriptedCall called = new ScriptedCall().playsAs("notice-quality", new Playback(false, 0));

        NoticeThenRecord.Outcome outcome = lifecycle(FixedPromptLibrary.withQuestions()).handle(CALLED, called);

        assertEquals(List.of(), stops, "a stop without an id could hit another MixMonitor");
        assertEquals(new NoticeThenRecord.Outcome("recording", r.id(), RecordingReason.CALLED_PARTY_NOT_TOLD), outcome);
    }

    @Test
    void aCalledPartyWhoHangsUpDuringTheNoticeLeavesTheCallersRecordingRunning() throws Exception {
        Recording r = recordedCall();

        assertThrows(CallGoneException.class, () -> lifecycle(FixedPromptLibrary.withQuestions())
                .handle(CALLED, new ScriptedCall().hangUpDuring("notice-quality")));

        assertEquals(List.of(), stops, "they were never bridged; the caller goes on recorded");
        assertEquals("false", told(r).get("playedToEnd"));
    }

    private void assertStoppedFor(Recording r, ScriptedCall called, NoticeThenRecord.Outcome outcome) {
        assertEquals(NoticeThenRecord.Outcome.notRecorded(RecordingReason.CALLED_PARTY_NOT_TOLD), outcome);
        assertEquals("not-recorded", called.variable("RECORDING_STATUS"));
        assertEquals("called-party-not-told", called.variable("RECORDING_REASON"));
        assertFalse(called.recorded(), "no second MixMonitor");
        assertEquals(List.of("PJSIP/sipp-1 " + ScriptedCall.MIXMONITOR_ID), stops, "stopped by its id, on the recorded channel");
        assertEquals(TransferStop.CALLED_PARTY_NOT_TOLD, store.callFacts(r.id()).orElseThrow().endReason());
        AuditEvent stopped = audit.forRecording(r.id()).stream()
                .filter(e -> e.action() == AuditAction.RECORDING_STOPPED_FOR_TRANSFER).findFirst().orElseThrow();
        assertEquals("PJSIP/trunk-3", stopped.details().get("calledParty"));
        assertEquals("called-party-not-told", stopped.details().get("endReason"));
        assertEquals("false", told(r).get("playedToEnd"));
        assertTrue(store.parties().of(r.id()).isEmpty(), "the called party is not among the recorded parties");
        assertEquals(1, store.all().size());
    }

    private Map<String, String> told(Recording r) {
        return audit.forRecording(r.id()).stream().filter(e -> e.action() == AuditAction.CALLED_PARTY_TOLD)
                .findFirst().orElseThrow().details();
    }
}
