package org.recgateway.diagnostics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recgateway.listening.MutableClock;
import org.recgateway.recording.PerServer;
import org.recgateway.recording.Recorder;
import org.recgateway.recording.Recording;
import org.recgateway.recording.RecordingQuery;
import org.recgateway.recording.RecordingStatus;

/**
 * Issue #17 item 3: a diagnostic recording works on ANY of several Asterisk servers. Each fake server logs what it is
 * asked; both have a channel of the same name (as two real servers may), so a request that reaches the wrong one shows.
 */
class DiagnosticsOnSeveralServersTest {
    private static final Duration MAX = Duration.ofSeconds(120);
    private static final String AGENT = "PJSIP/agent1-00000007";
    private static final SwitchedBy BY_TOKEN = new SwitchedBy("agent:PJSIP/agent1", SwitchedBy.How.AGENT_TOKEN);

    @TempDir
    Path dir;
    private SwitchRig rig;
    private final ConcurrentLinkedQueue<String> asked = new ConcurrentLinkedQueue<>();

    /** One fake Asterisk server named {@code name}; {@code down} makes every AMI question fail as a dropped login does. */
    private final class Server {
        final String name;
        volatile boolean down;
        volatile boolean agentInCall;

        Server(String name) {
            this.name = name;
        }

        void up() {
            if (down) {
                throw new IllegalStateException("AMI of " + name + " is not connected");
            }
        }

        Recorder recorder() {
            return new Recorder() {
                @Override
                public String start(String channel, String asteriskFile) {
                    up();
                    asked.add(name + " start " + channel);
                    return "mm-" + name;
                }

                @Override
                public void stop(String channel, String mixMonitorId) {
                    up();
                    asked.add(name + " stop " + channel + " " + mixMonitorId);
                }
            };
        }

        BothPartiesNotice notice(MutableClock clock) {
            return (channel, prompt, timeout) -> {
                asked.add(name + " notice " + channel);
                return down ? new BothPartiesNotice.Result(false, List.of(), clock.instant(), clock.instant(), "AMI down")
                        : new BothPartiesNotice.Result(true, List.of(channel, "PJSIP/caller-00000006"), clock.instant(),
                        clock.instant(), "played");
            };
        }

        CallLocator locator() {
            return agent -> {
                up();
                return agentInCall ? Optional.of(new CallLocator.AgentCall(AGENT, "u-7", "1764543600.7",
                        "PJSIP/caller-00000006", "nl", "0612345678", "1501")) : Optional.empty();
            };
        }

        LineQualityProbe probe() {
            return channel -> {
                up();
                asked.add(name + " rtpqos " + channel);
                return Optional.of(new LineQualityProbe.Reading("ssrc=1;themssrc=2;lp=0;rxjitter=0.002500;rxcount=1000"
                        + ";txjitter=0.001000;txcount=1000;rlp=3;rtt=0.045000", "alaw"));
            };
        }
    }

    private final Server pbx1 = new Server("pbx1");
    private final Server pbx2 = new Server("pbx2");

    private static <T> PerServer<T> both(T first, T second) {
        Map<String, T> m = new LinkedHashMap<>();
        m.put("pbx1", first);
        m.put("pbx2", second);
        return PerServer.of(m);
    }

    private void open() {
        MutableClock clock = new MutableClock(SwitchRig.T0);
        AsteriskSide side = new AsteriskSide(Recorder.perServer(both(pbx1.recorder(), pbx2.recorder())),
                BothPartiesNotice.perServer(both(pbx1.notice(clock), pbx2.notice(clock)), clock),
                CallLocator.perServer(both(pbx1.locator(), pbx2.locator())),
                LineQualityProbe.perServer(both(pbx1.probe(), pbx2.probe())));
        rig = new SwitchRig(dir, clock, Set.of("PJSIP/agent1"), side);
        rig.ticket("t1", 2, MAX);
    }

    @AfterEach
    void close() {
        if (rig != null) {
            rig.close();
        }
    }

    private Recording running() {
        return rig.store.find(RecordingQuery.all(10)).stream().filter(r -> r.status() == RecordingStatus.ACTIVE)
                .findFirst().orElseThrow(() -> new AssertionError("no running recording"));
    }

    @Test
    void anAgentOnTheSecondServerIsFoundThereAndEveryStepOfItsRecordingGoesToThatServerOnly() throws Exception {
        pbx2.agentInCall = true;
        open();

        DiagnosticSwitch.Outcome on = rig.diagnostics.toggleFor("PJSIP/agent1", null, BY_TOKEN);
        assertEquals("starting", on.action(), on.reason());
        rig.settle();
        Recording r = running();
        assertEquals("pbx2", r.call().server(), "the recording names the server its call is on");
        assertEquals(List.of("pbx2 notice " + AGENT, "pbx2 start " + AGENT), List.copyOf(asked));

        asked.clear();
        rig.clock.advance(Duration.ofSeconds(5));
        assertEquals(2, rig.diagnostics.lineQuality().sampleRunning());
        assertEquals(List.of("pbx2 rtpqos " + AGENT, "pbx2 rtpqos PJSIP/caller-00000006"), List.copyOf(asked));

        asked.clear();
        DiagnosticSwitch.Outcome off = rig.diagnostics.toggleFor("PJSIP/agent1", null, BY_TOKEN);
        assertEquals("stopped", off.action(), off.reason());
        assertTrue(asked.contains("pbx2 stop " + AGENT + " mm-pbx2"), asked.toString());
        assertTrue(asked.stream().noneMatch(a -> a.startsWith("pbx1")), "pbx1 is never asked: " + asked);
    }

    @Test
    void theFeatureCodeOnTheSecondServerStartsThereAndACallWithTheSameLinkedidOnTheFirstIsAnotherCall() throws Exception {
        open();
        DiagnosticSwitch.Toggle onPbx2 = new DiagnosticSwitch.Toggle(AGENT, "u-7", "1764543600.7", "PJSIP/caller-00000006",
                "0612345678", "1501", new SwitchedBy("agent:PJSIP/agent1", SwitchedBy.How.FEATURE_CODE), null, "nl", "pbx2");
        assertEquals("starting", rig.diagnostics.toggle(onPbx2).action());
        rig.settle();
        assertEquals(List.of("pbx2 notice " + AGENT, "pbx2 start " + AGENT), List.copyOf(asked));
        assertTrue(rig.diagnostics.runningIn("1764543600.7", "pbx1").isEmpty(), "pbx1's call of that linkedid runs nothing");
        assertTrue(rig.diagnostics.runningIn("1764543600.7", "pbx2").isPresent());
        assertTrue(rig.diagnostics.mark("1764543600.7", "pbx1", AGENT, onPbx2.by())
                instanceof DiagnosticSwitch.MarkOutcome.Refused, "a marker on pbx1 does not land in pbx2's recording");
        assertTrue(rig.diagnostics.mark("1764543600.7", "pbx2", AGENT, onPbx2.by()) instanceof DiagnosticSwitch.MarkOutcome.Marked);
    }

    @Test
    void oneSlotPerCallCountsEachServersCallOfAnEqualLinkedidAsACallOfItsOwn() throws Exception {
        open();
        for (String server : List.of("pbx1", "pbx2")) {
            DiagnosticSwitch.Toggle press = new DiagnosticSwitch.Toggle(AGENT, "u-7", "1764543600.7", "PJSIP/caller-00000006",
                    "0612345678", "1501", new SwitchedBy("agent:PJSIP/agent1", SwitchedBy.How.FEATURE_CODE), null, "nl", server);
            DiagnosticSwitch.Outcome outcome = rig.diagnostics.toggle(press);
            assertEquals("starting", outcome.action(), server + ": " + outcome.reason());
            rig.settle();
        }
        assertTrue(asked.containsAll(List.of("pbx1 start " + AGENT, "pbx2 start " + AGENT)), asked.toString());
    }

    @Test
    void aSlotStoredUnderABareLinkedidBeforeTheUpgradeStillCountsForTheFirstServersCallOnly() throws Exception {
        open();
        rig.filer.firstServer("pbx1");
        rig.tickets.reserve("t1", "1764543600.7", SwitchRig.T0);  // as the gateway reserved before slots were keyed by server
        DiagnosticSwitch.Outcome onPbx1 = rig.diagnostics.toggle(press("pbx1"));
        DiagnosticSwitch.Outcome onPbx2 = rig.diagnostics.toggle(press("pbx2"));
        rig.settle();

        assertEquals("refused", onPbx1.action(), "pbx1's call has its slot already: " + onPbx1);
        assertTrue(onPbx1.reason().contains("being switched on for this call already"), onPbx1.reason());
        assertEquals("starting", onPbx2.action(), "pbx2's call of that linkedid is another call: " + onPbx2.reason());
        assertTrue(asked.contains("pbx2 start " + AGENT) && asked.stream().noneMatch(a -> a.startsWith("pbx1")), asked.toString());
    }

    private static DiagnosticSwitch.Toggle press(String server) {
        return new DiagnosticSwitch.Toggle(AGENT, "u-7", "1764543600.7", "PJSIP/caller-00000006", "0612345678", "1501",
                new SwitchedBy("agent:PJSIP/agent1", SwitchedBy.How.FEATURE_CODE), null, "nl", server);
    }

    @Test
    void withTheFirstServersAmiDownTheSecondServersAgentStillRecords() throws Exception {
        pbx1.down = true;
        pbx2.agentInCall = true;
        open();
        DiagnosticSwitch.Outcome on = rig.diagnostics.toggleFor("PJSIP/agent1", null, BY_TOKEN);
        assertEquals("starting", on.action(), on.reason());
        rig.settle();
        assertEquals("pbx2", running().call().server());
    }

    @Test
    void anAgentInACallOnBothServersAndAnAgentNotFoundWhileAServerIsDownAreRefusedSayingWhy() throws Exception {
        pbx1.agentInCall = true;
        pbx2.agentInCall = true;
        open();
        DiagnosticSwitch.Outcome twice = rig.diagnostics.toggleFor("PJSIP/agent1", null, BY_TOKEN);
        assertEquals("refused", twice.action());
        assertTrue(twice.reason().contains("more than one Asterisk server") && twice.reason().contains("pbx1")
                && twice.reason().contains("pbx2"), twice.reason());

        pbx1.down = true;
        pbx2.agentInCall = false;
        DiagnosticSwitch.Outcome unknown = rig.diagnostics.toggleFor("PJSIP/agent1", null, BY_TOKEN);
        assertEquals("refused", unknown.action());
        assertTrue(unknown.reason().contains("Asterisk server pbx1") && unknown.reason().contains("not connected"),
                unknown.reason());
        assertTrue(asked.isEmpty(), "nothing was started anywhere: " + asked);
    }
}
