package org.recgateway.policy;

import java.time.Duration;
import java.util.Objects;

/** What the policy decided for one call: a value, never an exception. */
public sealed interface PolicyDecision {

    /** The name of the rule that decided, or {@code default}. */
    String ruleName();

    /**
     * Record the call for this purpose, on this legal basis, after playing this notice.
     *
     * @param noticePromptId the prompt id of the notice in the prompt library (see notice-prompts/)
     * @param language       the language the notice is played in
     * @param retention      how long the recording is kept after it ends
     */
    record Record(String ruleName, Purpose purpose, LegalBasis basis, String noticePromptId, String language,
                  Duration retention) implements PolicyDecision {
        public Record {
            Objects.requireNonNull(ruleName, "ruleName");
            Objects.requireNonNull(purpose, "purpose");
            Objects.requireNonNull(basis, "basis");
            Objects.requireNonNull(noticePromptId, "noticePromptId");
            Objects.requireNonNull(language, "language");
            Objects.requireNonNull(retention, "retention");
        }
    }

    /** Do not record this call; {@code reason} is for logs and the dialplan, never shown to the caller. */
    record DoNotRecord(String ruleName, String reason) implements PolicyDecision {
        public DoNotRecord {
            Objects.requireNonNull(ruleName, "ruleName");
            Objects.requireNonNull(reason, "reason");
        }
    }
}
