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
 * The audit trail's head (last sequence and hash) checkpointed outside the database: a small JSON file,
 * replaced atomically, and one log line (logger {@code org.recgateway.audit.head}) for the log shipper.
 * Cutting events off the end of the trail, or re-chaining it, leaves the trail shorter than the head or
 * with another hash at the head's sequence, which {@code audit verify} reports. The file only ever moves
 * forward.
 *
 * <p>Written once per committed group of writes, not once per event (issue 13: rewriting the file for
 * every event was a tenth of a filing's CPU): each appended event is {@link #committed} on the store's
 * writer thread after the transaction holding it committed, and {@link #flush} then writes the latest of
 * them, before any caller of that transaction is released. So the checkpoint never names an event that is
 * not committed, and every event whose append has returned is covered by it (as before, when it was written
 * per event). The bound: events committed after the last flush (at most one group, {@link
 * GroupCommitWriter#MAX_BATCH} writes, of which only those not yet acknowledged) are not covered, so a
 * crash there and a cut of exactly those events is not seen; the same as a crash between commit and
 * checkpoint before.
 */
final class AuditHead {
    private static final Logger LOG = LoggerFactory.getLogger("org.recgateway.audit.head");
    private static final Pattern FORMAT = Pattern.compile(
            "\\{\\s*\"sequence\"\\s*:\\s*([0-9]{1,18})\\s*,\\s*\"hash\"\\s*:\\s*\"([0-9a-f]{64})\"\\s*}\\s*");

    private final Path file;
    private Head pending;  // the latest committed head not yet written; guarded by this
    private long checkpointWrites;  // guarded by this

    /** A checkpointed head. */
    record Head(long sequence, String hash) { }

    AuditHead(Path file) {
        this.file = file.toAbsolutePath();
    }

    Path file() {
        return file;
    }

    /**
     * The event {@code sequence} with {@code hash} is committed: it is written at the next {@link #flush}
     * unless a later one is by then. Call only after its transaction committed.
     */
    synchronized void committed(long sequence, String hash) {
        if (pending == null || pending.sequence() < sequence) {
            pending = new Head(sequence, hash);
        }
    }

    /** Writes the latest committed head, if any arrived since the last flush, unless the file holds a later one. */
    synchronized void flush() {
        Head head = pending;
        if (head == null) {
            return;
        }
        pending = null;
        LOG.info("audit head sequence={} hash={}", head.sequence(), head.hash());
        try {
            Optional<Head> current = read();
            if (current.isPresent() && current.get().sequence() >= head.sequence()) {
                return;
            }
            Files.createDirectories(file.getParent());
            Path temporary = Files.createTempFile(file.getParent(), ".audit-head", ".tmp");
            Files.writeString(temporary, "{\"sequence\": " + head.sequence() + ", \"hash\": \"" + head.hash() + "\"}\n");
            try {
                Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
            }
            checkpointWrites++;
        } catch (IOException | StoreException e) {
            LOG.error("could not checkpoint the audit head in {} ({}); the log line above still holds it", file, e.getMessage());
        }
    }

    /** How many times the file was rewritten (for tests: once per group, not per event). */
    synchronized long checkpointWrites() {
        return checkpointWrites;
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
