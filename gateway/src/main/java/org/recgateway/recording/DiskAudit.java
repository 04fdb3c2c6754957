package org.recgateway.recording;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import org.recgateway.audit.Actors;
import org.recgateway.audit.AuditAction;
import org.recgateway.metrics.GatewayMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rows and files agree, both ways. Nothing on disk is unaccounted for: every file in the recordings
 * directory that no recording accounts for (left by a crash between MixMonitor start and filing, put there
 * by hand, or behind a {@link RecordingStatus#MISSING} or {@link RecordingStatus#DELETED} row) is filed as
 * {@link RecordingStatus#QUARANTINED} with its size and hash, and reported. And no filed recording claims
 * a file it does not have ({@link #checkFiled}): one whose file is gone is flagged missing, one whose
 * plaintext file changed size is flagged as tampered; both are alarmed, counted and audited.
 */
public final class DiskAudit {
    private static final Logger LOG = LoggerFactory.getLogger(DiskAudit.class);

    private final RecordingStore store;
    private final Path directory;
    private final GatewayMetrics metrics;
    private final AuditNotes audit;
    private final WorkClaims claims;
    /** The work name of a quarantine's claim (its subject is the file's path). */
    static final String QUARANTINE = "quarantine";

    public DiskAudit(RecordingStore store, Path directory, GatewayMetrics metrics, AuditNotes audit) {
        this(store, directory, metrics, audit, WorkClaims.local());
    }

    /**
     * A disk audit of a directory that several gateways may share (issue #17): a file is quarantined by the one
     * gateway that claims it in {@code claims}, after it checked again that no recording (of any gateway or Asterisk
     * server on the shared store) accounts for it.
     */
    public DiskAudit(RecordingStore store, Path directory, GatewayMetrics metrics, AuditNotes audit, WorkClaims claims) {
        this.claims = claims;
        this.store = store;
        this.directory = directory;
        this.metrics = metrics;
        this.audit = audit;
    }

    /**
     * A sealed copy (or a half-written one) of a file a recording still names as plaintext: sealing
     * was cut short by a crash, and the next filing of that recording finishes or redoes it.
     */
    private boolean beingSealed(String path) {
        String plain = path.endsWith(AudioVault.SEALED_SUFFIX + ".part")
                ? path.substring(0, path.length() - AudioVault.SEALED_SUFFIX.length() - ".part".length())
                : path.endsWith(AudioVault.SEALED_SUFFIX) ? path.substring(0, path.length() - AudioVault.SEALED_SUFFIX.length())
                : null;
        return plain != null && store.knowsFile(plain);
    }

    /**
     * Walks the directory once and quarantines every file no recording accounts for; returns the recordings it
     * quarantined.
     *
     * @throws SharedDirectory.Mismatch before quarantining anything, when a file here is another gateway's recording
     *                                  filed under another path of this shared directory (see {@link SharedDirectory})
     * @throws IOException              when the directory cannot be walked
     */
    public List<Recording> run() throws IOException {
        List<Recording> quarantined = new ArrayList<>();
        if (!Files.isDirectory(directory)) {
            return quarantined;
        }
        // One walk: the store is asked once about each file; only the files it does not know are looked at again.
        Path here = directory.toAbsolutePath().normalize();
        List<Path> unknown;
        try (Stream<Path> walk = Files.walk(here)) {
            unknown = walk.filter(Files::isRegularFile).filter(f -> !store.knowsFile(f.toString()) && !beingSealed(f.toString()))
                    .toList();
        }
        // Before any is quarantined: one that is another gateway's, filed under another path of this shared directory,
        // stops the audit (the gateway refuses to start), or it would quarantine every file of the other gateways.
        for (Path file : unknown) {
            SharedDirectory.check(store, here, file);
        }
        for (Path file : unknown) {
            String path = file.toString();
            if (!claims.claim(QUARANTINE, path, RecordingFiler.HANDLING)) {
                continue;  // another gateway on the shared store is quarantining it
            }
            Recording r;
            try {
                // Again under the claim: meanwhile a gateway may have filed it (the row now names it or its sealed copy),
                // quarantined it, or sealed it away.
                if (store.knowsFile(path) || beingSealed(path) || !Files.isRegularFile(file)) {
                    continue;
                }
                Instant modified = Files.getLastModifiedTime(file).toInstant();
                r = Recording.quarantined(RecordingFiles.newId(), path, modified, Files.size(file), FileHashes.sha256(file));
                store.insert(r);
            } catch (NoSuchFileException gone) {
                continue;  // sealed or deleted while it was read: accounted for by whoever did that
            } finally {
                claims.release(QUARANTINE, path);
            }
            metrics.recording("quarantined");
            audit.note(Actors.GATEWAY, AuditAction.RECORDING_QUARANTINED, r.id(), Map.of("file", path, "sha256", r.sha256()));
            quarantined.add(r);
            LOG.warn("quarantined {}: a file in the recordings directory that no recording accounts for (id {}); "
                    + "review it and delete it or keep it under a legal basis", path, r.id());
        }
        return quarantined;
    }

    /**
     * What one periodic run found. The two checks are independent: the walk can stop without quarantining anything
     * (a shared-directory mismatch, an unreadable directory) while the missing-file check still runs.
     *
     * @param quarantined the recordings the walk quarantined (none when it stopped)
     * @param flagged     how many filed recordings {@link #checkFiled} flagged missing or tampered
     * @param mismatch    why the walk stopped on the shared-directory rule ({@link SharedDirectory.Mismatch}), or empty
     * @param walkFailed  why the directory could not be walked, or empty
     */
    public record Report(List<Recording> quarantined, int flagged, Optional<String> mismatch, Optional<String> walkFailed) {
        public Report {
            quarantined = List.copyOf(quarantined);
        }
    }

    /**
     * The periodic audit: {@link #run} and then {@link #checkFiled}, both whatever the first found. A mismatch or a
     * failed walk stops only the quarantine; files gone from filed recordings are still flagged in the same run.
     */
    public Report periodicRun() {
        List<Recording> quarantined = List.of();
        String mismatch = null;
        String walkFailed = null;
        try {
            quarantined = run();
        } catch (SharedDirectory.Mismatch e) {
            mismatch = e.getMessage();
        } catch (IOException | RuntimeException e) {
            walkFailed = e.toString();
        }
        return new Report(quarantined, checkFiled(), Optional.ofNullable(mismatch), Optional.ofNullable(walkFailed));
    }

    /**
     * Checks every filed (or incomplete) recording whose file is in this audit's directory against its file (a recording
     * filed into another gateway's own directory is that gateway's to check); returns how many were flagged. A file gone
     * turns the row {@link RecordingStatus#MISSING}; a plaintext file whose size is not the filed size is
     * flagged {@code audio-tampered} (a sealed file is proven on each read instead).
     */
    public int checkFiled() {
        int flagged = 0;
        for (RecordingStatus status : List.of(RecordingStatus.FILED, RecordingStatus.INCOMPLETE)) {
            for (String id : store.idsWithStatus(status)) {
                Recording r = store.byId(id).orElse(null);
                if (r == null || r.status() != status || r.filePath() == null) {
                    continue;
                }
                Path file = Path.of(r.filePath());
                if (!file.toAbsolutePath().normalize().startsWith(directory.toAbsolutePath().normalize())) {
                    continue;  // another gateway's own directory (issue #17 item 3): not this one's to check
                }
                try {
                    if (!Files.exists(file)) {
                        store.update(r.filed(r.ended(), r.sizeBytes() == null ? 0 : r.sizeBytes(), r.sha256(), RecordingStatus.MISSING));
                        metrics.recording("missing");
                        audit.note(Actors.GATEWAY, AuditAction.RECORDING_MISSING, r.id(), Map.of("file", file.toString(), "was", status.id()));
                        LOG.error("ALARM recording {} was {} but its file {} is gone: flagged missing; restore it from a backup", r.id(), status.id(), file);
                        flagged++;
                    } else if (!file.getFileName().toString().endsWith(AudioVault.SEALED_SUFFIX) && r.sizeBytes() != null
                            && Files.size(file) != r.sizeBytes()) {
                        metrics.recording("tampered");
                        audit.note(Actors.GATEWAY, AuditAction.AUDIO_TAMPERED, r.id(), Map.of("file", file.toString(),
                                "sizeBytes", Long.toString(Files.size(file)), "filedSizeBytes", Long.toString(r.sizeBytes())));
                        LOG.error("ALARM recording {}: its file {} is {} bytes, it was filed with {}; it changed after filing",
                                r.id(), file, Files.size(file), r.sizeBytes());
                        flagged++;
                    }
                } catch (IOException | RuntimeException e) {
                    LOG.warn("could not check the file of recording {} ({}); the next check tries again", r.id(), e.toString());
                }
            }
        }
        return flagged;
    }
}
