package org.recgateway.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recgateway.audit.AuditAction;
import org.recgateway.audit.AuditEvent;
import org.recgateway.diagnostics.DiagnosticSwitch;

/** What used to go unaudited: the provider's sample list and a refused diagnostic switch (*8). */
class AuditedRefusalsTest {

    @TempDir
    Path dir;

    private ListeningRig rig;

    @BeforeEach
    void start() throws Exception {
        rig = new ListeningRig(dir);
    }

    @AfterEach
    void stop() {
        rig.close();
    }

    private List<AuditEvent> after(long sequence) {
        return rig.trail.since(sequence, 100);
    }

    @Test
    void theProviderSampleListIsAuditedWithWhatItShowed() throws Exception {
        long before = rig.trail.since(0, 1000).size();

        assertEquals(200, rig.get("/api/listening/samples", ListeningRig.PROVIDER).statusCode());

        List<AuditEvent> events = after(before);
        assertEquals(1, events.size(), events.toString());
        AuditEvent listed = events.getFirst();
        assertEquals(AuditAction.SAMPLES_LISTED, listed.action());
        assertEquals("token:kpn", listed.actor());
        assertNull(listed.recordingId());
        assertEquals("2", listed.details().get("count"));
        assertEquals("d1,d2", listed.details().get("recordings"));
    }

    @Test
    void aRefusedDiagnosticSwitchIsAuditedWithTheAgentAndTheReason() {
        long before = rig.trail.since(0, 1000).size();

        DiagnosticSwitch.Outcome outcome = rig.diagnosticSwitch.toggle(new DiagnosticSwitch.Toggle("PJSIP/agent-000009",
                "u9", "l9", "PJSIP/caller-000010", "0611", "200",
                new org.recgateway.diagnostics.SwitchedBy("agent:PJSIP/agent", org.recgateway.diagnostics.SwitchedBy.How.FEATURE_CODE),
                "no-such-ticket", "nl"));

        assertEquals("refused", outcome.action());
        List<AuditEvent> events = after(before);
        assertEquals(1, events.size(), events.toString());
        assertEquals(AuditAction.FEATURE_CODE_REFUSED, events.getFirst().action());
        assertEquals("agent:PJSIP/agent", events.getFirst().actor());
        assertEquals("diagnostic", events.getFirst().details().get("switch"));
        assertEquals(outcome.reason(), events.getFirst().details().get("reason"));
        assertEquals("no-such-ticket", events.getFirst().details().get("ticket"));
    }
}
