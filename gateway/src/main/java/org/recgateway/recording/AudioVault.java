package org.recgateway.recording;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Where filed audio rests: sealed (encrypted with the recording's own data key) or as MixMonitor
 * wrote it. The recording lifecycle knows only this interface; {@code vault/} implements it with
 * Tink streaming AEAD, and {@link #plaintext()} keeps files as they are (encryption switched off).
 */
public interface AudioVault {

    /** True when {@link #seal} encrypts. */
    boolean encrypts();

    /**
     * Seals a closed recording file: reads it once, hashing the bytes it encrypts with a new data key,
     * checks that the result decrypts to exactly those bytes (their SHA-256 and {@code sizeBytes}), then
     * removes the plaintext.
     *
     * @param sizeBytes the file's settled size; a file that reads longer or shorter is not sealed
     * @return the file that now holds the audio (the plaintext file itself when nothing is encrypted) and the
     *         SHA-256 of the audio as read, the hash filing keeps as evidence
     * @throws IOException when the file cannot be read or written, or the check fails (the plaintext is then kept)
     */
    Kept seal(String recordingId, Path plaintext, long sizeBytes) throws IOException;

    /**
     * What {@link #seal} kept.
     *
     * @param file   the file that holds the audio now
     * @param sha256 the SHA-256 (64 lowercase hex digits) of the audio's plaintext bytes, read once while sealing
     */
    record Kept(Path file, String sha256) { }

    /**
     * The plaintext audio of a filed recording, seekable. Reading an encrypted file authenticates every
     * chunk read; a chunk that does not authenticate fails the read with a {@link TamperedAudioException}.
     *
     * @throws TamperedAudioException when the data key is missing or the file is not what was sealed
     */
    SeekableByteChannel open(String recordingId, Path file) throws IOException;

    /** True when {@code file} is sealed by this vault (so reading it needs {@link #open}). */
    boolean isSealed(Path file);

    /** Destroys the recording's data key: every copy of its sealed file becomes unreadable. Idempotent. */
    void shred(String recordingId);

    /** Keeps every file as MixMonitor wrote it. */
    static AudioVault plaintext() {
        return new AudioVault() {
            @Override
            public boolean encrypts() {
                return false;
            }

            @Override
            public Kept seal(String recordingId, Path plaintext, long sizeBytes) throws IOException {
                return new Kept(plaintext, FileHashes.sha256(plaintext));  // kept as it is: one read, to hash it
            }

            @Override
            public SeekableByteChannel open(String recordingId, Path file) throws IOException {
                return FileChannel.open(file, StandardOpenOption.READ);
            }

            @Override
            public boolean isSealed(Path file) {
                return false;
            }

            @Override
            public void shred(String recordingId) {
                // no key to destroy
            }
        };
    }

    /** The file a sealed recording is kept in, beside its plaintext name. */
    static Path sealedPath(Path plaintext) {
        return plaintext.resolveSibling(plaintext.getFileName() + SEALED_SUFFIX);
    }

    /** The suffix of a sealed file. */
    String SEALED_SUFFIX = ".enc";

    /** True when the file exists and is a regular file. */
    static boolean present(Path file) {
        return file != null && Files.isRegularFile(file);
    }
}
