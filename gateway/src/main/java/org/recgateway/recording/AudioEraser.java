package org.recgateway.recording;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
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
 * The one place where a recording's audio is deleted, whatever the reason (stop-and-delete during the
 * call, a call that was never bridged, the end of a diagnostic listening window or ticket, retention,
 * erasure, the quarantine review). Every deletion path calls {@link #delete}; none deletes a file itself.
 *
 * <p>A deletion goes in three durable steps: the row records that the deletion began (who, why, when) and
 * every purpose still in force ends with that reason; the files go (plaintext, sealed, a half-written sealed
 * copy) and the recording's data key is destroyed (crypto-shredding: copies of the sealed file in backups no
 * longer open); the row becomes a tombstone (status {@code deleted}, size and hash of what was deleted) and
 * the audit trail says so ({@code recording-deleted}). A crash between any two steps is finished by
 * {@link #finishUnfinished()} (the retention sweep calls it at start-up and on its schedule); every step is
 * idempotent.
 *
 * <p>A legal hold in force ({@link LegalHolds#covering}) pauses the deletion after its first step: the
 * purposes end (a search by them no longer finds the recording), the audio is kept, the pause is audited
 * ({@code deletion-paused}) and {@link #finishUnfinished()} completes the deletion once every hold covering
 * the recording is lifted. So a hold pauses every kind of deletion, and lifting it resumes each.
 */
public final class AudioEraser {
    private static final Logger LOG = LoggerFactory.getLogger(AudioEraser.class);

    private final RecordingStore store;
    private final AudioVault vault;
    private final GatewayMetrics metrics;
    private final AuditNotes audit;
    private final Clock clock;
    /**
     * Recordings whose deletion runs right now, in this process or any other on the same database (another gateway,
     * the command line): a sweep does not finish what a request is doing, and two gateways' sweeps delete once.
     */
    private final WorkClaims busy;
    /** The work name of a deletion's claim. */
    static final String DELETION = "deletion";
    /** How long a deletion's claim holds when its process dies before releasing it; the next sweep then finishes it. */
    public static final Duration DELETING = Duration.ofMinutes(2);

    /**
     * @param store holds the recordings and the legal holds ({@link RecordingStore#legalHolds()}) asked before any file goes
     * @param vault where the audio rests; its data key is destroyed here
     * @param clock when each step happens
     */
    public AudioEraser(RecordingStore store, AudioVault vault, GatewayMetrics metrics, AuditNotes audit, Clock clock) {
        this(store, vault, metrics, audit, clock, WorkClaims.local(clock));
    }

    /**
     * An eraser among several processes on one database (issue #17): each deletion is done by the one that claims it.
     *
     * @param claims claims shared by every process on the database ({@code Database.claims()})
     */
    public AudioEraser(RecordingStore store, AudioVault vault, GatewayMetrics metrics, AuditNotes audit, Clock clock,
                       WorkClaims claims) {
        this.busy = claims;
        this.store = store;
        this.vault = vault;
        this.metrics = metrics;
        this.audit = audit;
        this.clock = clock;
    }

    /** An eraser of plaintext files that counts nothing (no vault, no metrics); for tests and tools. */
    public static AudioEraser plaintext(RecordingStore store, AuditNotes audit, Clock clock) {
        return new AudioEraser(store, AudioVault.plaintext(), GatewayMetrics.NOOP, audit, clock);
    }

    /** What a deletion did. */
    public enum Outcome {
        /** The audio is gone and the row is a tombstone (now or before). */
        DELETED,
        /** A legal hold in force keeps the audio; the deletion is begun and finishes once the hold is lifted. */
        HELD,
        /** A file would not go; the deletion is begun and the next sweep tries again. */
        FAILED
    }

    /**
     * What a deletion did.
     *
     * @param outcome   deleted, held or failed
     * @param reason    in words: why it was deleted, or which hold keeps it, or what failed
     * @param recording the recording as stored now
     */
    public record Result(Outcome outcome, String reason, Recording recording) {
        /** True when the recording is now a tombstone. */
        public boolean deleted() {
            return outcome == Outcome.DELETED;
        }

        /** True when a legal hold keeps the audio (a pause, not a failure). */
        public boolean held() {
            return outcome == Outcome.HELD;
        }
    }

    /**
     * Deletes the audio of {@code r} for {@code reason}, caused by {@code actor}. A running recording (no
     * hash yet) is measured before its file goes. A tombstone is returned as it is; a deletion begun before
     * keeps its first reason and actor.
     *
     * @param reason  why, in words the audit trail and the tombstone keep, e.g. {@code erasure request}
     * @param actor   who caused it, as the audit trail names actors
     * @param details more context for the {@code recording-deleted} event (e.g. {@code ticket}, {@code endReason})
     */
    public Result delete(Recording r, String reason, String actor, Map<String, String> details) {
        if (r.status() == RecordingStatus.DELETED) {
            return new Result(Outcome.DELETED, "already deleted", r);
        }
        if (!busy.claim(DELETION, r.id(), DELETING)) {
            return new Result(Outcome.FAILED, "the deletion of recording " + r.id() + " is running right now (here or in another"
                    + " gateway); it is finished there, or by the next sweep", r);
        }
        try {
            // Re-read under the claim: another gateway may have deleted it between the caller's read and the claim.
            Recording current = store.byId(r.id()).orElse(r);
            if (current.status() == RecordingStatus.DELETED) {
                return new Result(Outcome.DELETED, "already deleted", current);
            }
            if (current.deletion() != null && r.deletion() == null) {
                r = current;  // begun by another process: keep its first reason and actor
            }
            Instant now = clock.instant();
            Recording begun = r;
            if (r.deletion() == null) {
                Deletion d = new Deletion(now, reason, actor, false);
                begun = r.withPurposes(p -> p.end(now, reason)).withDeletion(d, r.sizeBytes(), r.sha256());
                store.update(begun);
            }
            List<LegalHold> held = store.legalHolds().covering(begun);
            if (!held.isEmpty()) {
                return pause(begun, held.getFirst(), r.deletion() == null);
            }
            return finish(begun, details);
        } finally {
            busy.release(DELETION, r.id());
        }
    }

    /**
     * Finishes every deletion that began and did not end: the gateway stopped halfway, a file would not go,
     * or a legal hold paused it and has been lifted. Deletions still under a hold stay paused.
     *
     * @return the ids of the recordings now deleted
     */
    public List<String> finishUnfinished() {
        List<String> finished = new ArrayList<>();
        for (Recording r : store.unfinishedDeletions()) {
            if (!store.legalHolds().covering(r).isEmpty() || !busy.claim(DELETION, r.id(), DELETING)) {
                continue;
            }
            try {
                Recording current = store.byId(r.id()).orElse(r);
                if (current.deletion() != null && !current.deletion().done() && finish(current, Map.of()).deleted()) {
                    finished.add(r.id());
                }
            } finally {
                busy.release(DELETION, r.id());
            }
        }
        return finished;
    }

    private Result pause(Recording begun, LegalHold hold, boolean first) {
        String why = "legal hold " + hold.id() + " (" + hold.reason() + ", set by " + hold.setBy() + " at " + hold.setAt()
                + ") keeps the audio; it is deleted once the hold is lifted";
        if (first) {
            Map<String, String> event = new LinkedHashMap<>();
            event.put("reason", begun.deletion().reason());
            event.put("hold", hold.id());
            audit.note(begun.deletion().by(), AuditAction.DELETION_PAUSED, begun.id(), event);
            LOG.info("deletion of recording {} ({}) paused by legal hold {}", begun.id(), begun.deletion().reason(), hold.id());
        }
        return new Result(Outcome.HELD, why, begun);
    }

    private Result finish(Recording begun, Map<String, String> more) {
        Deletion d = begun.deletion();
        Instant at = clock.instant();
        Instant ended = begun.ended() == null ? at : begun.ended();
        try {
            Path file = begun.filePath() == null ? null : Path.of(begun.filePath());
            long size = begun.sizeBytes() == null ? 0 : begun.sizeBytes();
            String hash = begun.sha256();
            if (file != null && Files.isRegularFile(file) && !vault.isSealed(file)) {
                size = Files.size(file);  // a running or unsealed recording: what is deleted is what is on disk
                hash = FileHashes.sha256(file);
            }
            if (file != null) {
                Path plaintext = vault.isSealed(file) ? plaintextOf(file) : file;
                Path sealed = AudioVault.sealedPath(plaintext);
                Files.deleteIfExists(plaintext);
                Files.deleteIfExists(sealed);
                Files.deleteIfExists(sealed.resolveSibling(sealed.getFileName() + ".part"));
            }
            vault.shred(begun.id());
            Recording tombstone = begun.withPurposes(p -> p.end(at, d.reason()))
                    .filed(ended, size, hash, RecordingStatus.DELETED).withDeletion(d.finished(), size, hash);
            store.update(tombstone);
            metrics.recording("deleted");
            Map<String, String> event = new LinkedHashMap<>();
            event.put("reason", d.reason());
            event.putAll(more);
            event.put("deletedAt", at.toString());
            event.put("purposes", String.join(" ", begun.purposes().stream().map(p -> p.purpose().id()).toList()));
            event.put("sha256", hash == null ? "" : hash);
            event.put("sizeBytes", Long.toString(size));
            event.put("dataKey", "destroyed");
            audit.note(d.by(), AuditAction.RECORDING_DELETED, begun.id(), event);
            metrics.deletion(kind(event));
            LOG.info("audio of recording {} deleted: {}", begun.id(), d.reason());
            return new Result(Outcome.DELETED, d.reason(), tombstone);
        } catch (IOException e) {
            LOG.warn("could not delete the audio of recording {} ({}); the next sweep tries again: {}",
                    begun.id(), d.reason(), e.toString());
            return new Result(Outcome.FAILED, "the file could not be deleted (" + e.getMessage()
                    + "); the next sweep tries again", begun);
        }
    }

    private static Path plaintextOf(Path sealed) {
        String name = sealed.getFileName().toString();
        return sealed.resolveSibling(name.substring(0, name.length() - AudioVault.SEALED_SUFFIX.length()));
    }

    /** A few-valued name for why audio was deleted, for the deletions meter: never free text. */
    static String kind(Map<String, String> details) {
        String end = details.get("endReason");
        if (end != null) {
            return end;  // objection, never-bridged, no-audio: fixed words of the filer
        }
        if (details.containsKey("ticket")) {
            return "diagnostic";
        }
        String reason = details.getOrDefault("reason", "");
        for (String known : List.of("retention", "erasure", "quarantine")) {
            if (reason.startsWith(known)) {
                return known;
            }
        }
        return "other";
    }
}
