package org.recgateway.recording;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.recgateway.metrics.GatewayMetrics;
import org.recgateway.policy.LegalBasis;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The caller objects (or withdraws consent) during the call and the agent stops the recording: it
 * stops now and its audio is deleted; the recording's metadata keeps that it existed, the hash and
 * size of what was deleted and when. Only a recording whose every purpose rests on legitimate
 * interest (GDPR art. 21) or consent (art. 7(3)) can be stopped this way: a caller's objection does
 * not end a recording the law or a contract requires.
 */
public final class StopAndDelete {
    private static final Logger LOG = LoggerFactory.getLogger(StopAndDelete.class);

    private final RecordingStore store;
    private final RecordingFiler filer;
    private final Recorder recorder;
    private final Clock clock;
    private final GatewayMetrics metrics;
    private final Duration settle;

    public StopAndDelete(RecordingStore store, RecordingFiler filer, Recorder recorder, Clock clock,
                         GatewayMetrics metrics, Duration settle) {
        this.store = store;
        this.filer = filer;
        this.recorder = recorder;
        this.clock = clock;
        this.metrics = metrics;
        this.settle = settle;
    }

    /** What happened: done, or refused with a reason the agent or API client can act on. */
    public record Result(boolean done, String reason, Recording recording) {
        static Result refused(String reason, Recording recording) {
            return new Result(false, reason, recording);
        }
    }

    /** Stops and deletes for {@code actor} (who asked: an agent, an API token), who is named in the audit trail. */
    public Result stopAndDelete(String recordingId, String actor) {
        if (!filer.claim(recordingId)) {
            return Result.refused("recording " + recordingId + " is being filed or stopped right now; try again", null);
        }
        try {
            return claimed(recordingId, actor);
        } finally {
            filer.release(recordingId);
        }
    }

    /**
     * Audits a refused stop-and-delete asked for outside the HTTP API (an agent's or caller's feature
     * code), so that every refusal is in the trail whoever asked.
     */
    public void auditRefusal(String recordingId, String actor, String reason, String via) {
        filer.audit().note(actor, org.recgateway.audit.AuditAction.STOP_AND_DELETE_REFUSED, recordingId,
                Map.of("via", via, "reason", reason));
    }

    /** The active recordings of one call (by Asterisk linkedid), e.g. for an agent's feature code. */
    public List<Recording> activeInCall(String linkedId) {
        return store.find(RecordingQuery.byLinkedId(linkedId)).stream()
                .filter(r -> r.status() == RecordingStatus.ACTIVE).toList();
    }

    private Result claimed(String recordingId, String actor) {
        Recording r = store.byId(recordingId).orElse(null);
        if (r == null) {
            return Result.refused("no recording " + recordingId, null);
        }
        if (r.status() != RecordingStatus.ACTIVE) {
            return Result.refused("recording " + recordingId + " is " + r.status().id()
                    + ", not running; a finished recording is erased through a subject request", r);
        }
        List<String> binding = r.purposes().stream()
                .filter(p -> p.basis() != LegalBasis.LEGITIMATE_INTEREST && p.basis() != LegalBasis.CONSENT)
                .map(p -> p.purpose().id() + " (" + p.basis().id() + ")").toList();
        if (!binding.isEmpty()) {
            return Result.refused("recording " + recordingId + " is also made for " + String.join(", ", binding)
                    + "; an objection stops only recordings on legitimate interest or consent", r);
        }
        String mixMonitorId = store.callFacts(recordingId).map(RecordingStore.CallFacts::mixMonitorId).orElse(null);
        if (mixMonitorId == null) {
            // Without the id a stop would hit whichever MixMonitor Asterisk finds first: maybe the PBX's own.
            return Result.refused("recording " + recordingId + " has no MixMonitor id stored, so the gateway cannot stop "
                    + "its own MixMonitor without touching others on " + r.channel()
                    + "; it is filed when the call ends and can then be erased through a subject request", r);
        }
        filer.stopRequested(recordingId);
        try {
            recorder.stop(r.channel(), mixMonitorId);
        } catch (Exception e) {
            LOG.warn("could not stop MixMonitor on {} for recording {}: {}", r.channel(), recordingId, e.toString());
            return Result.refused("Asterisk did not stop the recording (" + e.getMessage() + "); try again", r);
        }
        try {
            Recording deleted = filer.deleteAudio(r, actor, "objection", "objection during the call");
            return new Result(true, "stopped and deleted", deleted);
        } catch (IOException e) {
            LOG.warn("recording {} stopped but its file could not be deleted: {}", recordingId, e.toString());
            return Result.refused("stopped, but the file could not be deleted (" + e.getMessage() + ")", r);
        }
    }
}
