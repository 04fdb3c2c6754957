package org.recgateway.recording;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Judges an ended recording's file before it is filed: whether MixMonitor has closed it (its size stopped
 * changing), when the recording ended (Asterisk's hangup time, else the file's last write), and whether the
 * file is shorter than its call (a disk that filled mid-call), so it is filed as {@link RecordingStatus#INCOMPLETE}.
 */
final class WholeFile {
    /** A file this small holds no audio: MixMonitor's WAV header alone is 44 bytes. */
    static final long HEADER_ONLY_BYTES = 44;
    /** Calls shorter than this are not checked for a cut-short file. */
    static final long MIN_CHECKED_SECONDS = 5;
    private static final int MAX_SETTLE_ROUNDS = 20;

    private final RecordingStore store;
    private final Clock clock;
    private final Duration settle;

    /**
     * @param store  where the call's bridge time is read
     * @param settle how long a file's size must stay the same before it counts as closed
     */
    WholeFile(RecordingStore store, Clock clock, Duration settle) {
        this.store = store;
        this.clock = clock;
        this.settle = settle;
    }

    /** The file's size once it stopped growing (MixMonitor closed it), or -1 when it does not exist. */
    long settledSize(Path path) throws IOException {
        return settledSize(path, settle);
    }

    /**
     * The file's size once it kept the same size for {@code settle}, or -1 when it does not exist; after
     * {@value #MAX_SETTLE_ROUNDS} rounds the last size seen.
     */
    static long settledSize(Path path, Duration settle) throws IOException {
        long last = -2;
        for (int round = 0; round < MAX_SETTLE_ROUNDS; round++) {
            long size;
            try {
                size = Files.size(path);
            } catch (NoSuchFileException e) {
                size = -1;
            }
            if (size == last) {
                return size;
            }
            last = size;
            sleep(settle);
        }
        return last;
    }

    /**
     * When the recording ended: when Asterisk said the call hung up ({@code hungUp}, or null), else the last write to
     * its file (MixMonitor writes until the call ends); not the moment filing finally worked; never before the start
     * nor after now.
     *
     * @throws IOException when the file's modification time cannot be read
     */
    Instant endedAt(Recording r, Path file, Instant hungUp) throws IOException {
        Instant now = clock.instant();
        Instant written = hungUp != null ? hungUp : Files.getLastModifiedTime(file).toInstant();
        if (written.isAfter(now)) {
            return now;
        }
        return r.started() != null && written.isBefore(r.started()) ? r.started() : written;
    }

    /**
     * Why the file ({@code size} bytes) is shorter than the call it claims, or empty: its audio against the time from
     * the bridge (or the start) to {@code ended}, at the format's byte rate, with room for a party that sent no audio
     * for a while. A file that holds less than half of that, in a call of at least {@link #MIN_CHECKED_SECONDS}, was
     * cut short. A format of unknown byte rate is not judged.
     */
    Optional<String> shortBy(Recording r, Path file, long size, Instant ended) {
        return shortBy(r, file, size, ended, new FilingFacts(store, r.id()));
    }

    /** As {@link #shortBy(Recording, Path, long, Instant)}, with the call facts its filing reads once ({@code facts}). */
    Optional<String> shortBy(Recording r, Path file, long size, Instant ended, FilingFacts facts) {
        long bytesPerSecond = bytesPerSecond(file);
        if (bytesPerSecond <= 0 || r.started() == null) {
            return Optional.empty();
        }
        Instant from = facts.get().map(RecordingStore.CallFacts::bridgedAt).filter(b -> b != null).orElse(r.started());
        long millis = Duration.between(from, ended).toMillis();
        if (millis < MIN_CHECKED_SECONDS * 1000) {
            return Optional.empty();
        }
        long audioMillis = Math.max(0, size - HEADER_ONLY_BYTES) * 1000 / bytesPerSecond;
        return audioMillis * 2 < millis
                ? Optional.of("the file holds " + audioMillis / 1000 + " s of audio for a call of " + millis / 1000 + " s (" + size + " bytes)")
                : Optional.empty();
    }

    /** True when a file of {@code size} bytes holds no audio (at most MixMonitor's WAV header). */
    static boolean holdsNoAudio(long size) {
        return size <= HEADER_ONLY_BYTES;
    }

    /** Bytes of audio per second as MixMonitor writes the file's format (8 kHz): 16-bit WAV or GSM; 0 when unknown. */
    static long bytesPerSecond(Path file) {
        String name = file.getFileName().toString();
        return name.endsWith(".wav") ? 16_000 : name.endsWith(".gsm") ? 1_650 : 0;
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
