package org.recgateway.store;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The audit trail's head (last sequence number and hash) checkpointed outside the database: a small
 * JSON file, replaced atomically after every append, and one log line per append (logger
 * {@code org.recgateway.audit.head}) for the log shipper. Cutting events off the end of the trail, or
 * re-chaining it, leaves the trail shorter than the head or with another hash at the head's
 * sequence, which {@code audit verify} reports. The file only ever moves forward.
 */
final class AuditHead {
    private static final Logger LOG = LoggerFactory.getLogger("org.recgateway.audit.head");
    private static final Pattern FORMAT = Pattern.compile(
            "\\{\\s*\"sequence\"\\s*:\\s*([0-9]{1,18})\\s*,\\s*\"hash\"\\s*:\\s*\"([0-9a-f]{64})\"\\s*}\\s*");

    private final Path file;

    /** A checkpointed head. */
    record Head(long sequence, String hash) { }

    AuditHead(Path file) {
        this.file = file.toAbsolutePath();
    }

    Path file() {
        return file;
    }

    /** Checkpoints {@code sequence} and {@code hash} unless the file already holds a later head. */
    synchronized void advance(long sequence, String hash) {
        LOG.info("audit head sequence={} hash={}", sequence, hash);
        try {
            Optional<Head> current = read();
            if (current.isPresent() && current.get().sequence() >= sequence) {
                return;
            }
            Files.createDirectories(file.getParent());
            Path temporary = Files.createTempFile(file.getParent(), ".audit-head", ".tmp");
            Files.writeString(temporary, "{\"sequence\": " + sequence + ", \"hash\": \"" + hash + "\"}\n");
            try {
                Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException | StoreException e) {
            LOG.error("could not checkpoint the audit head in {} ({}); the log line above still holds it", file, e.getMessage());
        }
    }

    /**
     * The checkpointed head; empty when none was written yet.
     *
     * @throws StoreException when the file holds something else (it was edited)
     */
    Optional<Head> read() throws IOException {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
        Matcher m = FORMAT.matcher(text);
        if (!m.matches()) {
            throw new StoreException("the audit head file " + file + " does not hold {\"sequence\": N, \"hash\": \"…\"}; "
                    + "it was edited: compare it with the audit head lines in the log");
        }
        return Optional.of(new Head(Long.parseLong(m.group(1)), m.group(2)));
    }
}
