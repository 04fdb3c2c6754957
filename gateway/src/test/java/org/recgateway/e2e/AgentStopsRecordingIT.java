package org.recgateway.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.recgateway.audit.AuditAction;
import org.recgateway.audit.AuditEvent;
import org.recgateway.recording.Recording;
import org.recgateway.recording.RecordingStatus;
import org.recgateway.testing.GatewayRig;
import org.recgateway.testing.SippAgent;
import org.recgateway.testing.SippCall;

/**
 * The caller objects during the call and the agent presses the feature code *9: the gateway stops
 * the caller's recording over AMI and deletes the audio; the metadata and the audit trail keep the fact.
 * Real calls: a SIPp caller, recorded after the notice, bridged by Asterisk 22 to a SIPp agent.
 */
class AgentStopsRecordingIT {
    static final String POLICY = """
            policy:
              defaultLanguage: nl
              default:
                record: {purpose: quality, notice: notice-quality-will, retention: 30d, objection: {window: 1s}}
            """;
    private static GatewayRig rig;
    private static int callerStatus;
    private static int agentStatus;

    @BeforeAll
    static void agentPressesStarNineMidCall() throws Exception {
        rig = GatewayRig.start("agent-stops-recording", POLICY);
        long beforeDial = rig.millis("notice-quality-will", "nl") + rig.millis("question-objection", "nl") + 1_000;
        SippAgent agent = SippAgent.start("agent", List.of(new SippAgent.Press(4_000, "*9"),
                new SippAgent.Press(9_000, "")), rig.sippLogs());
        Thread.sleep(300);
        SippCall caller = SippCall.start("caller", "caller.xml", "1701", "0630000001", "Objecting caller",
                beforeDial + 14_000, rig.sippLogs());
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
    void theFeatureCodeStopsTheCallersRecordingDeletesTheAudioAndKeepsTheFact() throws Exception {
        assertEquals(0, callerStatus, "caller SIPp");
        assertEquals(0, agentStatus, "agent SIPp");
        Recording r = rig.ended("0630000001");
        assertEquals(RecordingStatus.DELETED, r.status(), r.toString());
        assertFalse(Files.exists(Path.of(r.filePath())), "audio deleted");
        assertEquals(64, r.sha256().length(), "the hash of what was deleted is kept");
        List<AuditEvent> deleted = rig.gateway().audit().forRecording(r.id()).stream()
                .filter(e -> e.action() == AuditAction.RECORDING_DELETED).toList();
        assertEquals(1, deleted.size());
        assertTrue(deleted.getFirst().actor().startsWith("agent:PJSIP/"), deleted.getFirst().actor());
        assertTrue(rig.gateway().audit().verify().intact());
    }
}
