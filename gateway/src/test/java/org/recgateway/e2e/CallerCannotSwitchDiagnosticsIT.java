package org.recgateway.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.recgateway.diagnostics.DiagnosticTicket;
import org.recgateway.policy.Purpose;
import org.recgateway.recording.RecordingQuery;
import org.recgateway.testing.GatewayRig;
import org.recgateway.testing.SippAgent;
import org.recgateway.testing.SippCall;

/**
 * The caller presses the agent's *8 on a real call, on a dialplan that (wrongly) gives the codes to
 * the caller through __DYNAMIC_FEATURES (extension 17xx of the rig): the feature code reaches the
 * gateway from the caller's channel, and the gateway refuses it; nothing is recorded.
 */
class CallerCannotSwitchDiagnosticsIT {
    private static GatewayRig rig;
    private static DiagnosticTicket ticket;
    private static int callerStatus;
    private static int agentStatus;

    @BeforeAll
    static void theCallerPressesStarEight() throws Exception {
        rig = GatewayRig.start("caller-star-eight", DiagnosticRecordingIT.POLICY);
        Instant now = Instant.now();
        ticket = new DiagnosticTicket("t-c", "LINE-4799", "kpn", "crackling", 2, Duration.ofSeconds(4),
                now.plus(Duration.ofHours(1)), now, null);
        rig.gateway().diagnosticsStore().insertTicket(ticket);
        SippAgent agent = SippAgent.start("agent", List.of(new SippAgent.Press(16_000, "")), rig.sippLogs());
        Thread.sleep(300);
        SippCall caller = SippCall.startPressingInfo("caller", "1702", "0620000009", 3_000, "*8", 14_000, rig.sippLogs());
        callerStatus = caller.await();
        agentStatus = agent.await();
    }

    @AfterAll
    static void stop() throws Exception {
        if (rig != null) {
            rig.close();
        }
    }

    @Test
    void theCallCompleted() {
        assertEquals(0, callerStatus, "caller SIPp");
        assertEquals(0, agentStatus, "agent SIPp");
    }

    @Test
    void theGatewayRefusedTheCallersPressAndNothingWasRecorded() throws Exception {
        assertTrue(rig.gateway().metrics().registry().counter("gateway.recordings", "event", "diagnostic-refused").count() >= 1,
                "the caller's *8 reached the gateway and was refused");
        assertEquals(List.of(), rig.gateway().diagnosticsStore().recordingsOf(ticket.id()));
        assertEquals(0, rig.gateway().diagnosticsStore().slotsUsed(ticket.id()));
        assertTrue(rig.gateway().store().find(RecordingQuery.all(1000)).stream()
                .noneMatch(r -> r.purpose() == Purpose.PROVIDER_DIAGNOSTICS));
    }
}
