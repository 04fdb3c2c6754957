package org.recgateway.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.recgateway.audit.AuditAction;
import org.recgateway.recording.RecordedParty;
import org.recgateway.recording.Recording;
import org.recgateway.recording.RecordingStatus;
import org.recgateway.recording.TransferStop;
import org.recgateway.testing.AsteriskLog;

/**
 * {@code transfers.newParty: stop-recording} (the default) for a conference join on the real Asterisk 22: a recorded
 * caller in a ConfBridge room, the agent joins (the conference's first bridge: caller and agent are the recording's
 * parties), then a third phone joins by its own call. The recording stops when the third phone enters the room, is
 * filed with end reason {@code transferred} and the caller and the agent as its only parties, and nothing more is
 * recorded of the call.
 */
class ConferenceJoinStopsRecordingIT {
    private static final String CALLER = "0652800001";
    private static final long CALLER_MILLIS = 30_000;
    private static final long THIRD_AFTER = 4_000;
    private static ConferenceCalls calls;
    private static ConferenceCalls.Call call;

    @BeforeAll
    static void aConference() throws Exception {
        calls = ConferenceCalls.start("conference-stop", "");
        call = calls.conference("2801", CALLER, CALLER_MILLIS, THIRD_AFTER);
    }

    @AfterAll
    static void stop() throws Exception {
        if (calls != null) {
            calls.close();
        }
    }

    @Test
    void aThirdPartyWhoJoinsARecordedConferenceIsNotRecorded() throws Exception {
        assertEquals(List.of(0, 0, 0), call.sippExits(), "caller, agent and third phone SIPp");
        assertEquals(1, call.recordings().size(), "no continuation: " + call.recordings());
        Recording r = call.recordings().getFirst();
        var store = calls.rig().gateway().store();
        assertEquals(RecordingStatus.FILED, r.status(), "the conference reached a person; filed, not dropped: " + r);
        assertEquals(TransferStop.TRANSFERRED, store.callFacts(r.id()).orElseThrow().endReason());

        List<RecordedParty> parties = store.parties().of(r.id());
        assertEquals(List.of(RecordedParty.Role.CALLER, RecordedParty.Role.ANSWERED), parties.stream().map(RecordedParty::role).toList(),
                parties.toString());
        assertTrue(parties.get(1).channel().startsWith("PJSIP/agent-"), "the agent, not ConfBridge's announcer channel (CBAnn/...) "
                + "that is in the room's bridge before anyone: " + parties);

        Map<String, String> stopped = calls.rig().gateway().audit().forRecording(r.id()).stream()
                .filter(e -> e.action() == AuditAction.RECORDING_STOPPED_FOR_TRANSFER).findFirst().orElseThrow().details();
        assertEquals("joined", stopped.get("transfer"), stopped.toString());
        assertTrue(stopped.get("why").contains("PJSIP/agent2-"), "the third phone is the one who joined: " + stopped);

        // Asterisk's own log: the third phone joined the conference's bridge, and the caller's MixMonitor ended right
        // then, long before the call did (the caller talked on for the rest of CALLER_MILLIS).
        AsteriskLog log = AsteriskLog.of(calls.rig());
        String third = stopped.get("why").substring(stopped.get("why").indexOf("PJSIP/agent2-")).split("[ )]")[0];
        int joined = log.joinedBridge(third);
        int ended = log.mixMonitorEnded(r.channel());
        assertTrue(joined >= 0 && ended > 0, "third joined at line " + joined + ", MixMonitor ended at " + ended);
        // The audio runs from the start to the third party's join, not to the end of the call: a few hundred ms at most
        // pass between Asterisk's BridgeEnter and the stop.
        long audioMillis = (calls.rig().audio(r).length - 44) / 16;
        long untilAsked = Duration.between(r.started(), call.thirdAsked()).toMillis();
        assertTrue(audioMillis >= untilAsked - 1_500 && audioMillis <= untilAsked + 2_000,
                "recorded " + audioMillis + " ms; the third phone was asked in " + untilAsked + " ms after the recording began");
        assertTrue(calls.rig().gateway().audit().verify().intact());
    }
}
