package org.recgateway.recording;

import java.util.Map;

import org.recgateway.audit.AuditAction;
import org.recgateway.audit.AuditTrail;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The recording lifecycle's entries in the audit trail. A failed append is logged, not thrown: a
 * call is never broken by the audit trail, and what happened is still in the recording's metadata.
 */
public final class AuditNotes {
    private static final Logger LOG = LoggerFactory.getLogger(AuditNotes.class);

    private final AuditTrail trail;

    public AuditNotes(AuditTrail trail) {
        this.trail = trail;
    }

    public void note(String actor, AuditAction action, String recordingId, Map<String, String> details) {
        try {
            trail.append(actor, action, recordingId, details);
        } catch (RuntimeException e) {
            LOG.error("could not append {} for recording {} to the audit trail; run `./run audit verify`: {}",
                    action.id(), recordingId, e.toString());
        }
    }
}
