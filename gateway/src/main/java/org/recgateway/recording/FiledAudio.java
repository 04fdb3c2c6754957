package org.recgateway.recording;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.recgateway.audio.WavSegment;
import org.recgateway.audit.Actors;
import org.recgateway.audit.AuditAction;
import org.recgateway.metrics.GatewayMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves only what was filed: a segment of a recording's audio is cut into memory, and only when the
 * audio is proven to be the filed audio. A sealed file proves it by authenticated decryption of every
 * chunk the segment covers (and its plaintext size equals the filed size, so a cut-off file is caught);
 * a plaintext file by its whole SHA-256 and size. A mismatch raises the alarm (an ERROR log line, the
 * metric {@code gateway.recordings{event=tampered}} and an {@code audio-tampered} audit event) and
 * throws; the caller serves nothing and counts nothing.
 */
public final class FiledAudio {
    private static final Logger LOG = LoggerFactory.getLogger(FiledAudio.class);
    /** The longest segment held in memory: 64 MiB (about 35 minutes of 16 kHz 16-bit stereo). */
    static final long MAX_SEGMENT_BYTES = 64L << 20;

    private final AudioVault vault;
    private final GatewayMetrics metrics;
    private final AuditNotes audit;

    public FiledAudio(AudioVault vault, GatewayMetrics metrics, AuditNotes audit) {
        this.vault = vault;
        this.metrics = metrics;
        this.audit = audit;
    }

    /** Where reading filed audio (and what is served of it) is counted. */
    public GatewayMetrics metrics() {
        return metrics;
    }

    /** Plaintext files only, proven by hash; counts nothing; for tests and tools. */
    public static FiledAudio plaintext(AuditNotes audit) {
        return new FiledAudio(AudioVault.plaintext(), GatewayMetrics.NOOP, audit);
    }

    /**
     * The WAV of {@code [start, start + length)} of {@code r}'s filed audio, proven to be the filed audio.
     *
     * @throws TamperedAudioException when it is not (the alarm is raised before this returns)
     * @throws IOException            when the file cannot be read
     */
    public byte[] segment(Recording r, Duration start, Duration length) throws IOException {
        Path file = Path.of(r.filePath());
        try {
            return cut(r, file, start, length);
        } catch (TamperedAudioException e) {
            alarm(r, e);
            throw e;
        }
    }

    private byte[] cut(Recording r, Path file, Duration start, Duration length) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new TamperedAudioException("the audio file " + file + " of recording " + r.id() + " is gone");
        }
        if (!vault.isSealed(file)) {
            String hash = FileHashes.sha256(file);
            if (!hash.equals(r.sha256()) || r.sizeBytes() == null || Files.size(file) != r.sizeBytes()) {
                throw new TamperedAudioException("the audio file " + file + " of recording " + r.id() + " is not the filed"
                        + " audio: its SHA-256 is " + hash + ", " + r.sha256() + " was filed");
            }
        }
        try (SeekableByteChannel in = vault.open(r.id(), file)) {
            if (r.sizeBytes() == null || in.size() != r.sizeBytes()) {
                throw new TamperedAudioException("the sealed audio of recording " + r.id() + " holds " + in.size()
                        + " bytes, " + r.sizeBytes() + " were filed: it was cut off or replaced");
            }
            return WavSegment.read(in, file, start, length, MAX_SEGMENT_BYTES);  // checks the size before reading
        }
    }

    /** Reads the whole filed audio and checks it against the filed size and SHA-256; empty when it matches. */
    public Optional<String> check(Recording r) {
        Path file = Path.of(r.filePath());
        try (SeekableByteChannel in = vault.open(r.id(), file)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
            long size = 0;
            for (int n; (n = in.read(buffer)) >= 0; buffer.clear()) {
                digest.update(buffer.array(), 0, n);
                size += n;
            }
            String hash = HexFormat.of().formatHex(digest.digest());
            if (!hash.equals(r.sha256()) || r.sizeBytes() == null || size != r.sizeBytes()) {
                return Optional.of("its audio " + file + " is " + size + " bytes with SHA-256 " + hash + ", but "
                        + r.sizeBytes() + " bytes with " + r.sha256() + " were filed");
            }
            return Optional.empty();
        } catch (IOException e) {
            return Optional.of(e.getMessage());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    private void alarm(Recording r, TamperedAudioException e) {
        LOG.error("ALARM: recording {} was not served: {}; compare the file with your backups and run 'audit verify --recordings'",
                r.id(), e.getMessage());
        metrics.recording("tampered");
        Map<String, String> details = new LinkedHashMap<>();
        details.put("file", r.filePath());
        details.put("filedSha256", r.sha256() == null ? "" : r.sha256());
        details.put("reason", e.getMessage().length() > 500 ? e.getMessage().substring(0, 500) : e.getMessage());
        audit.note(Actors.GATEWAY, AuditAction.AUDIO_TAMPERED, r.id(), details);
    }
}
