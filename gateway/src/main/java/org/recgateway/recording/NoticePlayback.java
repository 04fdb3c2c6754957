package org.recgateway.recording;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

import org.recgateway.metrics.GatewayMetrics;
import org.recgateway.prompts.NoticePrompt;
import org.recgateway.recording.CallControl.CallGoneException;

/**
 * Plays a caller's notice and keeps what proves it was heard: which prompt (id, version, language, the text's and
 * the audio's SHA-256), when it started and ended, whether it reached its end ({@link CallControl.Playback#reachedEnd})
 * and in which of the prompt's formats Asterisk played it. Counts every notice as played to the end or not.
 */
final class NoticePlayback {
    private final Clock clock;
    private final GatewayMetrics metrics;

    NoticePlayback(Clock clock, GatewayMetrics metrics) {
        this.clock = clock;
        this.metrics = metrics;
    }

    /**
     * What the caller heard, and the stop key that ended the notice, if any.
     *
     * @param evidence the notice's evidence, kept with the recording
     * @param ended    when the playback ended
     * @param key      the stop key pressed during the notice (an objection), if any
     */
    record Heard(NoticeEvidence evidence, Instant ended, Optional<Character> key) { }

    /**
     * Plays {@code prompt} on the call.
     *
     * @param stopKeys      keys that end the notice (the objection key), or empty
     * @param nativeFormats the channel's native formats, read before the notice (during playback Asterisk switches
     *                      the write format to the file's)
     * @throws CallGoneException when the caller hung up during the notice (counted as a notice not played to the end)
     */
    Heard play(NoticePrompt prompt, String stopKeys, String nativeFormats, CallControl control) throws CallGoneException {
        Instant started = clock.instant();
        CallControl.Playback playback;
        try {
            playback = control.play(prompt.playbackName(), stopKeys);
        } catch (CallGoneException gone) {
            metrics.notice(false);
            throw gone;
        }
        Instant ended = clock.instant();
        boolean toEnd = playback.reachedEnd(prompt.durationSamples());
        metrics.notice(toEnd);
        String format = prompt.formatPlayedOn(nativeFormats).orElse("");
        NoticeEvidence evidence = new NoticeEvidence(prompt.id(), prompt.language(), prompt.version(), prompt.textSha256(),
                prompt.audioSha256(), started, ended, toEnd, playback.endPosition(), prompt.durationSamples(),
                format, format.isEmpty() ? "" : prompt.files().get(format), prompt.filesEvidence());
        return new Heard(evidence, ended, playback.key());
    }
}
