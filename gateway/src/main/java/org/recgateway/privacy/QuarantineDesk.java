package org.recgateway.privacy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.recgateway.audit.AuditAction;
import org.recgateway.audit.AuditTrail;
import org.recgateway.recording.AudioEraser;
import org.recgateway.recording.Recording;
import org.recgateway.recording.FileHashes;
import org.recgateway.recording.RecordingQuery;
import org.recgateway.recording.RecordingStatus;
import org.recgateway.recording.RecordingStore;
import org.recgateway.recording.RecordingView;

/**
 * The review of quarantined files (files in the recordings directory that no recording accounted for):
 * list them, inspect one (metadata, whether the file is still as found, its audit trail), assign it to
 * the recording it belongs to (a recording filed as missing whose file turned up), or delete it. Every
 * step is audited; deletion goes through the one deletion place and leaves a tombstone.
 */
public final class QuarantineDesk {
    private final RecordingStore store;
    private final AudioEraser deletion;
    private final AuditTrail audit;
    private final Clock clock;

    public QuarantineDesk(RecordingStore store, AudioEraser deletion, AuditTrail audit, Clock clock) {
        this.store = store;
        this.deletion = deletion;
        this.audit = audit;
        this.clock = clock;
    }

    /** A refusal with the HTTP-like status and what to do, or the result. */
    public sealed interface Outcome<T> {
        record Done<T>(T value) implements Outcome<T> { }

        record Refused<T>(int status, String reason) implements Outcome<T> { }
    }

    /** Every quarantined file not yet reviewed, newest first; audited. */
    public List<Recording> list(String actor) {
        List<Recording> found = store.find(RecordingQuery.all(RecordingQuery.MAX_LIMIT)).stream()
                .filter(r -> r.status() == RecordingStatus.QUARANTINED).toList();
        audit.append(actor, AuditAction.RECORDING_LISTED, null, Map.of("via", "quarantine review",
                "count", Integer.toString(found.size())));
        return found;
    }

    /** One quarantined file with whether it is still on disk as found and its audit trail; audited. */
    public Outcome<Map<String, Object>> inspect(String id, String actor) {
        Optional<Recording> r = quarantined(id);
        if (r.isEmpty()) {
            return new Outcome.Refused<>(404, "no quarantined file " + id + "; GET /api/quarantine lists them");
        }
        audit.append(actor, AuditAction.RECORDING_READ, id, Map.of("via", "quarantine review"));
        Map<String, Object> v = new LinkedHashMap<>(RecordingView.of(r.get()));
        v.put("fileAsFound", asFound(r.get()));
        v.put("audit", audit.forRecording(id).stream().map(e -> e.at() + " " + e.actor() + " " + e.action().id()).toList());
        return new Outcome.Done<>(v);
    }

    /**
     * Assigns the file to {@code recordingId}, a recording filed as {@code missing}: that recording gets the
     * file (its size and hash as measured now) and becomes filed; the quarantine entry is closed as assigned.
     */
    public Outcome<Recording> assign(String id, String recordingId, String actor) {
        Optional<Recording> q = quarantined(id);
        if (q.isEmpty()) {
            return new Outcome.Refused<>(404, "no quarantined file " + id);
        }
        Optional<Recording> target = store.byId(recordingId);
        if (target.isEmpty() || target.get().status() != RecordingStatus.MISSING) {
            return new Outcome.Refused<>(409, "recording " + recordingId + " is " + target.map(t -> t.status().id())
                    .orElse("unknown") + "; a quarantined file is assigned only to a recording filed as missing");
        }
        if (!asFound(q.get())) {
            return new Outcome.Refused<>(409, "the file " + q.get().filePath() + " is gone or changed since it was"
                    + " quarantined; inspect it before assigning");
        }
        Recording t = target.get();
        Recording assigned = t.withFile(RecordingStatus.FILED, q.get().filePath(), q.get().sizeBytes(), q.get().sha256());
        store.update(assigned);
        store.update(q.get().assignedTo(t.id()));
        audit.append(actor, AuditAction.QUARANTINE_ASSIGNED, t.id(), Map.of("quarantined", id, "file", q.get().filePath(),
                "sha256", q.get().sha256()));
        return new Outcome.Done<>(assigned);
    }

    /** Deletes the quarantined file, leaving a tombstone with its size and hash; audited. */
    public Outcome<Recording> delete(String id, String reason, String actor) {
        Optional<Recording> q = quarantined(id);
        if (q.isEmpty()) {
            return new Outcome.Refused<>(404, "no quarantined file " + id);
        }
        AudioEraser.Result done = deletion.delete(q.get(), "quarantine review: " + reason, actor, Map.of());
        return done.deleted() ? new Outcome.Done<>(done.recording()) : new Outcome.Refused<>(409, done.reason());
    }

    private Optional<Recording> quarantined(String id) {
        return store.byId(id).filter(r -> r.status() == RecordingStatus.QUARANTINED);
    }

    private static boolean asFound(Recording r) {
        try {
            Path file = Path.of(r.filePath());
            return Files.isRegularFile(file) && r.sha256() != null && r.sha256().equals(FileHashes.sha256(file));
        } catch (java.io.IOException e) {
            return false;
        }
    }
}
