package org.recgateway.policy;

import java.util.Objects;

/**
 * One rule of the policy: calls of {@code direction} that match {@code when} get {@code action}.
 *
 * @param direction the calls the rule decides: {@link Direction#INBOUND} (the notice plays to the caller) or
 *                  {@link Direction#OUTBOUND} (the notice plays to the called party, after answer and before the
 *                  bridge); a rule never decides a call of the other direction
 * @param origin    where the rule was written, as {@code file:line}, for error messages
 */
public record PolicyRule(String name, CallMatcher when, RuleAction action, String origin, Direction direction) {
    public PolicyRule {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(when, "when");
        Objects.requireNonNull(action, "action");
        origin = Objects.requireNonNullElse(origin, "");
        direction = Objects.requireNonNullElse(direction, Direction.INBOUND);
    }

    /** An inbound rule. */
    public PolicyRule(String name, CallMatcher when, RuleAction action, String origin) {
        this(name, when, action, origin, Direction.INBOUND);
    }

    /** The decision for {@code call}, which this rule matched. */
    PolicyDecision decisionFor(CallAttributes call) {
        return switch (action) {
            case RecordingPlan plan -> new PolicyDecision.Record(name, plan.purposes(), plan.noticePromptId(),
                    plan.languageFor(call.language()), plan.samplePercent(), plan.objection());
            case DoNotRecordPlan skip -> new PolicyDecision.DoNotRecord(name, skip.reason());
        };
    }
}
