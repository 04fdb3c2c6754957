package org.recgateway.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
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

/**
 * {@code transfers.newParty: notice}: a recorded call that the agent blind- or attended-transfers to a third SIPp
 * phone stops being recorded at the transfer (that recording is filed with the caller and the agent as its parties);
 * once the third party is bridged, the call's notice plays into the bridge, and only after it played to the end does
 * a continuation recording start, whose parties are the caller and the third party with the notice they heard.
 * Real SIP calls through Asterisk 22; the continuation's audio is checked, not only its file.
 */
class TransferNoticeIT {
    private static final String BLIND = "0653000001";
    private static final String ATTENDED = "0653000002";
    private static TransferCalls calls;
    private static TransferCalls.Call blind;
    private static TransferCalls.Call attended;

    @BeforeAll
    static void transferTwoCalls() throws Exception {
        calls = TransferCalls.start("transfer-notice", """
                transfers:
                  newParty: notice
                """);
        blind = calls.blind("5003", BLIND);
        attended = calls.attended("5004", ATTENDED);
    }

    @AfterAll
    static void stop() throws Exception {
        if (calls != null) {
            calls.close();
        }
    }

    @Test
    void aBlindTransferedThirdPartyHearsTheNoticeBeforeAnyOfTheirAudioIsRecorded() throws Exception {
        assertEquals(List.of(0, 0, 0), blind.sippExits(), "caller, agent and third phone SIPp");
        toldFirstThenRecorded(blind, "blind");
    }

    @Test
    void anAttendedTransferedThirdPartyHearsTheNoticeBeforeAnyOfTheirAudioIsRecorded() throws Exception {
        assertEquals(List.of(0, 0, 0), attended.sippExits(), "caller, agent and third phone SIPp");
        toldFirstThenRecorded(attended, "attended");
    }

    private static void toldFirstThenRecorded(TransferCalls.Call call, String how) throws Exception {
        assertEquals(2, call.recordings().size(), "the recording before the transfer and its continuation: " + call.recordings());
        Recording before = call.recordings().get(0);
        Recording after = call.recordings().get(1);
        var store = calls.rig().gateway().store();
        // Before: stopped at the transfer, filed, parties caller and agent only.
        assertEquals(RecordingStatus.FILED, before.status(), before.toString());
        assertEquals(TransferStop.TRANSFERRED, store.callFacts(before.id()).orElseThrow().endReason());
        String stoppedFor = events(before, AuditAction.RECORDING_STOPPED_FOR_TRANSFER).getFirst().details().get("transfer");
        assertTrue(how.equals(stoppedFor) || how.equals("attended") && "joined".equals(stoppedFor), stoppedFor);
        assertEquals(List.of(RecordedParty.Role.CALLER, RecordedParty.Role.ANSWERED),
                store.parties().of(before.id()).stream().map(RecordedParty::role).toList());

        // The continuation: the same call and purpose, started only after the third party heard the notice to the end.
        assertEquals(RecordingStatus.FILED, after.status(), after.toString());
        assertNull(store.callFacts(after.id()).orElseThrow().endReason(), "recorded to the call's end");
        assertEquals(before.linkedId(), after.linkedId());
        assertEquals(before.channel(), after.channel());
        assertEquals(before.purpose(), after.purpose());
        Map<String, String> started = events(after, AuditAction.RECORDING_STARTED).getFirst().details();
        assertEquals(before.id(), started.get("continues"), started.toString());
        String third = started.get("newPartyHeardBy");
        assertTrue(third.startsWith("PJSIP/agent2-"), "the third phone heard the notice: " + started);
        java.time.Instant noticeStarted = java.time.Instant.parse(started.get("noticeStarted"));
        java.time.Instant noticeEnded = java.time.Instant.parse(started.get("noticeEnded"));
        assertTrue(Duration.between(noticeStarted, noticeEnded).toMillis() >= calls.noticeMillis(), "the whole notice played: " + started);
        assertFalse(after.started().isBefore(noticeEnded), "recording resumed only after the notice: " + after.started() + " vs " + noticeEnded);
        java.time.Instant stoppedAt = events(before, AuditAction.RECORDING_STOPPED_FOR_TRANSFER).getFirst().at();
        assertTrue(stoppedAt.isBefore(noticeStarted), "the first recording was stopped (" + stoppedAt + ") before the notice began ("
                + noticeStarted + ")");
        assertEquals(calls.rig().prompt("notice-quality-will", "nl").audioSha256(), started.get("newPartyNoticeSha256"));

        // In joining order: the third party joined (heard the notice) before the continuation, and so its caller row, began.
        List<RecordedParty> parties = store.parties().of(after.id());
        assertEquals(List.of(RecordedParty.Role.JOINED, RecordedParty.Role.CALLER), parties.stream().map(RecordedParty::role).toList(),
                parties.toString());
        assertEquals(after.channel(), parties.get(1).channel());
        assertTrue(parties.get(1).playedToEnd(), "the caller heard the call's notice");
        RecordedParty joined = parties.get(0);
        assertEquals(third, joined.channel());
        assertEquals("notice-quality-will v" + before.notice().textVersion() + " nl", joined.notice());
        assertTrue(joined.playedToEnd());

        // The continuation holds real audio of the rest of the call (the caller and the third party talking).
        byte[] audio = calls.rig().audio(after);
        // Kept beside the rig's logs (target/e2e): when the length or sound check below fails, this is the audio to listen to.
        java.nio.file.Files.write(calls.rig().out().resolve("continuation-" + how + ".wav"), audio);
        long millis = (audio.length - 44) / 16;
        assertTrue(millis >= 3_000 && Math.abs(millis - after.durationMillis()) < 1_500,
                "audio for the rest of the call: " + millis + " ms, ran " + after.durationMillis() + " ms");
        assertTrue(peak(audio) > 500, "sound, not silence");
        assertEquals(calls.rig().audioSha256(after), after.sha256());
        assertTrue(calls.rig().gateway().audit().verify().intact());
    }

    private static List<AuditEvent> events(Recording r, AuditAction action) {
        List<AuditEvent> found = calls.rig().gateway().audit().forRecording(r.id()).stream().filter(e -> e.action() == action).toList();
        assertFalse(found.isEmpty(), "no " + action + " for " + r.id());
        return found;
    }

    private static int peak(byte[] wav) {
        int peak = 0;
        for (int i = 44; i + 1 < wav.length; i += 2) {
            peak = Math.max(peak, Math.abs((short) ((wav[i] & 0xff) | (wav[i + 1] << 8))));
        }
        return peak;
    }
}
