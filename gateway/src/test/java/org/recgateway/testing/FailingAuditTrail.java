package org.recgateway.testing;

import java.util.List;
import java.util.Map;

import org.recgateway.audit.AuditAction;
import org.recgateway.audit.AuditEvent;
import org.recgateway.audit.AuditTrail;
import org.recgateway.audit.Verification;

/** An audit trail whose disk is gone: every call fails, so tests can show nothing is served unaudited. */
public final class FailingAuditTrail implements AuditTrail {

    @Override
    public AuditEvent append(String actor, AuditAction action, String recordingId, Map<String, String> details) {
        throw new IllegalStateException("the audit trail cannot be written (test)");
    }

    @Override
    public List<AuditEvent> forRecording(String recordingId) {
        throw new IllegalStateException("the audit trail cannot be read (test)");
    }

    @Override
    public List<AuditEvent> since(long sequence, int limit) {
        throw new IllegalStateException("the audit trail cannot be read (test)");
    }

    @Override
    public Verification verify() {
        throw new IllegalStateException("the audit trail cannot be read (test)");
    }
}
