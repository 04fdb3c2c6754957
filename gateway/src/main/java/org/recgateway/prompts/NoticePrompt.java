package org.recgateway.prompts;

import java.util.Objects;

/**
 * One prompt of the prompt library in one language, as the generated manifest describes it.
 *
 * @param id              prompt id, e.g. {@code notice-quality}
 * @param language        language code, e.g. {@code nl}
 * @param version         the text version; raised whenever the text changes
 * @param text            the words spoken
 * @param textSha256      SHA-256 (hex) of the UTF-8 text
 * @param audioSha256     SHA-256 (hex) of the canonical 8 kHz WAV file
 * @param durationSamples length of the audio in samples at 8 kHz
 * @param playbackName    what Asterisk's STREAM FILE gets: a sound name without extension, relative to
 *                        Asterisk's sounds directory or absolute (e.g. {@code recording-gateway/nl/notice-quality})
 * @param kind            {@code notice}, {@code question}, {@code confirmation} or {@code refusal}
 * @param purpose         the purpose id the text names (e.g. {@code quality}), or {@code none}
 * @param wording         for notices {@code may} ("kan worden opgenomen": recording is conditional) or
 *                        {@code will} ("wordt opgenomen": every matching call is recorded); {@code none} otherwise
 */
public record NoticePrompt(String id, String language, int version, String text, String textSha256,
                           String audioSha256, long durationSamples, String playbackName,
                           String kind, String purpose, String wording) {
    public NoticePrompt {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(language, "language");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(textSha256, "textSha256");
        Objects.requireNonNull(audioSha256, "audioSha256");
        Objects.requireNonNull(playbackName, "playbackName");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(purpose, "purpose");
        Objects.requireNonNull(wording, "wording");
    }
}
