package org.recgateway.recording;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;

import org.recgateway.audit.Actors;
import org.recgateway.audit.AuditAction;
import org.recgateway.metrics.GatewayMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps an ended recording's closed file: seals it ({@link AudioVault}, which hashes the audio in the same read) and stores the row as filed, or as
 * {@link RecordingStatus#INCOMPLETE} with an alarm when the file is shorter than its call; also recovers a file sealed
 * before a crash that was not yet stored as filed. The caller holds the recording's claim.
 */
final class FiledFile {
    private static final Logger LOG = LoggerFactory.getLogger(FiledFile.class);

    private final RecordingStore store;
    private final Clock clock;
    private final GatewayMetrics metrics;
    private final AuditNotes audit;
    private final AudioVault vault;
    private final WholeFile wholeFile;

    FiledFile(RecordingStore store, Clock clock, GatewayMetrics metrics, AuditNotes audit, AudioVault vault,
              WholeFile wholeFile) {
        this.store = store;
        this.clock = clock;
        this.metrics = metrics;
        this.audit = audit;
        this.vault = vault;
        this.wholeFile = wholeFile;
    }

    /**
     * Hashes, seals and stores the recording as filed, or as incomplete (with an alarm) when its file of {@code size}
     * bytes is shorter than its call.
     *
     * @param hungUp when Asterisk said the call ended, or null: then the file's last write
     * @throws IOException when the file cannot be read or sealed; the row stays as it was
     */
    void keep(Recording current, Path path, long size, Instant hungUp) throws IOException {
        keep(current, path, size, hungUp, new FilingFacts(store, current.id()));
    }

    /** As {@link #keep(Recording, Path, long, Instant)}, with the call facts this filing read already ({@code facts}). */
    void keep(Recording current, Path path, long size, Instant hungUp, FilingFacts facts) throws IOException {
        Instant ended = wholeFile.endedAt(current, path, hungUp);
        Optional<String> shortBy = wholeFile.shortBy(current, path, size, ended, facts);
        RecordingStatus status = shortBy.isPresent() ? RecordingStatus.INCOMPLETE : RecordingStatus.FILED;
        AudioVault.Kept kept = vault.seal(current.id(), path, size);  // the one read of the audio: hashed as it is sealed
        String hash = kept.sha256();
        store.update(current.filed(ended, size, hash, status).keptIn(kept.file().toString()));
        if (shortBy.isPresent()) {
            metrics.recording("incomplete");
            audit.note(Actors.GATEWAY, AuditAction.RECORDING_FILED, current.id(), Map.of("sha256", hash,
                    "sizeBytes", Long.toString(size), "sealed", Boolean.toString(vault.encrypts()), "incomplete", shortBy.get()));
            LOG.error("ALARM recording {} filed as INCOMPLETE: {}; check free space on the recordings disk", current.id(), shortBy.get());
            return;
        }
        metrics.recording("filed");
        audit.note(Actors.GATEWAY, AuditAction.RECORDING_FILED, current.id(),
                Map.of("sha256", hash, "sizeBytes", Long.toString(size), "sealed", Boolean.toString(vault.encrypts())));
        LOG.info("recording {} filed: {} bytes, sha256 {}", current.id(), size, hash);
    }

    /** Stores as filed a recording whose file was sealed to {@code sealed} before a crash; hash and size of its plaintext. */
    void recoverSealed(Recording current, Path sealed) throws IOException {
        long size = 0;
        MessageDigest digest = FileHashes.digest();
        try (SeekableByteChannel in = vault.open(current.id(), sealed)) {
            ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
            for (int n; (n = in.read(buffer)) >= 0; buffer.clear()) {
                digest.update(buffer.array(), 0, n);
                size += n;
            }
        }
        String hash = HexFormat.of().formatHex(digest.digest());
        store.update(current.filed(clock.instant(), size, hash, RecordingStatus.FILED).keptIn(sealed.toString()));
        metrics.recording("filed");
        audit.note(Actors.GATEWAY, AuditAction.RECORDING_FILED, current.id(),
                Map.of("sha256", hash, "sizeBytes", Long.toString(size), "sealed", "recovered after a restart"));
    }

    /** Stores as missing a recording whose file does not exist, with a warning naming where it was looked for. */
    void missing(Recording current, Path path) {
        store.update(current.filed(clock.instant(), 0, null, RecordingStatus.MISSING));
        metrics.recording("missing");
        audit.note(Actors.GATEWAY, AuditAction.RECORDING_MISSING, current.id(), Map.of("file", path.toString()));
        LOG.warn("recording {} ended but its file {} does not exist: filed as missing; check that recordings.localDirectory is where Asterisk writes",
                current.id(), path);
    }
}
