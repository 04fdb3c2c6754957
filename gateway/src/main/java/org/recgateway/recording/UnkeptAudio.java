package org.recgateway.recording;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The audio of an ended recording that is not kept (its call never reached a person, its file holds no audio, or
 * someone stopped it and asked for its deletion): deleted through {@link AudioEraser}, or filed as usual while a legal
 * hold lasts.
 */
final class UnkeptAudio {
    private static final Logger LOG = LoggerFactory.getLogger(UnkeptAudio.class);

    private final RecordingStore store;
    private final Clock clock;
    private final WholeFile wholeFile;
    private final FiledFile filedFile;
    private final AudioEraser eraser;
    private final EndSignals signals;
    private final BridgeWatch bridges;

    UnkeptAudio(RecordingStore store, Clock clock, WholeFile wholeFile, FiledFile filedFile, AudioEraser eraser,
                EndSignals signals, BridgeWatch bridges) {
        this.store = store;
        this.clock = clock;
        this.wholeFile = wholeFile;
        this.filedFile = filedFile;
        this.eraser = eraser;
        this.signals = signals;
        this.bridges = bridges;
    }

    /**
     * Why an ended recording's file is not kept, or null to file it. A file of at most
     * {@link WholeFile#HEADER_ONLY_BYTES} holds no audio (MixMonitor's WAV header alone is 44 bytes). A
     * recording whose call was never bridged to another party reached no person (an abandoned queue,
     * a call nobody answered) and is not kept (data minimisation), but only when the gateway watched
     * Asterisk's bridge events without a gap since the recording started: after an AMI outage it
     * cannot tell, and keeps the audio.
     */
    String reason(Recording r, long size, FilingFacts facts) {
        if (WholeFile.holdsNoAudio(size)) {
            return RecordingFiler.NO_AUDIO;
        }
        return bridges.neverBridged(r, facts) ? RecordingFiler.NEVER_BRIDGED : null;
    }

    /**
     * Deletes a recording's audio through {@link AudioEraser} (the one place where audio goes: files, sealed
     * copy and data key) once MixMonitor has closed the file, and keeps why ({@code endReason}) with the row.
     * The caller holds the recording's claim ({@link RecordingFiler#claim}). Under a legal hold the purposes end, the
     * result is {@link AudioEraser.Outcome#HELD} and the audio is filed (hashed, sealed) as it would be
     * otherwise; the retention sweep deletes it once the hold is lifted.
     *
     * @param actor     who deleted it, as the audit trail names actors
     * @param endReason a short fixed word stored with the recording, e.g. {@code objection}, {@code never-bridged}
     * @param why       the sentence the audit trail keeps
     * @return what the eraser did
     * @throws IOException when the file could not be read or deleted; the deletion is then begun and finished by
     *                     the next retention sweep
     */
    AudioEraser.Result delete(Recording r, String actor, String endReason, String why) throws IOException {
        Path path = Path.of(r.filePath());
        long size = wholeFile.settledSize(path);  // MixMonitor has closed the file
        Instant now = clock.instant();
        AudioEraser.Result done = eraser.delete(r.withPurposes(p -> p.end(now, endReason)), why, actor,
                Map.of("endReason", endReason));
        signals.stopped(r.id());
        store.endReason(r.id(), endReason);
        if (done.outcome() == AudioEraser.Outcome.FAILED) {
            throw new IOException(done.reason());
        }
        if (done.held() && size >= 0 && done.recording().status() == RecordingStatus.ACTIVE) {
            filedFile.keep(done.recording(), path, size, null);  // kept while the hold lasts
            done = new AudioEraser.Result(done.outcome(), done.reason(), store.byId(r.id()).orElse(done.recording()));
        }
        LOG.info("recording {}: audio {} ({})", r.id(), done.deleted() ? "deleted" : "kept while held", why);
        return done;
    }
}
