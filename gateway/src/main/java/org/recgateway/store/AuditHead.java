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

    private static final java.util.Set<java.nio.file.OpenOption> WRITE_FRESH = java.util.Set.of(
            java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.TRUNCATE_EXISTING,
            java.nio.file.StandardOpenOption.WRITE);
    private static final java.nio.file.attribute.FileAttribute<?> OWNER_ONLY = java.nio.file.attribute.PosixFilePermissions
            .asFileAttribute(java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));

    private final Path file;
    /** This process's own temporary file, moved over {@link #file}: two processes never share one. */
    private final Path temporary;
    private Head pending;  // the latest committed head not yet written; guarded by this
    private long checkpointWrites;  // guarded by this
    private Head written;  // the head this process wrote last, or null; guarded by this
    private java.util.List<Object> writtenAs;  // the file's attributes right after that write; guarded by this
    private long fileReads;  // guarded by this

    /** A checkpointed head. */
    record Head(long sequence, String hash) { }

    AuditHead(Path file) {
        this.file = file.toAbsolutePath();
        this.temporary = this.file.resolveSibling(".audit-head-" + ProcessHandle.current().pid() + ".tmp");
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

    /**
     * Writes the latest committed head, if any arrived since the last flush, unless the file holds a later one.
     * Issue 13 (JFR of a filing burst: this was a fifth of the serial store writer's samples): the file is read back
     * only when it is no longer the one this process last wrote (another process, e.g. the command line or a second
     * gateway sharing the directory, replaced it; compared by inode, size and modification time); the directory is
     * made once (again only when it went missing); and the new content goes to one fixed temporary file per process
     * instead of a new randomly named one each time.
     */
    synchronized void flush() {
        Head head = pending;
        if (head == null) {
            return;
        }
        pending = null;
        LOG.info("audit head sequence={} hash={}", head.sequence(), head.hash());
        try {
            Optional<Head> current = current();
            if (current.isPresent() && current.get().sequence() >= head.sequence()) {
                return;
            }
            byte[] text = ("{\"sequence\": " + head.sequence() + ", \"hash\": \"" + head.hash() + "\"}\n")
                    .getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            try {
                writeTemporary(text);
            } catch (NoSuchFileException e) {  // the directory is not there (yet, or any more)
                Files.createDirectories(file.getParent());
                writeTemporary(text);
            }
            try {
                Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
            }
            written = head;
            writtenAs = attributes();
            checkpointWrites++;
        } catch (IOException | StoreException e) {
            written = null;
            writtenAs = null;
            LOG.error("could not checkpoint the audit head in {} ({}); the log line above still holds it", file, e.getMessage());
        }
    }

    /** The head the file holds now: the one this process wrote last while the file is unchanged, else read from it. */
    private Optional<Head> current() throws IOException {
        if (written != null && writtenAs != null && writtenAs.equals(attributes())) {
            return Optional.of(written);
        }
        fileReads++;
        return read();
    }

    /** What tells this process's last write from another's: inode, size, modification time; null when there is no file. */
    private java.util.List<Object> attributes() throws IOException {
        try {
            java.nio.file.attribute.BasicFileAttributes a = Files.readAttributes(file, java.nio.file.attribute.BasicFileAttributes.class);
            return a.fileKey() == null ? null : java.util.List.of(a.fileKey(), a.size(), a.lastModifiedTime());
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    private void writeTemporary(byte[] text) throws IOException {
        try (java.nio.channels.SeekableByteChannel channel = openTemporary()) {
            java.nio.ByteBuffer buffer = java.nio.ByteBuffer.wrap(text);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
        }
    }

    /** The temporary file, emptied, owner-only where the file system has POSIX permissions (as Files.createTempFile made it). */
    private java.nio.channels.SeekableByteChannel openTemporary() throws IOException {
        try {
            return Files.newByteChannel(temporary, WRITE_FRESH, OWNER_ONLY);
        } catch (UnsupportedOperationException e) {
            return Files.newByteChannel(temporary, WRITE_FRESH);
        }
    }

    /** How many times {@link #flush} had to read the file back (for tests: only after another process replaced it). */
    synchronized long fileReads() {
        return fileReads;
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
