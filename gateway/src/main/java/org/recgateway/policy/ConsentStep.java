package org.recgateway.policy;

import java.time.Duration;
import java.util.Objects;

/**
 * The opt-in a consent basis needs (GDPR art. 6(1)(a), art. 7): after the notice the caller hears
 * {@code questionPromptId} and only the key {@code key}, pressed within {@code timeout}, means yes.
 * Silence, another key or a hangup means no.
 */
public record ConsentStep(String questionPromptId, String key, Duration timeout) {
    public static final String DEFAULT_QUESTION = "question-consent";
    public static final String DEFAULT_KEY = "1";
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);
    /** Played after the consent key: "Dank u wel. Wij hebben uw toestemming ontvangen." */
    public static final String CONFIRMATION = "confirmation-consent";

    public ConsentStep {
        Objects.requireNonNull(questionPromptId, "questionPromptId");
        Keys.requireDtmf(key);
        Keys.requirePositiveAtMost(timeout, Duration.ofSeconds(60), "consent timeout");
    }
}
