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
import org.recgateway.audit.AuditEvent;
import org.recgateway.recording.RecordedParty;
import org.recgateway.recording.Recording;
import org.recgateway.recording.RecordingStatus;
import org.recgateway.recording.TransferStop;
import org.recgateway.testing.GatewayRig;

/**
 * The default, safe configuration ({@code transfers.newParty: stop-recording}, nothing configured): a recorded call
 * that the agent blind- or attended-transfers to a third SIPp phone stops being recorded at the transfer, the third
 * party is never recorded, and the evidence lists exactly the parties who were: the caller with the notice and the
 * agent with the recording tone. Real SIP calls through Asterisk 22; transfers are Asterisk's own, asked over AMI.
 */
class TransferStopsRecordingIT {
    private static final String BLIND = "0652000001";
    private static final String ATTENDED = "0652000002";
    /** MixMonitor's WAV: 8 kHz, 16-bit mono after a 44-byte header. */
    private static final long BYTES_PER_SECOND = 16_000;
    private static TransferCalls calls;
    private static TransferCalls.Call blind;
    private static TransferCalls.Call attended;

    @BeforeAll
    static void transferTwoCalls() throws Exception {
        calls = TransferCalls.start("transfer-stop", "");
        blind = calls.blind("5001", BLIND);
        attended = calls.attended("5002", ATTENDED);
    }

    @AfterAll
    static void stop() throws Exception {
        if (calls != null) {
            calls.close();
        }
    }

    @Test
    void aBlindTransferStopsTheRecordingAtTheTransferSoTheThirdPartyIsNeverRecorded() throws Exception {
        assertEquals(List.of(0, 0, 0), blind.sippExits(), "caller, agent and third phone SIPp");
        assertEquals(1, blind.recordings().size(), "no recording after the transfer: " + blind.recordings());
        Recording r = blind.recording();
        stoppedAtTheTransfer(r, blind, "blind", Duration.ofMillis(1_500));
    }

    @Test
    void anAttendedTransferStopsTheRecordingWhenItCompletesSoTheThirdPartyIsNeverRecorded() throws Exception {
        assertEquals(List.of(0, 0, 0), attended.sippExits(), "caller, agent and third phone SIPp");
        assertEquals(1, attended.recordings().size(), "no recording after the transfer: " + attended.recordings());
        // The agent consults the third phone for about 4 s (the caller waits alone) and then hangs up to complete.
        stoppedAtTheTransfer(attended.recording(), attended, "attended", Duration.ofMillis(6_500));
    }

    @Test
    void theEvidenceListsEveryRecordedPartyWithTheNoticeEachHeardAndNoThirdParty() throws Exception {
        for (TransferCalls.Call call : List.of(blind, attended)) {
            Recording r = call.recording();
            List<RecordedParty> parties = calls.rig().gateway().store().parties().of(r.id());
            assertEquals(2, parties.size(), parties.toString());
            RecordedParty caller = parties.get(0);
            assertEquals(RecordedParty.Role.CALLER, caller.role());
            assertEquals(r.channel(), caller.channel());
            assertEquals("notice-quality-will v" + r.notice().textVersion() + " nl", caller.notice());
            assertTrue(caller.playedToEnd());
            RecordedParty agent = parties.get(1);
            assertEquals(RecordedParty.Role.ANSWERED, agent.role());
            assertEquals(call.agentChannel(), agent.channel());
            assertTrue(agent.notice().startsWith("confirmation-recording-started v"), agent.toString());
            assertTrue(agent.playedToEnd());
            assertTrue(parties.stream().noneMatch(p -> p.channel().startsWith("PJSIP/agent2")), "the third phone is not a party");
        }
        // The evidence as the API shows it.
        Recording r = blind.recording();
        var response = GatewayRig.http("GET", "/api/recordings/" + r.id(), GatewayRig.ADMIN_TOKEN, null);
        assertEquals(200, response.statusCode());
        String json = new String(response.body(), java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(json.contains("\"parties\":[{\"channel\":\"" + r.channel() + "\",\"role\":\"caller\""), json);
        assertTrue(json.contains("\"channel\":\"" + blind.agentChannel() + "\",\"role\":\"answered\""), json);
    }

    private static void stoppedAtTheTransfer(Recording r, TransferCalls.Call call, String how, Duration within) throws Exception {
        assertEquals(RecordingStatus.FILED, r.status(), r.toString());
        assertEquals(TransferStop.TRANSFERRED, calls.rig().gateway().store().callFacts(r.id()).orElseThrow().endReason());
        List<AuditEvent> stopped = calls.rig().gateway().audit().forRecording(r.id()).stream()
                .filter(e -> e.action() == AuditAction.RECORDING_STOPPED_FOR_TRANSFER).toList();
        assertEquals(1, stopped.size(), stopped.toString());
        Map<String, String> details = stopped.getFirst().details();
        // An attended transfer moves the third party into the caller's bridge and then reports the transfer: the
        // gateway stops at whichever it sees first (the new party in the bridge: "joined").
        assertTrue(how.equals(details.get("transfer")) || how.equals("attended") && "joined".equals(details.get("transfer")),
                details.toString());
        assertTrue(r.ended().isBefore(call.transferAsked().plus(within)),
                "stopped at the transfer (asked " + call.transferAsked() + "), not at the call's end: " + r.ended());
        long seconds = (calls.rig().audio(r).length - 44) / BYTES_PER_SECOND;
        long untilTransfer = Duration.between(r.started(), call.transferAsked().plus(within)).toSeconds();
        assertTrue(seconds >= 3 && seconds <= untilTransfer + 1, "audio until the transfer only: " + seconds
                + " s, the transfer came " + untilTransfer + " s after the recording started; the caller talked on ~15 s");
    }
}
