package org.recgateway.recording;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.recgateway.audit.AuditAction;
import org.recgateway.metrics.GatewayMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one "file as active, start MixMonitor, audit" step that every recording goes through, the policy
 * recording after its notice ({@link NoticeThenRecord}) as well as a diagnostic recording after both parties
 * heard theirs. The order is the promise: the row is stored as {@link RecordingStatus#ACTIVE} before
 * MixMonitor starts (a crash in between leaves the file accounted for, never unknown); a MixMonitor that did
 * not start files the row at once (nothing dangles as active); the id Asterisk gave the MixMonitor is queued in the
 * store's one write queue before anything can ask to stop it (a stop reads it with {@link RecordingStore#mixMonitorId},
 * which waits for that queue when it finds none); and the start is audited only once audio is really being written.
 * Only the ACTIVE row is waited for: the id and the {@code recording-started} event are queued, in order, and the
 * session goes on (issue 13: each was a group commit the FastAGI session thread waited for); a failure of either is
 * logged at ERROR and counted ({@link GatewayMetrics#writeFailed}).
 */
public final class RecordingStart {
    private static final Logger LOG = LoggerFactory.getLogger(RecordingStart.class);
    private final RecordingStore store;
    private final RecordingFiles files;
    private final RecordingFiler filer;
    private final GatewayMetrics metrics;

    /** Starts MixMonitor for a recording through whichever port reaches the channel (AGI in the call, or AMI). */
    @FunctionalInterface
    public interface Starter<E extends Exception> {
        /**
         * @param asteriskFile the file MixMonitor writes, as Asterisk sees it
         * @return the MixMonitor id Asterisk confirmed, or empty when Asterisk refused to start it
         * @throws E when the port failed (e.g. the caller hung up, AMI is gone); the row is filed first
         */
        Optional<String> start(String asteriskFile) throws E;
    }

    public RecordingStart(RecordingStore store, RecordingFiles files, RecordingFiler filer, GatewayMetrics metrics) {
        this.store = store;
        this.files = files;
        this.filer = filer;
        this.metrics = metrics;
    }

    /**
     * Stores {@code recording} as active (durable before MixMonitor starts), starts MixMonitor with {@code starter} and
     * queues its id ({@link RecordingStore#mixMonitorStartedLater}).
     *
     * @return the MixMonitor id; empty when Asterisk refused (counted as {@code start-failed}, the row filed)
     * @throws E what {@code starter} threw; the row is filed before it propagates
     */
    public <E extends Exception> Optional<String> fileActiveThenStart(Recording recording, Starter<E> starter) throws E {
        // Filed as active before MixMonitor starts: a crash after this line leaves the file accounted for.
        filer.channels().starting(recording.uniqueId(), recording.linkedId());  // before the insert: no Hangup slips between
        store.insert(recording);
        Optional<String> mixMonitorId;
        try {
            mixMonitorId = starter.start(files.asteriskPath(recording.id(), recording.started()));
        } catch (Exception e) {
            filer.file(recording);
            throw e;
        }
        if (mixMonitorId.isEmpty()) {
            metrics.recording("start-failed");
            filer.file(recording);
            return Optional.empty();
        }
        String id = mixMonitorId.get();
        store.mixMonitorStartedLater(recording.id(), id, e -> {
            metrics.writeFailed("mixmonitor-id");
            LOG.error("recording {} runs, but the id {} of its MixMonitor could not be stored ({}): an objection or a transfer"
                    + " cannot stop it, and it is filed when its call ends; check the store (disk, database)", recording.id(), id,
                    e.toString());
        });
        return mixMonitorId;
    }

    /**
     * Counts and audits a recording whose MixMonitor runs: the {@code recording-started} event is queued, not waited
     * for, and chained before anything queued after this call (its filing included); see {@link AuditNotes#noteLater}.
     *
     * @param event   the metric event, e.g. {@code started} or {@code diagnostic-started}
     * @param actor   who started it, as the audit trail names actors
     * @param details the audit entry's context (rule or ticket, purposes, notice)
     */
    public void audited(Recording recording, String event, String actor, Map<String, String> details) {
        metrics.recording(event);
        Map<String, String> evidence = details;
        if (recording.call().server() != null) {  // the Asterisk server the call ran on (issue #17 item 3)
            evidence = new LinkedHashMap<>(details);
            evidence.put("asteriskServer", recording.call().server());
        }
        filer.audit().noteLater(actor, AuditAction.RECORDING_STARTED, recording.id(), evidence);
    }
}
