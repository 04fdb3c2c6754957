package org.recgateway.recording;

import java.util.Map;

import org.recgateway.audit.AuditAction;
import org.recgateway.audit.AuditTrail;
import org.recgateway.metrics.GatewayMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The recording lifecycle's entries in the audit trail. A failed append is logged at ERROR and counted
 * ({@link GatewayMetrics#writeFailed} {@code audit-append}), not thrown: a call is never broken by the audit trail,
 * and what happened is still in the recording's metadata.
 */
public final class AuditNotes {
    private static final Logger LOG = LoggerFactory.getLogger(AuditNotes.class);

    private final AuditTrail trail;
    private final GatewayMetrics metrics;

    /** Notes that count no failures (tools and tests that do not measure). */
    public AuditNotes(AuditTrail trail) {
        this(trail, GatewayMetrics.NOOP);
    }

    /** Notes whose failed appends are counted on {@code metrics}. */
    public AuditNotes(AuditTrail trail, GatewayMetrics metrics) {
        this.trail = trail;
        this.metrics = metrics;
    }

    /** Appends the event and returns once it is durable; a failure is logged and counted. */
    public void note(String actor, AuditAction action, String recordingId, Map<String, String> details) {
        try {
            trail.append(actor, action, recordingId, details);
        } catch (RuntimeException e) {
            failed(action, recordingId, e);
        }
    }

    /**
     * Queues the event and returns at once ({@link AuditTrail#appendLater}): it is chained after everything queued
     * before and before everything queued after (the recording's filing); a failure is logged and counted when the
     * writer meets it. For a thread that must not wait a group commit for an event nothing it does next depends on.
     */
    public void noteLater(String actor, AuditAction action, String recordingId, Map<String, String> details) {
        try {
            trail.appendLater(actor, action, recordingId, details, e -> failed(action, recordingId, e));
        } catch (RuntimeException e) {  // e.g. the store is closed: nothing was queued
            failed(action, recordingId, e);
        }
    }

    private void failed(AuditAction action, String recordingId, RuntimeException e) {
        metrics.writeFailed("audit-append");
        LOG.error("could not append {} for recording {} to the audit trail, so the trail lacks this event; check the store"
                + " (disk, database) and run `./run audit verify`: {}", action == null ? null : action.id(), recordingId, e.toString());
    }
}
