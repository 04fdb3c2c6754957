package org.recgateway.recording;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import org.recgateway.audit.AuditAction;
import org.recgateway.metrics.GatewayMetrics;

/**
 * The one place where a recording's audio is deleted, whatever the reason (stop-and-delete during
 * the call, an objection, the end of a diagnostic listening window, retention, erasure): it removes
 * the plaintext and the sealed file (and a half-written sealed copy), destroys the recording's data
 * key (crypto-shredding: copies of the sealed file in backups no longer open), stores the recording
 * as {@link RecordingStatus#DELETED} with the size and hash of what was deleted, and audits it with
 * the reason. Every deletion path calls {@link #erase}; none deletes a file itself.
 */
public final class AudioEraser {
    private final RecordingStore store;
    private final AudioVault vault;
    private final GatewayMetrics metrics;
    private final AuditNotes audit;

    /** @param vault where the audio rests; its data key is destroyed here */
    public AudioEraser(RecordingStore store, AudioVault vault, GatewayMetrics metrics, AuditNotes audit) {
        this.store = store;
        this.vault = vault;
        this.metrics = metrics;
        this.audit = audit;
    }

    /** An eraser of plaintext files that counts nothing (no vault, no metrics); for tests and tools. */
    public static AudioEraser plaintext(RecordingStore store, AuditNotes audit) {
        return new AudioEraser(store, AudioVault.plaintext(), GatewayMetrics.NOOP, audit);
    }

    /**
     * Deletes the audio of {@code r} for {@code actor}.
     *
     * @param ended   when the recording ended (a running recording: now)
     * @param details the reason and its context for the audit event (e.g. {@code reason}, {@code ticket})
     * @return the recording as stored, status {@code deleted}
     * @throws IOException when a file cannot be deleted; the key and the metadata are then left as they were
     */
    public Recording erase(Recording r, Instant ended, String actor, Map<String, String> details) throws IOException {
        Path file = r.filePath() == null ? null : Path.of(r.filePath());
        long size = r.sizeBytes() == null ? 0 : r.sizeBytes();
        String hash = r.sha256();
        if (file != null && Files.isRegularFile(file) && !vault.isSealed(file)) {
            size = Files.size(file);  // a running or unsealed recording: what is deleted is what is on disk
            hash = RecordingFiler.sha256(file);
        }
        if (file != null) {
            Path plaintext = vault.isSealed(file) ? plaintextOf(file) : file;
            Path sealed = AudioVault.sealedPath(plaintext);
            Files.deleteIfExists(plaintext);
            Files.deleteIfExists(sealed);
            Files.deleteIfExists(sealed.resolveSibling(sealed.getFileName() + ".part"));
        }
        vault.shred(r.id());
        Recording deleted = r.filed(ended, size, hash, RecordingStatus.DELETED);
        store.update(deleted);
        metrics.recording("deleted");
        metrics.deletion(kind(details));
        Map<String, String> event = new LinkedHashMap<>(details);
        event.put("sha256", hash == null ? "" : hash);
        event.put("sizeBytes", Long.toString(size));
        event.put("dataKey", "destroyed");
        audit.note(actor, AuditAction.RECORDING_DELETED, r.id(), event);
        return deleted;
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
        for (String known : java.util.List.of("retention", "erasure", "quarantine")) {
            if (reason.startsWith(known)) {
                return known;
            }
        }
        return "other";
    }
}
