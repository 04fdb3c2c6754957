package org.recgateway.vault;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

import org.recgateway.recording.AudioVault;
import org.recgateway.recording.AudioVault.Kept;
import org.recgateway.recording.DataKeys;

/**
 * Sealing one recording at filing, step by step: a new data key ({@link NewDataKeys}), its store commit
 * beside the encryption ({@link SealedFiles#encryptAndCheck}), then the sealed file renamed into place and
 * the plaintext removed. Nothing is removed before the sealed file is on disk, checked, and its key durable.
 */
final class Sealing {
    private Sealing() {
    }

    /**
     * Seals {@code plaintext} as {@link AudioVault#seal} says, with a data key from {@code newKeys} stored in {@code keys}.
     *
     * @throws IOException with a message saying what failed; the plaintext is then kept and {@code .part} removed
     */
    static Kept seal(NewDataKeys newKeys, DataKeys keys, String recordingId, Path plaintext, long sizeBytes) throws IOException {
        Path sealed = AudioVault.sealedPath(plaintext);
        Path part = sealed.resolveSibling(sealed.getFileName() + ".part");
        SealedFiles.FileSink sink = new SealedFiles.FileSink();
        NewDataKeys.Started made;
        try {
            made = newKeys.makeAndStart(recordingId, sink);
        } catch (GeneralSecurityException e) {
            throw new IOException("could not make a data key for recording " + recordingId + ": " + e.getMessage()
                    + "; the plaintext is kept and sealing is retried at the next filing", e);
        }
        FutureTask<Void> keyStored = new FutureTask<>(() -> keys.put(recordingId, made.wrapped()), null);
        Thread.ofVirtual().name("data-key-" + recordingId).start(keyStored);
        IOException failed = null;
        String sha256 = null;
        try {
            sha256 = SealedFiles.encryptAndCheck(made.cipher(), made.encrypting(), sink, recordingId, plaintext, part, sizeBytes);
        } catch (IOException e) {
            failed = e;
        }
        try {
            awaitStored(keyStored, recordingId, part);
        } catch (IOException e) {
            if (failed == null) {
                failed = e;
            } else {
                failed.addSuppressed(e);
            }
        }
        if (failed != null) {
            throw failed;
        }
        try {
            Files.move(part, sealed, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(part, sealed, StandardCopyOption.REPLACE_EXISTING);
        }
        Files.delete(plaintext);
        return new Kept(sealed, sha256);
    }

    private static void awaitStored(FutureTask<Void> keyStored, String recordingId, Path part) throws IOException {
        try {
            keyStored.get();
        } catch (ExecutionException e) {
            Files.deleteIfExists(part);
            throw new IOException("could not store the data key of recording " + recordingId + ": " + e.getCause().getMessage()
                    + "; the plaintext is kept and sealing is retried at the next filing", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            Files.deleteIfExists(part);
            throw new java.io.InterruptedIOException("interrupted while the data key of recording " + recordingId
                    + " was stored; the plaintext is kept");
        }
    }
}
