package org.recgateway.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.recgateway.audit.AuditAction;
import org.recgateway.audit.AuditEvent;
import org.recgateway.recording.RecordedParty;
import org.recgateway.recording.Recording;
import org.recgateway.recording.RecordingStatus;

/**
 * {@code transfers.newParty: notice}: a recorded call that the agent blind- or attended-transfers to a third SIPp
 * phone pauses (MixMonitor muted) at the transfer, the call's notice plays into the bridge once the third party is
 * in it, and the recording goes on after it played to the end. Checked from the audio itself: from the pause to the
 * end of the notice the recording is silence, so the third party's voice before the notice is not in it; after it
 * the recording holds sound again. The evidence lists the third party with the notice they heard.
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
    void aBlindTransferPausesTheRecordingUntilTheThirdPartyHeardTheNoticeThenRecordsOn() throws Exception {
        assertEquals(List.of(0, 0, 0), blind.sippExits(), "caller, agent and third phone SIPp");
        toldFirstThenRecorded(blind, "blind");
    }

    @Test
    void anAttendedTransferPausesTheRecordingUntilTheThirdPartyHeardTheNoticeThenRecordsOn() throws Exception {
        assertEquals(List.of(0, 0, 0), attended.sippExits(), "caller, agent and third phone SIPp");
        toldFirstThenRecorded(attended, "attended");
    }

    private static void toldFirstThenRecorded(TransferCalls.Call call, String how) throws Exception {
        Recording r = call.recording();
        assertEquals(RecordingStatus.FILED, r.status(), r.toString());
        assertNull(calls.rig().gateway().store().callFacts(r.id()).orElseThrow().endReason(), "recorded to the call's end");
        List<AuditEvent> events = calls.rig().gateway().audit().forRecording(r.id());
        List<AuditEvent> paused = events.stream().filter(e -> e.action() == AuditAction.RECORDING_PAUSED_FOR_NEW_PARTY).toList();
        List<AuditEvent> told = events.stream().filter(e -> e.action() == AuditAction.NEW_PARTY_TOLD).toList();
        assertEquals(1, paused.size(), events.toString());
        assertEquals(1, told.size(), events.toString());
        assertEquals(0, events.stream().filter(e -> e.action() == AuditAction.RECORDING_STOPPED_FOR_TRANSFER).count());
        String third = told.getFirst().details().get("channel");
        assertTrue(third.startsWith("PJSIP/agent2-"), "the third phone heard it: " + told.getFirst().details());
        assertTrue(told.getFirst().details().get("heardBy").contains(third), told.getFirst().details().toString());
        Instant pausedAt = Instant.parse(paused.getFirst().details().get("at"));
        Instant noticeEnded = Instant.parse(told.getFirst().details().get("ended"));
        assertTrue(Duration.between(pausedAt, noticeEnded).toMillis() >= calls.noticeMillis(), "paused through the notice");

        // The audio: silence from the pause to the end of the notice (nobody recorded, the new party least of all),
        // sound again afterwards (the caller and the third party talk on).
        byte[] audio = calls.rig().audio(r);
        String picture = how + ": " + (audio.length - 44) / 16 + " ms of audio; ended - started "
                + Duration.between(r.started(), r.ended()).toMillis() + " ms; transfer asked at +"
                + Duration.between(r.started(), call.transferAsked()).toMillis() + " ms, paused at +"
                + Duration.between(r.started(), pausedAt).toMillis() + ", notice ended at +"
                + Duration.between(r.started(), noticeEnded).toMillis() + "; peaks per 500 ms: " + envelope(audio);
        System.out.println(picture);
        assertTrue(Math.abs((audio.length - 44) / 16 - Duration.between(r.started(), r.ended()).toMillis()) < 1_500,
                "the audio is as long as the recording ran (a pause writes silence, it does not cut): " + picture);
        int silentPeak = peak(audio, r.started(), pausedAt.plusMillis(400), noticeEnded.minusMillis(400));
        assertTrue(silentPeak <= 8, "the paused stretch is silence, peak " + silentPeak + "; " + picture);
        int afterPeak = peak(audio, r.started(), noticeEnded.plusMillis(600), noticeEnded.plusMillis(4_600));
        assertTrue(afterPeak > 500, "recorded again after the notice, peak " + afterPeak + "; " + picture);
        int beforePeak = peak(audio, r.started(), r.started().plusMillis(500), call.transferAsked().minusMillis(500));
        assertTrue(beforePeak > 500, "recorded before the transfer, peak " + beforePeak + "; " + picture);

        List<RecordedParty> parties = calls.rig().gateway().store().parties().of(r.id());
        assertEquals(List.of(RecordedParty.Role.CALLER, RecordedParty.Role.ANSWERED, RecordedParty.Role.JOINED),
                parties.stream().map(RecordedParty::role).toList(), parties.toString());
        RecordedParty joined = parties.get(2);
        assertEquals(third, joined.channel());
        assertEquals("notice-quality-will v" + r.notice().textVersion() + " nl", joined.notice());
        assertTrue(joined.playedToEnd());
        assertEquals(call.agentChannel(), parties.get(1).channel());
        assertTrue(calls.rig().gateway().audit().verify().intact());
    }

    /** The peak of each 500 ms of the recording, for failure messages. */
    private static String envelope(byte[] wav) {
        StringBuilder out = new StringBuilder();
        for (int start = 44; start < wav.length; start += 8_000) {
            int peak = 0;
            for (int i = start; i + 1 < Math.min(wav.length, start + 8_000); i += 2) {
                peak = Math.max(peak, Math.abs((short) ((wav[i] & 0xff) | (wav[i + 1] << 8))));
            }
            out.append(peak).append(' ');
        }
        return out.toString().trim();
    }

    /** The largest absolute 16-bit sample of the recording between two wall-clock moments. */
    private static int peak(byte[] wav, Instant started, Instant from, Instant to) {
        int start = 44 + (int) (Math.max(0, Duration.between(started, from).toMillis()) * 16) / 2 * 2;
        int end = Math.min(wav.length, 44 + (int) (Duration.between(started, to).toMillis() * 16) / 2 * 2);
        int peak = 0;
        for (int i = start; i + 1 < end; i += 2) {
            int sample = (short) ((wav[i] & 0xff) | (wav[i + 1] << 8));
            peak = Math.max(peak, Math.abs(sample));
        }
        if (end <= start) {
            throw new AssertionError("no audio between " + from + " and " + to + " (file of " + wav.length + " bytes)");
        }
        return peak;
    }
}
