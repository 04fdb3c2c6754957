package org.recgateway.policy;

import java.time.Duration;
import java.util.Objects;

/**
 * The objection a legitimate-interest basis must offer (GDPR art. 21): pressing {@code key} during
 * the notice, during {@code offerPromptId} or within {@code window} after it means no recording for
 * the purposes that rest on legitimate interest.
 */
public record ObjectionStep(String offerPromptId, String key, Duration window) {
    public static final String DEFAULT_OFFER = "question-objection";
    public static final String DEFAULT_KEY = "9";
    public static final Duration DEFAULT_WINDOW = Duration.ofSeconds(3);

    public ObjectionStep {
        Objects.requireNonNull(offerPromptId, "offerPromptId");
        Keys.requireDtmf(key);
        Keys.requirePositiveAtMost(window, Duration.ofSeconds(30), "objection window");
    }
}
