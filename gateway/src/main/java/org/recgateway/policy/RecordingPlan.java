package org.recgateway.policy;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Record the matched calls for this purpose, on this legal basis, after this notice.
 *
 * @param noticePromptId the notice's prompt id in the prompt library
 * @param retention      how long a recording is kept after it ends; at most the purpose's maximum
 * @param languages      the notice languages this rule can route to, the first being the fallback
 */
public record RecordingPlan(Purpose purpose, LegalBasis basis, String noticePromptId, Duration retention,
                            List<String> languages) implements RuleAction {
    public RecordingPlan {
        Objects.requireNonNull(purpose, "purpose");
        Objects.requireNonNull(basis, "basis");
        Objects.requireNonNull(noticePromptId, "noticePromptId");
        Objects.requireNonNull(retention, "retention");
        languages = List.copyOf(languages);
        if (languages.isEmpty()) {
            throw new IllegalArgumentException("a recording plan needs at least one notice language");
        }
        if (retention.isNegative() || retention.isZero()) {
            throw new IllegalArgumentException("retention must be positive: " + retention);
        }
        if (retention.compareTo(purpose.maxRetention()) > 0) {
            throw new IllegalArgumentException("retention " + retention + " exceeds the maximum "
                    + purpose.maxRetention() + " for purpose " + purpose.id());
        }
    }

    /** The language to play the notice in: the channel's language when this plan routes to it, else the first. */
    public String languageFor(String channelLanguage) {
        return languages.contains(channelLanguage) ? channelLanguage : languages.getFirst();
    }
}
