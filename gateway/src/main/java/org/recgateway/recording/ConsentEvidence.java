package org.recgateway.recording;

import java.time.Instant;
import java.util.Objects;

import org.recgateway.policy.Purpose;

/**
 * What the caller was asked and answered for one consent-based purpose: the question played (text
 * version and audio hash), when, the key pressed (empty for silence) and whether that was yes.
 * {@code playedFormat} and {@code playedSha256} name the format file Asterisk played for the channel's codec
 * (e.g. {@code alaw}) and its SHA-256; both empty when no file fits the codec exactly or it was not known.
 */
public record ConsentEvidence(Purpose purpose, String questionPromptId, String language, int textVersion,
                              String audioSha256, Instant asked, Instant answered, String keyPressed, boolean given,
                              String playedFormat, String playedSha256) {
    public ConsentEvidence {
        Objects.requireNonNull(purpose, "purpose");
        Objects.requireNonNull(questionPromptId, "questionPromptId");
        Objects.requireNonNull(asked, "asked");
        Objects.requireNonNull(answered, "answered");
        keyPressed = Objects.requireNonNullElse(keyPressed, "");
        playedFormat = Objects.requireNonNullElse(playedFormat, "");
        playedSha256 = Objects.requireNonNullElse(playedSha256, "");
    }

    /** Evidence without the played format. */
    public ConsentEvidence(Purpose purpose, String questionPromptId, String language, int textVersion, String audioSha256,
                           Instant asked, Instant answered, String keyPressed, boolean given) {
        this(purpose, questionPromptId, language, textVersion, audioSha256, asked, answered, keyPressed, given, "", "");
    }
}
