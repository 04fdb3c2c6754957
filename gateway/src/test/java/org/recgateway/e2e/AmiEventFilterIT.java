package org.recgateway.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.recgateway.recording.Recording;
import org.recgateway.recording.RecordingStatus;
import org.recgateway.testing.AsteriskRig;
import org.recgateway.testing.GatewayRig;
import org.recgateway.testing.SippAgent;
import org.recgateway.testing.SippCall;

/**
 * The shipped AMI user ({@code deploy/asterisk/manager_recording_gateway.conf}, its include-only event filters) on a
 * real Asterisk 22 during a real recorded call (SIPp caller put through to the agent's SIPp, with the shipped pre-dial
 * handler): a second session of that user sees only the events the gateway acts on, the gateway counts none other on
 * /metrics, the recording is filed, and the replies the gateway relies on (CoreShowChannels' list, Getvar) are not
 * filtered. Then the same call with the filter lines taken out, to show what they keep out; the events per call of
 * both are written to {@code target/e2e/ami-event-filter/events-per-call.txt} (BENCHMARKS.md).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AmiEventFilterIT {
    private static final long TALK_MILLIS = 8_000;
    /** The names the shipped filters let through, as the tap counts them (see AmiEvents.NEEDED). */
    private static final Set<String> LET_THROUGH = Set.of("Hangup", "MixMonitorStop", "BridgeEnter", "BridgeLeave", "BridgeDestroy",
            "BridgeCreate", "BlindTransfer", "AttendedTransfer", "UserEvent/RecordingGatewayNotice");
    /** Sent once to every session at login, whatever its filters: not an event of a call. */
    private static final String AT_LOGIN = "FullyBooted";
    /**
     * Besides those, what the gateway's counter may show: asterisk-java's pseudo events, the reconciliation's list (a
     * reply), and the legacy Link/Unlink event asterisk-java makes up from BridgeEnter/BridgeLeave (BridgeEvent).
     */
    private static final Set<String> ALSO_COUNTED = Set.of("Connect", "Disconnect", "CoreShowChannel", "CoreShowChannelsComplete",
            "Bridge", AT_LOGIN);
    private static final Map<String, Map<String, Integer>> PER_CALL = new TreeMap<>();
    private static GatewayRig rig;

    @BeforeAll
    static void start() throws Exception {
        rig = GatewayRig.start("ami-event-filter", AgentStopsRecordingIT.POLICY);
        assertTrue(AsteriskRig.eventually(Duration.ofSeconds(20),
                () -> rig.gateway().metrics().snapshot().get("gateway.ami.logged.in") instanceof Number n && n.doubleValue() == 1.0),
                "the gateway's AMI logged in");
    }

    @AfterAll
    static void stop() throws Exception {
        try {
            if (!PER_CALL.isEmpty()) {
                StringBuilder b = new StringBuilder("# AMI events one recorded call (SIPp caller -> agent SIPp, " + TALK_MILLIS
                        + " ms talk) sent to the gateway's AMI user, by type\n");
                PER_CALL.forEach((how, counts) -> b.append(how).append(" total=")
                        .append(counts.values().stream().mapToInt(Integer::intValue).sum()).append(' ').append(counts).append('\n'));
                Files.writeString(rig.out().resolve("events-per-call.txt"), b.toString());
                System.out.print(b);
            }
        } finally {
            if (rig != null) {
                rig.close();
            }
        }
    }

    @Test
    @Order(1)
    void theGatewaysAmiUserReceivesOnlyTheEventsTheGatewayActsOnAndTheRecordingIsFiled() throws Exception {
        Map<String, Double> before = meters();
        try (AmiTap tap = AmiTap.login("recgateway", "change-me")) {
            String number = "0681000001";
            Call call = call("filtered", "1581", number);
            String channel = awaitCallerChannel(number);
            // The replies the gateway relies on are not events of the stream, so no filter touches them.
            List<Map<String, String>> list = tap.action(Map.of("Action", "CoreShowChannels"));
            assertTrue(list.stream().anyMatch(m -> channel.equals(m.get("Channel")) && "CoreShowChannel".equals(m.get("Event"))),
                    "CoreShowChannels lists the call's channel to the filtered user: " + list);
            Map<String, String> getvar = tap.action(Map.of("Action", "Getvar", "Channel", channel, "Variable", "CHANNEL(language)")).getFirst();
            assertEquals("Success", getvar.get("Response"), getvar.toString());
            assertEquals("nl", getvar.get("Value"), getvar.toString());
            call.awaitConnected();
            Recording r = rig.ended(number);
            assertEquals(RecordingStatus.FILED, r.status(), "the recording is filed on the filtered events: " + r);
            Thread.sleep(1_500);  // the bridge's last events
            Map<String, Integer> seen = tap.counts();
            seen.remove(AT_LOGIN);
            PER_CALL.put("filtered (shipped snippet)", seen);
            assertTrue(LET_THROUGH.containsAll(seen.keySet()), "the gateway's AMI user got events it does not act on: " + seen);
            // (no MixMonitorStop: Asterisk sends it for StopMixMonitor, not when a recorded channel hangs up)
            for (String needed : List.of("Hangup", "BridgeCreate", "BridgeEnter", "BridgeLeave", "BridgeDestroy")) {
                assertTrue(seen.getOrDefault(needed, 0) > 0, needed + " reached the filtered user: " + seen);
            }
        }
        Map<String, Double> counted = delta(before, meters());
        for (String type : counted.keySet()) {
            assertTrue(LET_THROUGH.contains(type) || type.equals("UserEvent") || ALSO_COUNTED.contains(type),
                    "the gateway decoded an AMI event it does not act on: " + type + " in " + counted);
        }
        for (String unfiltered : List.of("NewExten", "VarSet", "NewState", "RtcpSent", "RtcpReceived", "Newchannel", "DialBegin")) {
            assertFalse(counted.containsKey(unfiltered), unfiltered + " reached the gateway: " + counted);
        }
        assertTrue(counted.getOrDefault("Hangup", 0.0) > 0, "the gateway counted the call's Hangup: " + counted);
    }

    @Test
    @Order(2)
    void withoutTheFilterLinesTheSameUserGetsEveryCallEvent() throws Exception {
        Path manager = rig.asterisk().chrootDirectory().resolve("etc/asterisk-rig/manager_recording_gateway.conf");
        String shipped = Files.readString(manager);
        String unfiltered = shipped.lines().filter(l -> !l.startsWith("eventfilter")).reduce("", (a, l) -> a + l + "\n");
        assertFalse(unfiltered.equals(shipped), "the shipped snippet has eventfilter lines");
        Files.writeString(manager, unfiltered);
        try {
            rig.asterisk().cli("manager reload");
            try (AmiTap tap = AmiTap.login("recgateway", "change-me")) {
                String number = "0681000002";
                Call call = call("unfiltered", "1582", number);
                call.awaitConnected();
                Recording r = rig.ended(number);
                assertEquals(RecordingStatus.FILED, r.status(), r.toString());
                Thread.sleep(1_500);
                Map<String, Integer> seen = tap.counts();
                seen.remove(AT_LOGIN);
                PER_CALL.put("unfiltered (no eventfilter lines)", seen);
                // As Asterisk wrote them: the bench's simulated AMI sends the same mix (bench AmiSide, --ami-events).
                Files.writeString(rig.out().resolve("unfiltered-call-events.txt"), String.join("\n", tap.raw()));
                // (no Newexten or VarSet: those are of the class dialplan, which the user does not read)
                for (String kept : List.of("Newchannel", "Newstate", "DialBegin", "RTCPSent")) {
                    assertTrue(seen.getOrDefault(kept, 0) > 0, "without the filter " + kept + " arrives (so the filter is what "
                            + "kept it out): " + seen);
                }
            }
        } finally {
            Files.writeString(manager, shipped);
            rig.asterisk().cli("manager reload");
        }
    }

    private static String awaitCallerChannel(String number) throws InterruptedException {
        assertTrue(AsteriskRig.eventually(Duration.ofSeconds(40), () -> rig.byNumber(number)
                .filter(r -> r.status() == RecordingStatus.ACTIVE).isPresent()), "recording of " + number + " active");
        return rig.byNumber(number).orElseThrow().channel();
    }

    /** The gateway's AMI event counters, by event type. */
    private static Map<String, Double> meters() {
        Map<String, Double> m = new TreeMap<>();
        rig.gateway().metrics().snapshot().forEach((k, v) -> {
            if (k.startsWith("gateway.ami.events{event=")) {
                m.put(k.substring("gateway.ami.events{event=".length(), k.length() - 1), ((Number) v).doubleValue());
            }
        });
        return m;
    }

    private static Map<String, Double> delta(Map<String, Double> before, Map<String, Double> after) {
        Map<String, Double> d = new TreeMap<>();
        after.forEach((k, v) -> {
            double n = v - before.getOrDefault(k, 0.0);
            if (n > 0) {
                d.put(k, n);
            }
        });
        return d;
    }

    private static long beforeDial() {
        return rig.millis("notice-quality-will", "nl") + rig.millis("question-objection", "nl") + 1_000;
    }

    private record Call(SippCall caller, SippAgent agent) {
        void awaitConnected() throws Exception {
            assertEquals(0, caller.await(), "the caller's call completed: " + caller.log());
            assertEquals(0, agent.await(), "the agent's call completed");
        }
    }

    /** One call from {@code number} through Asterisk to the agent's phone, talking on both sides. */
    private static Call call(String name, String dialed, String number) throws Exception {
        SippAgent agent = SippAgent.start(name, List.of(new SippAgent.Press(TALK_MILLIS - 3_000, "")), rig.sippLogs());
        Thread.sleep(300);
        return new Call(SippCall.startTalking(name, dialed, number, beforeDial() + TALK_MILLIS, rig.sippLogs()), agent);
    }
}
