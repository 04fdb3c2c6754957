package org.recgateway.recording;

import java.time.Instant;

/**
 * A recording's audio on disk: where, when it ran, and once filed the size and SHA-256 of the
 * plaintext (also of what was deleted, for a tombstone). {@code ended}, {@code sizeBytes} and
 * {@code sha256} are null while the recording runs.
 *
 * @param filePath  where the gateway finds the file (plaintext or sealed)
 * @param started   when MixMonitor was started (after the notice ended)
 * @param ended     when the recording ended
 * @param sizeBytes size of the plaintext audio in bytes
 * @param sha256    SHA-256 (hex) of the plaintext audio
 */
public record AudioFile(String filePath, Instant started, Instant ended, Long sizeBytes, String sha256) {

    /** Audio being written from {@code started}: nothing measured yet. */
    public static AudioFile writing(String filePath, Instant started) {
        return new AudioFile(filePath, started, null, null, null);
    }
}
