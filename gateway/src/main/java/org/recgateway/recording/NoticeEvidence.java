package org.recgateway.recording;

import java.time.Instant;
import java.util.Objects;

/**
 * What the caller was told before recording: which notice (text version and audio hash), when it
 * played and whether it played to the end. The legal proof that there was no recording without a notice.
 *
 * @param promptId        prompt id in the prompt library
 * @param language        language the notice played in
 * @param textVersion     the prompt text's version
 * @param textSha256      SHA-256 of the prompt text
 * @param audioSha256     SHA-256 of the prompt audio
 * @param started         when the gateway asked Asterisk to play it
 * @param ended           when Asterisk reported the playback done
 * @param playedToEnd     Asterisk's end position reached the prompt's length and the caller did not hang up
 * @param endPosition     Asterisk's reported end position, in samples
 * @param expectedSamples the prompt's length in samples
 * @param playedFormat    the format file Asterisk played, chosen by the channel's codec ({@code alaw}, {@code ulaw},
 *                        {@code sln}, {@code sln16}); empty when the codec matches no file exactly (Asterisk then
 *                        transcoded from one of {@code audioFiles}) or was not known
 * @param playedSha256    SHA-256 of that file; empty with {@code playedFormat}
 * @param audioFiles      every format of the prompt with its SHA-256, {@code alaw=<hex>,sln=<hex>,...}: the files
 *                        Asterisk could choose from
 */
public record NoticeEvidence(String promptId, String language, int textVersion, String textSha256,
                             String audioSha256, Instant started, Instant ended, boolean playedToEnd,
                             long endPosition, long expectedSamples, String playedFormat, String playedSha256,
                             String audioFiles) {
    public NoticeEvidence {
        Objects.requireNonNull(promptId, "promptId");
        Objects.requireNonNull(language, "language");
        Objects.requireNonNull(textSha256, "textSha256");
        Objects.requireNonNull(audioSha256, "audioSha256");
        Objects.requireNonNull(started, "started");
        Objects.requireNonNull(ended, "ended");
        Objects.requireNonNull(playedFormat, "playedFormat");
        Objects.requireNonNull(playedSha256, "playedSha256");
        Objects.requireNonNull(audioFiles, "audioFiles");
    }

    /** Evidence without the played format (tests, and recordings filed before it was kept). */
    public NoticeEvidence(String promptId, String language, int textVersion, String textSha256, String audioSha256,
                          Instant started, Instant ended, boolean playedToEnd, long endPosition, long expectedSamples) {
        this(promptId, language, textVersion, textSha256, audioSha256, started, ended, playedToEnd, endPosition,
                expectedSamples, "", "", "");
    }
}
