package org.recgateway.policy;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** What the policy decided for one call: a value, never an exception. */
public sealed interface PolicyDecision {

    /** The name of the rule that decided, or {@code default}. */
    String ruleName();

    /**
     * Record the call after playing this notice, for these purposes.
     *
     * @param purposes       each purpose with its basis, retention and, for consent, its opt-in; the first is the main one
     * @param noticePromptId the prompt id of the notice in the prompt library (see notice-prompts/)
     * @param language       the language the notice (and any question) is played in
     * @param samplePercent  the share of matching calls to record; drawn per call, before the notice
     * @param objection      the objection offered during and after the notice, if any
     */
    record Record(String ruleName, List<PurposeTerms> purposes, String noticePromptId, String language,
                  int samplePercent, Optional<ObjectionStep> objection) implements PolicyDecision, MainPurpose {
        public Record {
            Objects.requireNonNull(ruleName, "ruleName");
            purposes = List.copyOf(purposes);
            Objects.requireNonNull(noticePromptId, "noticePromptId");
            Objects.requireNonNull(language, "language");
            Objects.requireNonNull(objection, "objection");
            if (purposes.isEmpty()) {
                throw new IllegalArgumentException("a decision to record needs a purpose");
            }
        }

        /** One purpose, every call, no questions. */
        public Record(String ruleName, Purpose purpose, LegalBasis basis, String noticePromptId, String language,
                      Duration retention) {
            this(ruleName, List.of(new PurposeTerms(purpose, basis, retention)), noticePromptId, language, 100,
                    Optional.empty());
        }
    }

    /** Do not record this call; {@code reason} is for logs and the dialplan, never shown to the caller. */
    record DoNotRecord(String ruleName, String reason) implements PolicyDecision {
        public DoNotRecord {
            Objects.requireNonNull(ruleName, "ruleName");
            Objects.requireNonNull(reason, "reason");
        }
    }

    /**
     * Do not record: {@code AGI(record)} ran on the calling side of an outbound call: in {@code context}, which the
     * outbound rule {@code ruleName} names as a context agents dial out from, or on a configured agent's phone
     * ({@code ruleName} {@link Policy#AGENT_DEVICE}). Its notice would reach the agent, and the called party would
     * be recorded without having heard one (PRODUCT.md rule 1). The called party's notice runs on
     * their own channel, from the {@code Dial} option {@code U()} of the shipped outbound dialplan.
     */
    record CalledPartyNotTold(String ruleName, String context) implements PolicyDecision {
        public CalledPartyNotTold {
            Objects.requireNonNull(ruleName, "ruleName");
            Objects.requireNonNull(context, "context");
        }
    }
}
