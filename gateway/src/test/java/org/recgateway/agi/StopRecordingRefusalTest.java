package org.recgateway.agi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.asteriskjava.fastagi.AgiChannel;
import org.asteriskjava.fastagi.AgiRequest;
import org.junit.jupiter.api.Test;
import org.recgateway.audit.AuditAction;
import org.recgateway.audit.AuditEvent;
import org.recgateway.metrics.GatewayMetrics;
import org.recgateway.policy.LegalBasis;
import org.recgateway.policy.Purpose;
import org.recgateway.recording.AuditNotes;
import org.recgateway.recording.Recorder;
import org.recgateway.recording.Recording;
import org.recgateway.recording.RecordingFiler;
import org.recgateway.recording.RecordingStatus;
import org.recgateway.recording.StopAndDelete;
import org.recgateway.testing.FixedPromptLibrary;
import org.recgateway.testing.InMemoryAuditTrail;
import org.recgateway.testing.InMemoryRecordingStore;
import org.recgateway.recording.Evidence;
import org.recgateway.recording.PurposeSet;
import org.recgateway.recording.RecordedCall;

/** The agent's *9 on a recording the law requires is refused, and the refusal is in the audit trail. */
class StopRecordingRefusalTest {

    @Test
    void aRefusedStopAndDeleteByFeatureCodeIsAudited() throws Exception {
        InMemoryRecordingStore store = new InMemoryRecordingStore();
        InMemoryAuditTrail trail = new InMemoryAuditTrail(Clock.systemUTC());
        store.insert(Recording.active("r1", new RecordedCall("u1", "l1", "PJSIP/caller-1", "0611", "200"), new Evidence("rule", null, null), new PurposeSet(Purpose.LEGAL_OBLIGATION, LegalBasis.LEGAL_OBLIGATION, Duration.ofDays(3650), null, List.of()), "/nonexistent/r1.wav", Instant.now()));
        RecordingFiler filer = new RecordingFiler(store, Clock.systemUTC(), GatewayMetrics.NOOP, Duration.ZERO, new AuditNotes(trail));
        StopAndDelete stopAndDelete = new StopAndDelete(store, filer, Recorder.unavailable("not in this test"), Clock.systemUTC(),
                GatewayMetrics.NOOP, Duration.ZERO);
        AgiRequest request = mock(AgiRequest.class);
        AgiChannel channel = mock(AgiChannel.class);
        when(request.getChannel()).thenReturn("PJSIP/agent-000001");
        java.util.Map<String, String> set = new java.util.HashMap<>();
        org.mockito.Mockito.doAnswer(call -> set.put(call.getArgument(0), call.getArgument(1)))
                .when(channel).setVariable(org.mockito.ArgumentMatchers.anyString(), org.mockito.ArgumentMatchers.anyString());
        // Asterisk, asked over AMI, confirms the session's proof and names the call.
        org.recgateway.recording.AsteriskChannels asterisk = (name, variable) -> switch (variable) {
            case "CHANNEL(uniqueid)" -> java.util.Optional.of("u-agent");
            case "CHANNEL(linkedid)" -> java.util.Optional.of("l1");
            default -> java.util.Optional.ofNullable(set.get(variable));
        };

        new StopRecordingScript(stopAndDelete, new FixedPromptLibrary(List.of()), asterisk).service(request, channel);

        verify(channel).setVariable("RECORDING_STOP", "refused");
        List<AuditEvent> events = trail.events();
        assertEquals(1, events.size(), events.toString());
        assertEquals(AuditAction.STOP_AND_DELETE_REFUSED, events.getFirst().action());
        assertTrue(events.getFirst().actor().startsWith("agent:PJSIP/agent"), events.getFirst().actor());
        assertEquals("feature-code", events.getFirst().details().get("via"));
        assertTrue(events.getFirst().details().get("reason").contains("legal-obligation"), events.getFirst().details().toString());
    }
}
