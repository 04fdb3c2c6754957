package org.recgateway.recording;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.recgateway.audit.AuditAction;
import org.recgateway.metrics.GatewayMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place where a recording's audio is deleted: by retention, erasure, an objection during the
 * call, the end of a diagnostic listening window. In three durable steps: the row records that the
 * deletion began; the file goes; the row becomes a tombstone (status {@code deleted}, every purpose
 * ended, size and hash of what was deleted, when, why and by whom) and the audit trail says so. A
 * crash between any two steps is finished by {@link #finishUnfinished()}; every step is idempotent.
 * A legal hold in force refuses the deletion.
 */
public final class AudioDeletion {
    private static final Logger LOG = LoggerFactory.getLogger(AudioDeletion.class);

    private final RecordingStore store;
    private final LegalHolds holds;
    private final AuditNotes audit;
    private final Clock clock;
    private final GatewayMetrics metrics;

    public AudioDeletion(RecordingStore store, LegalHolds holds, AuditNotes audit, Clock clock, GatewayMetrics metrics) {
        this.store = store;
        this.holds = holds;
        this.audit = audit;
        this.clock = clock;
        this.metrics = metrics;
    }

    /**
     * What a deletion did.
     *
     * @param deleted   true when the recording is now a tombstone
     * @param held      true when a legal hold in force kept it (a pause, not a failure)
     * @param reason    why not, when it was not (a hold, a file that would not go)
     * @param recording the recording as it is now
     */
    public record Result(boolean deleted, boolean held, String reason, Recording recording) { }

    /**
     * Deletes the audio of {@code recording} for {@code reason}, caused by {@code actor}. A recording that
     * has no hash yet (still running) is measured before its file goes. A tombstone is returned as it is.
     */
    public Result delete(Recording recording, String reason, String actor) {
        if (recording.status() == RecordingStatus.DELETED && recording.deletion() != null && recording.deletion().done()) {
            return new Result(true, false, "already deleted", recording);
        }
        List<LegalHold> held = holds.covering(recording);
        if (!held.isEmpty()) {
            LegalHold h = held.getFirst();
            return new Result(false, true, "legal hold " + h.id() + " (" + h.reason() + ", set by " + h.setBy() + ")", recording);
        }
        Recording begun = recording;
        if (recording.deletion() == null) {
            begun = recording.withDeletion(new Deletion(clock.instant(), reason, actor, false), recording.sizeBytes(),
                    recording.sha256());
            store.update(begun);
        }
        return finish(begun);
    }

    /** Finishes every deletion that began and did not end (e.g. the gateway stopped halfway); returns the ids finished. */
    public List<String> finishUnfinished() {
        List<String> finished = new ArrayList<>();
        for (Recording r : store.unfinishedDeletions()) {
            if (finish(r).deleted()) {
                finished.add(r.id());
            }
        }
        return finished;
    }

    private Result finish(Recording begun) {
        Deletion d = begun.deletion();
        Long size = begun.sizeBytes();
        String hash = begun.sha256();
        if (begun.filePath() != null) {
            Path file = Path.of(begun.filePath());
            try {
                if (Files.exists(file) && (hash == null || size == null)) {
                    size = Files.size(file);
                    hash = RecordingFiler.sha256(file);
                }
                Files.deleteIfExists(file);
            } catch (IOException e) {
                LOG.warn("could not delete the audio of recording {} ({}); the next sweep tries again: {}",
                        begun.id(), d.reason(), e.toString());
                return new Result(false, false, "the file could not be deleted (" + e.getMessage() + "); the next sweep tries again", begun);
            }
        }
        Instant at = clock.instant();
        Instant ended = begun.ended() == null ? at : begun.ended();
        Recording tombstone = new Recording(begun.id(), begun.uniqueId(), begun.linkedId(), begun.channel(),
                begun.callerNumber(), begun.calledNumber(), begun.purpose(), begun.legalBasis(), begun.ruleName(),
                begun.retention(), begun.notice(), begun.started(), ended, begun.retentionUntil(), begun.filePath(),
                size, hash, RecordingStatus.DELETED,
                begun.purposes().stream().map(p -> p.end(at, d.reason())).toList(), begun.choices(), d.finished());
        store.update(tombstone);
        metrics.recording("deleted");
        Map<String, String> details = new LinkedHashMap<>();
        details.put("reason", d.reason());
        details.put("deletedAt", at.toString());
        details.put("sizeBytes", size == null ? "" : Long.toString(size));
        details.put("sha256", hash == null ? "" : hash);
        details.put("purposes", String.join(" ", begun.purposes().stream().map(p -> p.purpose().id()).toList()));
        audit.note(d.by(), AuditAction.RECORDING_DELETED, begun.id(), details);
        LOG.info("audio of recording {} deleted: {}", begun.id(), d.reason());
        return new Result(true, false, d.reason(), tombstone);
    }
}
