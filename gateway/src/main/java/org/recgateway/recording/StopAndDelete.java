package org.recgateway.recording;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.recgateway.audit.AuditAction;
import org.recgateway.metrics.GatewayMetrics;
import org.recgateway.policy.ObjectionStep;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The caller objects (GDPR art. 21) or withdraws consent (art. 7(3)) during the call: by the in-call
 * code {@code *9} (the caller's or the agent's) or by {@code POST /api/recordings/{id}/stop-and-delete}.
 * The purposes of the running recording that rest on legitimate interest or consent end now:
 * <ul>
 * <li>when no purpose is left, the recording stops and its audio is deleted ({@link AudioEraser}); under a legal
 *     hold the purposes end, the recording stops and its audio is filed and kept until the hold is lifted;</li>
 * <li>when a purpose on contract, legal obligation (or another basis an objection does not end) is left,
 *     the recording goes on for those purposes only: the ended ones are removed from it (a search by them no
 *     longer finds it), its retention becomes the longest of the purposes left, and the fact is audited
 *     ({@code purposes-ended});</li>
 * <li>when no purpose rests on legitimate interest or consent, nothing ends: refused with the reason.</li>
 * </ul>
 * Who may ask is decided before this is called (the feature code runs inside the call; the HTTP API
 * checks the agent's call).
 */
public final class StopAndDelete {
    private static final Logger LOG = LoggerFactory.getLogger(StopAndDelete.class);

    private final RecordingStore store;
    private final RecordingFiler filer;
    private final Recorder recorder;
    private final Clock clock;
    private final GatewayMetrics metrics;

    public StopAndDelete(RecordingStore store, RecordingFiler filer, Recorder recorder, Clock clock,
                         GatewayMetrics metrics, Duration settle) {
        this.store = store;
        this.filer = filer;
        this.recorder = recorder;
        this.clock = clock;
        this.metrics = metrics;
    }

    /** What the objection did to the recording. */
    public enum Outcome {
        /** Every purpose ended: the recording stopped and its audio is deleted. */
        DELETED,
        /** The legitimate-interest and consent purposes ended; the recording goes on for the others. */
        PURPOSES_ENDED,
        /**
         * Every purpose ended and the recording stopped, but a legal hold keeps the audio: it is filed and
         * deleted once the hold is lifted.
         */
        HELD,
        /** Nothing changed; the reason says why. */
        REFUSED
    }

    /**
     * What happened.
     *
     * @param outcome   deleted, purposes ended, or refused
     * @param reason    in words, for the agent, the API client and the log
     * @param recording the recording as it is now; null when there is none with that id
     */
    public record Result(Outcome outcome, String reason, Recording recording) {
        static Result refused(String reason, Recording recording) {
            return new Result(Outcome.REFUSED, reason, recording);
        }

        /** True when something ended. */
        public boolean done() {
            return outcome != Outcome.REFUSED;
        }
    }

    /** Ends what the objection ends, for {@code actor} (the caller, an agent, an API token), named in the audit trail. */
    public Result stopAndDelete(String recordingId, String actor) {
        if (!filer.claim(recordingId)) {
            return Result.refused("recording " + recordingId + " is being filed or stopped right now; try again", null);
        }
        try {
            Result result = claimed(recordingId, actor);
            if (result.done()) {
                metrics.objection("call");
            }
            return result;
        } finally {
            filer.release(recordingId);
        }
    }

    /**
     * Audits a refused stop-and-delete asked for outside the HTTP API (an agent's or caller's feature
     * code), so that every refusal is in the trail whoever asked.
     */
    public void auditRefusal(String recordingId, String actor, String reason, String via) {
        filer.audit().note(actor, AuditAction.STOP_AND_DELETE_REFUSED, recordingId,
                Map.of("via", via, "reason", reason));
    }

    /** The active recordings of one call (by Asterisk linkedid), e.g. for the in-call code. */
    public List<Recording> activeInCall(String linkedId) {
        return activeInCall(linkedId, null);
    }

    /**
     * The active recordings of one call on the Asterisk server {@code server} (null: any; issue #17 item 3): two servers'
     * linkedids may be equal, and a code pressed in a call on one server never touches a recording of another.
     */
    public List<Recording> activeInCall(String linkedId, String server) {
        return store.find(RecordingQuery.byLinkedId(linkedId)).stream()
                .filter(r -> r.status() == RecordingStatus.ACTIVE
                        && filer.serves(r, server == null ? AsteriskServers.ANY : server)).toList();
    }

    /** True when an objection or a withdrawn consent ends this purpose (GDPR art. 21, art. 7(3)). */
    public static boolean endedByObjection(RecordedPurpose p) {
        return ObjectionStep.ends(p.basis());
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
        List<RecordedPurpose> live = r.purposes().stream().filter(RecordedPurpose::live).toList();
        List<RecordedPurpose> ending = live.stream().filter(StopAndDelete::endedByObjection).toList();
        List<RecordedPurpose> kept = live.stream().filter(p -> !endedByObjection(p)).toList();
        if (ending.isEmpty()) {
            return Result.refused("recording " + recordingId + " is made only for " + names(kept)
                    + "; an objection ends only purposes on legitimate interest or consent, so it goes on", r);
        }
        return kept.isEmpty() ? stopAndDelete(r, actor) : endPurposes(r, ending, kept, actor);
    }

    private Result stopAndDelete(Recording r, String actor) {
        String mixMonitorId = store.mixMonitorId(r.id());  // waits for the queued writes when none is stored yet
        if (mixMonitorId == null) {
            // Without the id a stop would hit whichever MixMonitor Asterisk finds first: maybe the PBX's own.
            return Result.refused("recording " + r.id() + " has no MixMonitor id stored, so the gateway cannot stop "
                    + "its own MixMonitor without touching others on " + r.channel()
                    + "; it is filed when the call ends and can then be erased through a subject request", r);
        }
        filer.stopRequested(r.id());
        try {
            recorder.on(r.call().server()).stop(r.channel(), mixMonitorId);
        } catch (Exception e) {
            LOG.warn("could not stop MixMonitor on {} for recording {}: {}", r.channel(), r.id(), e.toString());
            return Result.refused("Asterisk did not stop the recording (" + e.getMessage() + "); try again", r);
        }
        try {
            AudioEraser.Result done = filer.deleteAudio(r, actor, "objection", "objection during the call; purposes ended: "
                    + names(r.purposes()));
            if (done.held()) {
                // The objection is honoured as far as a hold allows: recording stopped, every purpose ended; the
                // audio is kept (filed) while the hold lasts and deleted by the retention sweep once it is lifted.
                return new Result(Outcome.HELD, "stopped; every purpose ended, but " + done.reason(), done.recording());
            }
            return new Result(Outcome.DELETED, "stopped and deleted", done.recording());
        } catch (IOException e) {
            LOG.warn("recording {} stopped but its file could not be deleted: {}", r.id(), e.toString());
            return Result.refused("stopped, but the file could not be deleted (" + e.getMessage() + ")", r);
        }
    }

    private Result endPurposes(Recording r, List<RecordedPurpose> ending, List<RecordedPurpose> kept, String actor) {
        // The ended purposes stay on the recording as ended (when, why): a search or an access by them no longer
        // finds it; the recording goes on, and is kept, for the purposes in force.
        Recording narrowed = r.withPurposes(p -> endedByObjection(p) ? p.end(clock.instant(), "objection") : p);
        store.update(narrowed);
        metrics.recording("purposes-ended");
        filer.audit().note(actor, AuditAction.PURPOSES_ENDED, r.id(), Map.of("reason", "objection during the call",
                "purposesEnded", names(ending), "purposesKept", names(kept)));
        LOG.info("recording {}: {} ended at the caller's request; it goes on for {}", r.id(), names(ending), names(kept));
        return new Result(Outcome.PURPOSES_ENDED, names(ending) + " ended; the recording goes on for " + names(kept)
                + ", which an objection does not end", narrowed);
    }

    private static String names(List<RecordedPurpose> purposes) {
        return purposes.stream().map(p -> p.purpose().id() + " (" + p.basis().id() + ")").collect(Collectors.joining(", "));
    }
}
