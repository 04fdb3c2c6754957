package org.recgateway.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.recgateway.diagnostics.DiagnosticRecording;
import org.recgateway.diagnostics.DiagnosticTicket;
import org.recgateway.recording.Recording;
import org.recgateway.recording.RecordingStatus;
import org.recgateway.testing.AsteriskRig;
import org.recgateway.testing.GatewayRig;
import org.recgateway.testing.SippAgent;
import org.recgateway.testing.SippCall;

/**
 * The gateway is restarted two seconds into a diagnostic recording that may last 10 s, on a call that
 * goes on for about 40 s: the new gateway still stops it at its limit (the stop-by time is in the
 * store, the sweep runs at start), so the audio holds about 10 s, not the rest of the call.
 */
class DiagnosticMaxLengthAcrossRestartIT {
    private static final Duration MAX_LENGTH = Duration.ofSeconds(10);
    private static GatewayRig rig;
    private static DiagnosticTicket ticket;
    private static int callerStatus;
    private static int agentStatus;

    @BeforeAll
    static void theGatewayRestartsWhileTheRecordingRuns() throws Exception {
        rig = GatewayRig.start("diagnostic-restart", DiagnosticRecordingIT.POLICY);
        Instant now = Instant.now();
        ticket = new DiagnosticTicket("t-r", "LINE-4800", "kpn", "echo", 1, MAX_LENGTH, now.plus(Duration.ofHours(1)), now, null);
        rig.gateway().diagnosticsStore().insertTicket(ticket);
        SippAgent agent = SippAgent.start("agent", List.of(new SippAgent.Press(2_000, "*8"),
                new SippAgent.Press(36_000, "")), rig.sippLogs());
        Thread.sleep(300);
        SippCall caller = SippCall.start("caller", "caller.xml", "1501", "0620000003", "Caller", 42_000, rig.sippLogs());
        assertTrue(AsteriskRig.eventually(Duration.ofSeconds(30), () -> !rig.gateway().diagnosticsStore()
                .recordingsOf(ticket.id()).isEmpty()), "the diagnostic recording started");
        Thread.sleep(2_000);
        rig.restartGateway();
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
    void theRecordingStoppedAtItsLimitAfterTheRestart() throws Exception {
        DiagnosticRecording link = rig.gateway().diagnosticsStore().recordingsOf(ticket.id()).getFirst();
        assertTrue(AsteriskRig.eventually(Duration.ofSeconds(30), () -> rig.gateway().store().byId(link.recordingId())
                .filter(r -> r.status() != RecordingStatus.ACTIVE).isPresent()), "filed");
        Recording r = rig.gateway().store().byId(link.recordingId()).orElseThrow();
        // Filed when Asterisk reported the stop the new gateway asked for: at the limit, not at hangup.
        long ran = r.durationMillis();
        assertTrue(ran >= MAX_LENGTH.toMillis() - 1_000 && ran <= MAX_LENGTH.toMillis() + 3_000,
                "stopped near " + MAX_LENGTH + " although the gateway restarted; ran " + ran + " ms");
        // MixMonitor writes the frames it gets (SIPp's speech has gaps), so the audio is at most the limit.
        double seconds = (Files.size(Path.of(r.filePath())) - 44) / 16_000.0;
        assertTrue(seconds > 2 && seconds <= MAX_LENGTH.toSeconds() + 2,
                "audio, and not the rest of the 40 s call: " + seconds + " s");
    }
}
