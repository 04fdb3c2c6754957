package org.recgateway.diagnostics;


import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.recgateway.recording.AsteriskServers;
import org.recgateway.audit.AuditAction;
import org.recgateway.audit.AuditEvent;
import org.recgateway.listening.MutableClock;
import org.recgateway.policy.Purpose;
import org.recgateway.recording.Recording;
import org.recgateway.recording.RecordingQuery;
import org.recgateway.recording.RecordingStatus;
import org.recgateway.recording.AudioFile;
import org.recgateway.recording.Evidence;
import org.recgateway.recording.PurposeSet;
import org.recgateway.recording.RecordedCall;

class DiagnosticSwitchTest {
    private static final Duration MAX = Duration.ofSeconds(120);

    @TempDir
    Path dir;
    private MutableClock clock;
    private SwitchRig rig;

    @BeforeEach
    void open() {
        clock = new MutableClock(SwitchRig.T0);
        rig = SwitchRig.open(dir, clock, 60);
    }

    @AfterEach
    void close() {
        rig.close();
    }

    @ParameterizedTest(name = "{0} agents at once")
    @ValueSource(ints = {2, 10, 50})
    void concurrentSwitchesForTheLastSlotGiveExactlyTheAllowedNumber(int agents) throws Exception {
        DiagnosticTicket ticket = rig.ticket("t1", 2, MAX);
        assertEquals("starting", rig.diagnostics.toggle(SwitchRig.press(0, 1, null)).action());
        rig.settle();
        rig.noticeGate = new CountDownLatch(1);  // every notice plays until all agents have pressed
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pressers = Executors.newVirtualThreadPerTaskExecutor();
        List<Future<DiagnosticSwitch.Outcome>> outcomes = new ArrayList<>();
        for (int i = 1; i <= agents; i++) {
            int agent = i;
            outcomes.add(pressers.submit(() -> {
                go.await();
                return rig.diagnostics.toggle(SwitchRig.press(agent, 100 + agent, null));
            }));
        }
        go.countDown();
        int starting = 0;
        for (Future<DiagnosticSwitch.Outcome> o : outcomes) {
            starting += "starting".equals(o.get().action()) ? 1 : 0;
        }
        rig.noticeGate.countDown();
        rig.settle();
        pressers.shutdown();
        assertEquals(1, starting, "one press takes the last slot");
        assertEquals(2, rig.tickets.recordingsOf(ticket.id()).size(), "the ticket ends with exactly its 2 recordings");
        assertEquals(2, rig.started.size(), "MixMonitor started twice in all");
        assertEquals(2, rig.tickets.slotsUsed(ticket.id()));
    }

    @Test
    void aSecondSwitchInOneCallIsRefusedAfterTheAutomaticStop() throws Exception {
        rig.ticket("t1", 3, MAX);
        rig.diagnostics.toggle(SwitchRig.press(1, 7, null));
        rig.settle();
        Recording first = running("call-7");
        clock.advance(MAX);
        assertEquals(1, rig.diagnostics.stopper().sweep());
        rig.store.update(first.filed(clock.instant(), 1_000, "00", RecordingStatus.FILED));

        DiagnosticSwitch.Outcome again = rig.diagnostics.toggle(SwitchRig.press(1, 7, null));

        assertEquals("refused", again.action());
        assertTrue(again.reason().contains("one per call"), again.reason());
        assertEquals(1, rig.started.size());
    }

    @Test
    void aRecordingStoppedAtItsLimitIsFiledWhenAsteriskReportsItsStop() throws Exception {
        rig.ticket("t1", 3, MAX);
        rig.diagnostics.toggle(SwitchRig.press(1, 7, null));
        rig.settle();
        Recording first = running("call-7");
        rig.filer.mixMonitorStopped(AsteriskServers.ANY, first.uniqueId());
        assertEquals(RecordingStatus.ACTIVE, rig.store.byId(first.id()).orElseThrow().status(),
                "a MixMonitorStop the gateway did not cause files nothing");
        clock.advance(MAX);
        assertEquals(1, rig.diagnostics.stopper().sweep());
        rig.filer.mixMonitorStopped(AsteriskServers.ANY, first.uniqueId());
        assertTrue(rig.store.byId(first.id()).orElseThrow().status() != RecordingStatus.ACTIVE,
                "the stop the sweep asked for files it");
        assertTrue(rig.diagnostics.runningIn("call-7").isEmpty());
    }

    @Test
    void aSecondPressWhileTheNoticePlaysIsRefused() throws Exception {
        rig.ticket("t1", 3, MAX);
        rig.noticeGate = new CountDownLatch(1);
        assertEquals("starting", rig.diagnostics.toggle(SwitchRig.press(1, 7, null)).action());
        DiagnosticSwitch.Outcome second = rig.diagnostics.toggle(SwitchRig.press(1, 7, null));
        rig.noticeGate.countDown();
        rig.settle();
        assertEquals("refused", second.action());
        assertTrue(second.reason().contains("being switched on"), second.reason());
        assertEquals(1, rig.started.size());
    }

    @Test
    void aTicketClosedWhileTheNoticePlaysGetsNothing() throws Exception {
        DiagnosticTicket ticket = rig.ticket("t1", 2, MAX);
        rig.duringNotice = () -> rig.tickets.closeTicket(ticket.id(), clock.instant());
        assertEquals("starting", rig.diagnostics.toggle(SwitchRig.press(1, 7, null)).action());
        rig.settle();
        assertEquals(List.of(), rig.tickets.recordingsOf(ticket.id()));
        assertEquals(List.of(), List.copyOf(rig.started), "MixMonitor never started");
        assertEquals(List.of(), rig.store.find(RecordingQuery.byLinkedId("call-7")), "nothing filed");
        assertEquals(0, rig.tickets.slotsUsed(ticket.id()), "the slot was given back");
    }

    @Test
    void aDeadlinePassedWhileTheNoticePlaysGetsNothing() throws Exception {
        DiagnosticTicket ticket = rig.ticket("t1", 2, MAX);
        rig.duringNotice = () -> clock.advance(Duration.ofHours(3));
        rig.diagnostics.toggle(SwitchRig.press(1, 7, null));
        rig.settle();
        assertEquals(List.of(), rig.tickets.recordingsOf(ticket.id()));
        assertEquals(List.of(), List.copyOf(rig.started));
    }

    @Test
    void aRecordingRunningAcrossARestartStillStopsAtItsLimit() throws Exception {
        rig.ticket("t1", 2, MAX);
        rig.diagnostics.toggle(SwitchRig.press(1, 7, null));
        rig.settle();
        String agentChannel = running("call-7").channel();
        rig.close();  // the gateway stops; its timers are gone

        clock.advance(Duration.ofSeconds(2));
        rig = SwitchRig.open(dir, clock, 60);
        assertEquals(0, rig.diagnostics.stopper().sweep(), "not due yet");
        assertEquals(List.of(), List.copyOf(rig.stopped));
        clock.advance(MAX.minusSeconds(2));
        assertEquals(1, rig.diagnostics.stopper().sweep());
        assertEquals(List.of(agentChannel), List.copyOf(rig.stopped), "stopped at its limit by the new gateway");
        assertEquals(0, rig.diagnostics.stopper().sweep(), "Asterisk confirmed: not stopped twice");
    }

    @Test
    void bothLegsRtpStatisticsAreKeptWhileItRunsAndRightBeforeTheStop() throws Exception {
        rig.ticket("t1", 2, MAX);
        rig.diagnostics.toggle(SwitchRig.press(1, 7, null));
        rig.settle();
        String id = running("call-7").id();
        clock.advance(Duration.ofSeconds(5));
        assertEquals(2, rig.diagnostics.lineQuality().sampleRunning(), "agent and caller");
        rig.lost.set(20);
        clock.advance(MAX);
        rig.diagnostics.stopper().sweep();
        List<LineQuality> readings = rig.tickets.lineQuality(id);
        assertEquals(List.of("agent", "caller", "agent", "caller"), readings.stream().map(LineQuality::leg).toList());
        LineQuality last = readings.getLast();
        assertEquals(clock.instant(), last.at(), "read right before the stop");
        assertEquals(20, last.lostPackets());
        assertEquals(45.0, last.roundTripMillis(), 1e-9);
        assertEquals("alaw", last.codec());
        assertEquals(0, rig.diagnostics.lineQuality().sampleRunning(), "nothing runs any more");
    }

    @Test
    void aFailedStopIsRetriedUntilAsteriskConfirmsAndRaisesAnAlarm() throws Exception {
        rig.ticket("t1", 2, MAX);
        rig.diagnostics.toggle(SwitchRig.press(1, 7, null));
        rig.settle();
        rig.stopFailures.set(DiagnosticStop.ALARM_AFTER + 1);
        clock.advance(MAX);
        for (int i = 0; i < DiagnosticStop.ALARM_AFTER + 1; i++) {
            assertEquals(0, rig.diagnostics.stopper().sweep());
        }
        assertEquals(1.0, rig.counter("diagnostic-stop-alarm"));
        assertEquals(DiagnosticStop.ALARM_AFTER + 1.0, rig.counter("diagnostic-stop-failed"));
        assertEquals(1, rig.diagnostics.stopper().sweep(), "the next attempt succeeds");
        assertEquals(1, rig.stopped.size());
    }

    @Test
    void theAgentsSecondPressStopsItAtOnce() throws Exception {
        rig.ticket("t1", 2, MAX);
        rig.diagnostics.toggle(SwitchRig.press(1, 7, null));
        rig.settle();
        DiagnosticSwitch.Outcome off = rig.diagnostics.toggle(SwitchRig.press(1, 7, null));
        assertEquals("stopped", off.action());
        assertEquals(1, rig.stopped.size());
    }

    @Test
    void aChannelThatIsNotAnAgentsCannotSwitchOrMark() throws Exception {
        rig.ticket("t1", 2, MAX);
        DiagnosticSwitch.Toggle caller = new DiagnosticSwitch.Toggle("PJSIP/caller1-00000007", "u", "call-7", "PJSIP/agent1-00000008",
                "", "", new SwitchedBy("agent:PJSIP/caller1", SwitchedBy.How.FEATURE_CODE), null, "nl");
        DiagnosticSwitch.Outcome outcome = rig.diagnostics.toggle(caller);
        assertEquals("refused", outcome.action());
        assertTrue(outcome.reason().contains("not an agent's channel"), outcome.reason());
        // A device whose name starts with an agent's is not that agent (no prefix match).
        DiagnosticSwitch.Toggle lookalike = new DiagnosticSwitch.Toggle("PJSIP/agent1-b-00000007", "u", "call-8", "", "", "",
                new SwitchedBy("agent:PJSIP/agent1-b", SwitchedBy.How.FEATURE_CODE), null, "nl");
        assertEquals("refused", rig.diagnostics.toggle(lookalike).action());

        rig.diagnostics.toggle(SwitchRig.press(1, 9, null));
        rig.settle();
        var mark = rig.diagnostics.mark("call-9", "PJSIP/caller1-00000009", caller.by());
        assertInstanceOf(DiagnosticSwitch.MarkOutcome.Refused.class, mark);
        assertEquals(List.of(), rig.tickets.markers(running("call-9").id()));
        assertEquals(0, rig.tickets.slotsUsed("t1") - 1, "only the agent's press took a slot");
    }

    @Test
    void aCallerWhoObjectedEarlierInTheCallIsNotRecorded() throws Exception {
        rig.ticket("t1", 2, MAX);
        Recording a = org.recgateway.recording.TestRecordings.active("q1", 0, "0612345678", "1501", Purpose.QUALITY);
        rig.store.insert(new Recording(a.id(), a.status(), new RecordedCall(a.uniqueId(), "call-7", a.channel(), a.callerNumber(), a.calledNumber()), new Evidence(a.ruleName(), a.notice(), new org.recgateway.recording.CallerChoices(100, 0, true, clock.instant(), List.of())), new AudioFile(a.filePath(), a.started(), a.ended(), a.sizeBytes(), a.sha256()), new PurposeSet(a.purpose(), a.legalBasis(), a.retention(), a.retentionUntil(), a.purposes()), null));
        DiagnosticSwitch.Outcome outcome = rig.diagnostics.toggle(SwitchRig.press(1, 7, null));
        assertEquals("refused", outcome.action());
        assertTrue(outcome.reason().contains("objected"), outcome.reason());
        assertEquals(0, rig.tickets.slotsUsed("t1"));
    }

    @Test
    void anAdministratorSwitchesForTheAgentOnlyWhereTheTicketAllowsAndIsRecordedAsSuch() throws Exception {
        rig.ticket("t1", 2, MAX);
        SwitchedBy admin = new SwitchedBy("token:admin", SwitchedBy.How.ADMINISTRATOR);
        DiagnosticSwitch.Toggle press = SwitchRig.press(1, 7, null);
        DiagnosticSwitch.Toggle byAdmin = new DiagnosticSwitch.Toggle(press.agentChannel(), press.agentUniqueId(), press.linkedId(),
                press.callerChannel(), "", "", admin, null, "nl");
        DiagnosticSwitch.Outcome refused = rig.diagnostics.toggle(byAdmin);
        assertEquals("refused", refused.action());
        assertTrue(refused.reason().contains("does not let an administrator"), refused.reason());

        DiagnosticTicket allows = new DiagnosticTicket("t2", "REF-t2", "kpn", "", 2, MAX, clock.instant().plusSeconds(3600),
                clock.instant(), null).withLimits(3, Duration.ofSeconds(60), true);
        rig.tickets.closeTicket("t1", clock.instant());
        rig.tickets.insertTicket(allows);
        assertEquals("starting", rig.diagnostics.toggle(byAdmin).action());
        rig.settle();
        DiagnosticRecording link = rig.tickets.recordingsOf("t2").getFirst();
        assertEquals("token:admin", link.switchedBy());
        assertEquals("administrator", link.how());
        assertEquals("PJSIP/agent1", link.agent(), "the agent whose call it is");
        AuditEvent started = rig.audit.forRecording(link.recordingId()).stream()
                .filter(e -> e.action() == AuditAction.RECORDING_STARTED).findFirst().orElseThrow();
        assertEquals("token:admin", started.actor());
        assertEquals("administrator", started.details().get("how"));
    }

    @Test
    void markersBeyondTheTicketsCapAreRefusedAndEveryMarkerIsAudited() throws Exception {
        DiagnosticTicket capped = new DiagnosticTicket("t1", "REF-1", "kpn", "", 2, MAX, clock.instant().plusSeconds(3600),
                clock.instant(), null).withLimits(2, Duration.ofSeconds(30), false);
        rig.tickets.insertTicket(capped);
        rig.diagnostics.toggle(SwitchRig.press(1, 7, null));
        rig.settle();
        DiagnosticSwitch.Toggle press = SwitchRig.press(1, 7, null);
        List<DiagnosticSwitch.MarkOutcome> marks = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            clock.advance(Duration.ofSeconds(10));
            marks.add(rig.diagnostics.mark("call-7", press.agentChannel(), press.by()));
        }
        assertEquals(2, marks.stream().filter(m -> m instanceof DiagnosticSwitch.MarkOutcome.Marked).count());
        String id = running("call-7").id();
        List<FaultMarker> stored = rig.tickets.markers(id);
        assertEquals(2, stored.size());
        assertEquals("feature-code", stored.getFirst().how());
        assertEquals("agent:PJSIP/agent1", stored.getFirst().by());
        List<AuditEvent> events = rig.audit.forRecording(id);
        assertEquals(2, events.stream().filter(e -> e.action() == AuditAction.FAULT_MARKED
                && "feature-code".equals(e.details().get("how")) && e.actor().equals("agent:PJSIP/agent1")).count());
        assertEquals(3, events.stream().filter(e -> e.action() == AuditAction.FAULT_MARK_REFUSED).count());
    }

    @Test
    void theDiagnosticNoticePlaysInTheLanguageTheCallerHeardNotInTheAgentChannels() throws Exception {
        rig.ticket("t1", 3, MAX);
        // the caller of call-7 heard the English notice; the agent's channel (which presses *8) is Dutch
        org.recgateway.recording.NoticeEvidence english = new org.recgateway.recording.NoticeEvidence("notice-quality-will",
                "en", 1, "a".repeat(64), "b".repeat(64), clock.instant(), clock.instant(), true, 8_000, 8_000);
        rig.store.insert(Recording.active("policy-7", new RecordedCall("u-7c", "call-7", "PJSIP/caller1-00000007", "0612345678", "1501"), new Evidence("rule", english, null), new PurposeSet(Purpose.QUALITY, Purpose.QUALITY.defaultBasis(), Duration.ofDays(30), null, List.of()), "/var/spool/asterisk/rg/policy-7.wav", clock.instant()));
        assertEquals("nl", SwitchRig.press(1, 7, null).language());

        rig.diagnostics.toggle(SwitchRig.press(1, 7, null));
        rig.settle();

        assertEquals("en", running("call-7").notice().language(), "the caller's language");
        // a call whose caller heard no notice of the gateway's: the toggle's own (the agent channel's) language
        rig.diagnostics.toggle(SwitchRig.press(2, 8, null));
        rig.settle();
        assertEquals("nl", running("call-8").notice().language());
    }

    private Recording running(String linkedId) {
        return rig.store.find(RecordingQuery.byLinkedId(linkedId)).stream()
                .filter(r -> r.purpose() == Purpose.PROVIDER_DIAGNOSTICS).findFirst().orElseThrow();
    }
}
