package org.recgateway.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.recgateway.policy.Policy;
import org.recgateway.policy.PolicyRule;
import org.recgateway.policy.RecordingPlan;
import org.recgateway.prompts.PromptLibrary;

/**
 * Checks that every notice the policy can play exists in the prompt library, in every language its rule
 * routes to. Separate from loading because the prompt library loads after the configuration.
 */
public final class PolicyPromptCheck {

    private PolicyPromptCheck() {
    }

    /** One problem per rule whose notice is missing in some language; empty when every notice is there. */
    public static List<ConfigProblem> check(Policy policy, PromptLibrary prompts) {
        List<ConfigProblem> problems = new ArrayList<>();
        for (PolicyRule rule : policy.allRules()) {
            if (!(rule.action() instanceof RecordingPlan plan)) {
                continue;
            }
            String id = plan.noticePromptId();
            Set<String> have = prompts.languagesOf(id);
            List<String> missing = plan.languages().stream().filter(l -> !have.contains(l)).toList();
            if (missing.isEmpty()) {
                continue;
            }
            String message = !prompts.ids().contains(id)
                    ? "notice " + Problems.show(id) + " is not in the prompt library; known prompts: "
                            + String.join(", ", new TreeSet<>(prompts.ids()))
                    : "notice " + Problems.show(id) + " has no recording in " + String.join(", ", missing)
                            + " (it has " + String.join(", ", new TreeSet<>(have)) + "); add the prompt in those"
                            + " languages or remove them from the rule's languages";
            problems.add(atOrigin(rule, message));
        }
        return problems;
    }

    private static ConfigProblem atOrigin(PolicyRule rule, String message) {
        String key = rule.name().equals(Policy.DEFAULT_RULE_NAME) ? "policy.default.record.notice"
                : "policy.rules[" + rule.name() + "].record.notice";
        int colon = rule.origin().lastIndexOf(':');
        if (colon > 0 && rule.origin().substring(colon + 1).matches("\\d{1,9}")) {
            return new ConfigProblem(rule.origin().substring(0, colon),
                    Integer.parseInt(rule.origin().substring(colon + 1)), key, message);
        }
        return new ConfigProblem(rule.origin(), 0, key, message);
    }
}
