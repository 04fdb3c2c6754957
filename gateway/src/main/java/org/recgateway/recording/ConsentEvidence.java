package org.recgateway.recording;

import java.time.Instant;
import java.util.Objects;

import org.recgateway.policy.Purpose;

/**
 * What the caller was asked and answered for one consent-based purpose: the question played (text
 * version and audio hash), when, the key pressed (empty for silence) and whether that was yes.
 */
public record ConsentEvidence(Purpose purpose, String questionPromptId, String language, int textVersion,
                              String audioSha256, Instant asked, Instant answered, String keyPressed, boolean given) {
    public ConsentEvidence {
        Objects.requireNonNull(purpose, "purpose");
        Objects.requireNonNull(questionPromptId, "questionPromptId");
        Objects.requireNonNull(asked, "asked");
        Objects.requireNonNull(answered, "answered");
        keyPressed = Objects.requireNonNullElse(keyPressed, "");
    }
}
