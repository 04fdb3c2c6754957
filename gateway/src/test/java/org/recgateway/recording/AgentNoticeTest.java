package org.recgateway.recording;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.AdditionalAnswers.delegatesTo;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.recgateway.audit.AuditAction;
import org.recgateway.audit.AuditEvent;
import org.recgateway.policy.LegalBasis;
import org.recgateway.policy.Purpose;
import org.recgateway.testing.FixedPromptLibrary;
import org.recgateway.testing.InMemoryAuditTrail;
import org.recgateway.testing.InMemoryRecordingStore;
import org.recgateway.testing.ScriptedCall;

class AgentNoticeTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-30T10:00:00Z"), ZoneOffset.UTC);
    private final InMemoryRecordingStore store = new InMemoryRecordingStore();
    private final InMemoryAuditTrail trail = new InMemoryAuditTrail(CLOCK);
    private final AgentNotice notice = new AgentNotice(store, new FixedPromptLibrary(List.of(
            FixedPromptLibrary.prompt(AgentNotice.PROMPT, "nl", FixedPromptLibrary.QUALITY_SAMPLES),
            FixedPromptLibrary.prompt(AgentNotice.PROMPT, "en", FixedPromptLibrary.QUALITY_SAMPLES))),
            new AuditNotes(trail), CLOCK);

    private void recording(String id, String linkedId, Purpose purpose, RecordingStatus status) {
        store.insert(new Recording(id, status, new RecordedCall("1.1", linkedId, "PJSIP/caller-1", "0612", "1001"), new Evidence("rule", null, null), new AudioFile("/tmp/" + id + ".wav", CLOCK.instant(), null, null, null), new PurposeSet(purpose, LegalBasis.LEGITIMATE_INTEREST, java.time.Duration.ofDays(30), null, List.of()), null));
    }

    @Test
    void theAgentOfARecordedCallHearsTheConfirmationInTheirLanguageAndTheEvidenceNamesTheirChannel() throws Exception {
        recording("r", "1.0", Purpose.QUALITY, RecordingStatus.ACTIVE);
        ScriptedCall agent = new ScriptedCall();

        AgentNotice.Outcome outcome = notice.tell("1.0", "PJSIP/agent-7", "en_GB", agent);

        assertEquals(new AgentNotice.Outcome("played", "r"), outcome);
        assertEquals(List.of("play recording-gateway/en/confirmation-recording-started"), agent.actions());
        AuditEvent told = trail.forRecording("r").getFirst();
        assertEquals(AuditAction.AGENT_TOLD, told.action());
        assertEquals("PJSIP/agent-7", told.details().get("channel"));
        assertEquals("true", told.details().get("playedToEnd"));
        assertTrue(told.details().get("prompt").startsWith("confirmation-recording-started v1 en"));
    }

    @Test
    void theCallsRecordingsAreReadNarrowlyAndOnlyTheRunningOneWhole() throws Exception {
        recording("f", "1.0", Purpose.QUALITY, RecordingStatus.FILED);
        recording("r", "1.0", Purpose.QUALITY, RecordingStatus.ACTIVE);
        RecordingStore watched = mock(RecordingStore.class, delegatesTo(store));  // issue 13: full reads were ~6 % of the CPU
        AgentNotice told = new AgentNotice(watched, new FixedPromptLibrary(List.of(
                FixedPromptLibrary.prompt(AgentNotice.PROMPT, "nl", FixedPromptLibrary.QUALITY_SAMPLES))), new AuditNotes(trail), CLOCK);

        assertEquals(new AgentNotice.Outcome("played", "r"), told.tell("1.0", "PJSIP/agent-7", "nl", new ScriptedCall()));
        verify(watched, never()).find(any());
        verify(watched, times(1)).byId("r");
    }

    @Test
    void theAgentOfACallThatIsNotRecordedHearsNothing() throws Exception {
        recording("f", "1.0", Purpose.QUALITY, RecordingStatus.FILED);
        recording("d", "1.0", Purpose.PROVIDER_DIAGNOSTICS, RecordingStatus.ACTIVE);
        ScriptedCall agent = new ScriptedCall();

        assertEquals("not-recorded", notice.tell("1.0", "PJSIP/agent-7", "nl", agent).status());
        assertEquals("not-recorded", notice.tell("", "PJSIP/agent-7", "nl", agent).status());

        assertEquals(List.of(), agent.actions());
        assertTrue(trail.forRecording("f").isEmpty());
    }

    @Test
    void anAgentWhoHangsUpDuringTheConfirmationIsRecordedAsNotHavingHeardItToTheEnd() throws Exception {
        recording("r", "1.0", Purpose.QUALITY, RecordingStatus.ACTIVE);
        ScriptedCall agent = new ScriptedCall().hangUpDuring("confirmation-recording-started");

        org.junit.jupiter.api.Assertions.assertThrows(CallControl.CallGoneException.class,
                () -> notice.tell("1.0", "PJSIP/agent-7", "nl", agent));
        assertEquals("false", trail.forRecording("r").getFirst().details().get("playedToEnd"));
    }

    @Test
    void anAgentOnAnotherAsteriskServerWithTheSameLinkedidHearsNothingOfTheFirstServersRecording() throws Exception {
        store.insert(new Recording("r", RecordingStatus.ACTIVE, new RecordedCall("1.1", "1.0", "PJSIP/caller-1", "0612", "1001",
                "pbx1"), new Evidence("rule", null, null), new AudioFile("/tmp/r.wav", CLOCK.instant(), null, null, null),
                new PurposeSet(Purpose.QUALITY, LegalBasis.LEGITIMATE_INTEREST, java.time.Duration.ofDays(30), null, List.of()), null));

        assertEquals("not-recorded", notice.tell("1.0", "PJSIP/agent-7", "nl", new ScriptedCall().on("pbx2")).status(),
                "issue #17 item 3: pbx2's call of that linkedid is another call");
        assertEquals("played", notice.tell("1.0", "PJSIP/agent-7", "nl", new ScriptedCall().on("pbx1")).status());
    }
}
