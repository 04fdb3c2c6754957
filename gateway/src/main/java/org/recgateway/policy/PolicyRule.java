package org.recgateway.policy;

import java.util.Objects;

/**
 * One rule of the policy: calls that match {@code when} get {@code action}.
 *
 * @param origin where the rule was written, as {@code file:line}, for error messages
 */
public record PolicyRule(String name, CallMatcher when, RuleAction action, String origin) {
    public PolicyRule {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(when, "when");
        Objects.requireNonNull(action, "action");
        origin = Objects.requireNonNullElse(origin, "");
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
