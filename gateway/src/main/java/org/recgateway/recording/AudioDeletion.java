package org.recgateway.recording;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import org.recgateway.audit.AuditAction;

/**
 * The one place where a recording's audio is deleted: the caller's objection or withdrawn consent
 * ({@link StopAndDelete}), a recording that holds no audio or whose call reached no person (through
 * {@link RecordingFiler}), a diagnostic recording whose listening window ended or whose ticket closed,
 * and whatever else must make audio go (retention, erasure) call {@link #delete}. It measures and
 * hashes what it deletes, deletes the file, files the recording as {@link RecordingStatus#DELETED}
 * (size and SHA-256 of what went are kept) and appends {@code recording-deleted} to the audit trail.
 * Hook here anything that must happen with every deletion (e.g. destroying a data key).
 */
public final class AudioDeletion {
    private final RecordingStore store;
    private final AuditNotes audit;
    private final Duration settle;

    /**
     * @param settle how long the file's size must stay unchanged before it is measured (MixMonitor may
     *               still be closing it); zero for a file known to be closed
     */
    public AudioDeletion(RecordingStore store, AuditNotes audit, Duration settle) {
        this.store = store;
        this.audit = audit;
        this.settle = settle;
    }

    /**
     * Deletes {@code r}'s audio now and files the fact.
     *
     * @param actor     who asked (an agent, a token, the caller, the gateway), named in the audit trail
     * @param now       the moment of deletion; also the recording's end when it had none
     * @param endReason a short fixed word stored with the recording ({@code objection}, {@code never-bridged},
     *                  {@code ticket-closed} ...)
     * @param details   the audit entry's context, {@code reason} (a sentence) at least; end reason, size and hash are added
     * @return the recording as filed, status {@code deleted}
     * @throws IOException when the file exists but cannot be read or deleted; nothing is filed then
     */
    public Recording delete(Recording r, String actor, Instant now, String endReason, Map<String, String> details)
            throws IOException {
        Path file = Path.of(r.filePath());
        long size = Files.exists(file) ? Math.max(RecordingFiler.settledSize(file, settle), 0) : 0;
        String hash = Files.exists(file) ? RecordingFiler.sha256(file) : r.sha256();
        Files.deleteIfExists(file);
        Instant ended = r.ended() == null ? now : r.ended();
        Recording deleted = r.filed(ended, size, hash, RecordingStatus.DELETED);
        store.update(deleted);
        store.endReason(r.id(), endReason);
        Map<String, String> entry = new LinkedHashMap<>(details);
        entry.put("endReason", endReason);
        entry.put("sha256", hash == null ? "" : hash);
        entry.put("sizeBytes", Long.toString(size));
        audit.note(actor, AuditAction.RECORDING_DELETED, r.id(), entry);
        return deleted;
    }
}
