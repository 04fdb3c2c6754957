package org.recgateway.policy;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Record the matched calls after this notice, for one or more purposes (the first is the main one).
 *
 * @param purposes       what the recording is for, each on its own basis and retention; never empty
 * @param noticePromptId the notice's prompt id in the prompt library
 * @param languages      the notice languages this rule can route to, the first being the fallback
 * @param samplePercent  the share of matching calls that is recorded, 1 to 100, drawn per call
 * @param objection      the objection offered to the caller; required when a purpose rests on legitimate interest
 */
public record RecordingPlan(List<PurposeTerms> purposes, String noticePromptId, List<String> languages,
                            int samplePercent, Optional<ObjectionStep> objection) implements RuleAction, MainPurpose {
    public RecordingPlan {
        purposes = List.copyOf(purposes);
        Objects.requireNonNull(noticePromptId, "noticePromptId");
        Objects.requireNonNull(objection, "objection");
        languages = List.copyOf(languages);
        if (purposes.isEmpty()) {
            throw new IllegalArgumentException("a recording plan needs at least one purpose");
        }
        if (languages.isEmpty()) {
            throw new IllegalArgumentException("a recording plan needs at least one notice language");
        }
        if (samplePercent < 1 || samplePercent > 100) {
            throw new IllegalArgumentException("sample must be 1% to 100%, was " + samplePercent + "%");
        }
    }

    /** One purpose on one basis, every call, no objection offered. */
    public RecordingPlan(Purpose purpose, LegalBasis basis, String noticePromptId, Duration retention, List<String> languages) {
        this(List.of(new PurposeTerms(purpose, basis, retention)), noticePromptId, languages, 100, Optional.empty());
    }

    /**
     * The language to play the notice in: the one of this plan's languages that fits the channel's
     * language ({@link Languages#match}: {@code nl_BE} plays {@code nl}), else the first. A rule that lists
     * one language fixes it for every caller.
     */
    public String languageFor(String channelLanguage) {
        return Languages.match(channelLanguage, languages).orElse(languages.getFirst());
    }

    /**
     * How the notice must word it (PRODUCT.md rule 7, WP260): "wordt opgenomen" ({@code will}) when
     * every matched call is recorded unless the caller objects; "kan worden opgenomen" ({@code may}) only
     * when recording is conditional: a sample is drawn, or every purpose still needs the caller's consent.
     */
    public String requiredWording() {
        return samplePercent < 100 || onConsentOnly() ? "may" : "will";
    }

    /** Every purpose rests on consent: nothing is recorded unless the caller says yes. */
    public boolean onConsentOnly() {
        return purposes.stream().allMatch(t -> t.basis() == LegalBasis.CONSENT);
    }
}
