package org.recgateway.recording;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletion of a recording's audio with legal holds and crash safety, for retention, erasure and the
 * quarantine review; the files and the data key go through {@link AudioEraser} (the one place that
 * deletes audio). In three durable steps: the row records that the deletion began; the files go; the
 * row becomes a tombstone (status {@code deleted}, every purpose
 * ended, size and hash of what was deleted, when, why and by whom) and the audit trail says so. A
 * crash between any two steps is finished by {@link #finishUnfinished()}; every step is idempotent.
 * A legal hold in force refuses the deletion.
 */
public final class AudioDeletion {
    private static final Logger LOG = LoggerFactory.getLogger(AudioDeletion.class);

    private final RecordingStore store;
    private final LegalHolds holds;
    private final AudioEraser eraser;
    private final Clock clock;

    /** @param eraser removes the files (plaintext and sealed), destroys the data key, stores and audits the tombstone */
    public AudioDeletion(RecordingStore store, LegalHolds holds, AudioEraser eraser, Clock clock) {
        this.store = store;
        this.holds = holds;
        this.eraser = eraser;
        this.clock = clock;
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
        Instant at = clock.instant();
        Instant ended = begun.ended() == null ? at : begun.ended();
        Recording marked = new Recording(begun.id(), begun.uniqueId(), begun.linkedId(), begun.channel(),
                begun.callerNumber(), begun.calledNumber(), begun.purpose(), begun.legalBasis(), begun.ruleName(),
                begun.retention(), begun.notice(), begun.started(), begun.ended(), begun.retentionUntil(), begun.filePath(),
                begun.sizeBytes(), begun.sha256(), begun.status(),
                begun.purposes().stream().map(p -> p.end(at, d.reason())).toList(), begun.choices(), d.finished());
        Map<String, String> details = new LinkedHashMap<>();
        details.put("reason", d.reason());
        details.put("deletedAt", at.toString());
        details.put("purposes", String.join(" ", begun.purposes().stream().map(p -> p.purpose().id()).toList()));
        try {
            Recording tombstone = eraser.erase(marked, ended, d.by(), details);
            LOG.info("audio of recording {} deleted: {}", begun.id(), d.reason());
            return new Result(true, false, d.reason(), tombstone);
        } catch (IOException e) {
            LOG.warn("could not delete the audio of recording {} ({}); the next sweep tries again: {}",
                    begun.id(), d.reason(), e.toString());
            return new Result(false, false, "the file could not be deleted (" + e.getMessage() + "); the next sweep tries again", begun);
        }
    }
}
