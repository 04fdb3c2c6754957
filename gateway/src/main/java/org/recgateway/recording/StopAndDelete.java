package org.recgateway.recording;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

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
    private final AudioDeletion deletion;

    /** {@code deletion} is the one place audio is deleted; {@code settle} how long the file must stop growing first. */
    public StopAndDelete(RecordingStore store, RecordingFiler filer, Recorder recorder, Clock clock,
                         GatewayMetrics metrics, Duration settle, AudioDeletion deletion) {
        this.deletion = deletion;
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
        try {
            recorder.stop(r.channel());
        } catch (Exception e) {
            LOG.warn("could not stop MixMonitor on {} for recording {}: {}", r.channel(), recordingId, e.toString());
            return Result.refused("Asterisk did not stop the recording (" + e.getMessage() + "); try again", r);
        }
        try {
            // Wait until MixMonitor has let go of the file, so the tombstone's size and hash are of all of it.
            Path file = Path.of(r.filePath());
            long size = RecordingFiler.settledSize(file, settle);
            String hash = size < 0 ? null : RecordingFiler.sha256(file);
            Recording measured = r.filed(clock.instant(), Math.max(size, 0), hash, RecordingStatus.ACTIVE);
            AudioDeletion.Result done = deletion.delete(measured, "objection during the call", actor);
            if (!done.deleted()) {
                return Result.refused("stopped, but the audio was not deleted: " + done.reason(), done.recording());
            }
            LOG.info("recording {} stopped and its audio deleted at the caller's request", recordingId);
            return new Result(true, "stopped and deleted", done.recording());
        } catch (IOException e) {
            LOG.warn("recording {} stopped but its file could not be measured: {}", recordingId, e.toString());
            return Result.refused("stopped, but the file could not be read (" + e.getMessage() + ")", r);
        }
    }
}
