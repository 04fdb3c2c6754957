package org.recgateway.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
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

/**
 * {@code transfers.newParty: notice} for a conference join on the real Asterisk 22: a recorded caller in a ConfBridge
 * room, the agent joins, then a third phone joins by its own call. The recording stops when the third phone enters;
 * the call's notice plays into the conference, and only after it played to the end with the third phone there does a
 * continuation recording start, whose parties include the third phone with the notice it heard.
 */
class ConferenceJoinNoticeIT {
    private static final String CALLER = "0652800002";
    private static ConferenceCalls calls;
    private static ConferenceCalls.Call call;

    @BeforeAll
    static void aConference() throws Exception {
        calls = ConferenceCalls.start("conference-notice", """
                transfers:
                  newParty: notice
                """);
        long notice = calls.rig().millis("notice-quality-will", "nl");
        call = calls.conference("2802", CALLER, notice + 2_000 + 4_000 + notice + 12_000, 4_000);
    }

    @AfterAll
    static void stop() throws Exception {
        if (calls != null) {
            calls.close();
        }
    }

    @Test
    void aThirdPartyWhoJoinsARecordedConferenceHearsTheNoticeBeforeAnyOfTheirAudioIsRecorded() throws Exception {
        assertEquals(List.of(0, 0, 0), call.sippExits(), "caller, agent and third phone SIPp");
        assertEquals(2, call.recordings().size(), "the recording before the join and its continuation: " + call.recordings());
        Recording before = call.recordings().get(0);
        Recording after = call.recordings().get(1);
        var store = calls.rig().gateway().store();
        var audit = calls.rig().gateway().audit();

        assertEquals(RecordingStatus.FILED, before.status(), before.toString());
        assertEquals(TransferStop.TRANSFERRED, store.callFacts(before.id()).orElseThrow().endReason());
        assertEquals(List.of(RecordedParty.Role.CALLER, RecordedParty.Role.ANSWERED),
                store.parties().of(before.id()).stream().map(RecordedParty::role).toList());
        Instant stoppedAt = audit.forRecording(before.id()).stream()
                .filter(e -> e.action() == AuditAction.RECORDING_STOPPED_FOR_TRANSFER).findFirst().orElseThrow().at();

        assertEquals(RecordingStatus.FILED, after.status(), after.toString());
        assertNull(store.callFacts(after.id()).orElseThrow().endReason(), "recorded to the call's end");
        assertEquals(before.channel(), after.channel());
        Map<String, String> started = audit.forRecording(after.id()).stream()
                .filter(e -> e.action() == AuditAction.RECORDING_STARTED).findFirst().orElseThrow().details();
        assertEquals(before.id(), started.get("continues"), started.toString());
        assertTrue(started.get("newPartyHeardBy").contains("PJSIP/agent2-"), "the third phone heard the notice: " + started);
        Instant noticeStarted = Instant.parse(started.get("noticeStarted"));
        Instant noticeEnded = Instant.parse(started.get("noticeEnded"));
        assertTrue(stoppedAt.isBefore(noticeStarted), "stopped (" + stoppedAt + ") before the notice (" + noticeStarted + ")");
        assertTrue(java.time.Duration.between(noticeStarted, noticeEnded).toMillis() >= calls.rig().millis("notice-quality-will", "nl"),
                "the whole notice played: " + started);
        assertFalse(after.started().isBefore(noticeEnded), "recording resumed only after the notice");

        List<RecordedParty> parties = store.parties().of(after.id());
        RecordedParty third = parties.stream().filter(p -> p.channel().startsWith("PJSIP/agent2-")).findFirst()
                .orElseThrow(() -> new AssertionError("the third phone is not a party of the continuation: " + parties));
        assertEquals(RecordedParty.Role.JOINED, third.role());
        assertEquals("notice-quality-will v" + before.notice().textVersion() + " nl", third.notice());
        assertTrue(third.playedToEnd());
        assertTrue(parties.stream().anyMatch(p -> p.role() == RecordedParty.Role.CALLER && p.channel().equals(after.channel())),
                parties.toString());
        assertTrue(parties.stream().allMatch(p -> p.channel().startsWith("PJSIP/")),
                "only phones are parties, not ConfBridge's announcer channel that shares the room's bridge: " + parties);

        long millis = (calls.rig().audio(after).length - 44) / 16;
        assertTrue(millis >= 3_000 && Math.abs(millis - after.durationMillis()) < 1_500,
                "audio for the rest of the conference: " + millis + " ms, ran " + after.durationMillis() + " ms");
        assertTrue(audit.verify().intact());
    }
}
