package org.recgateway.policy;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The ordered recording rules: the first rule whose conditions match a call decides, and the default
 * rule decides every call that no rule matches.
 *
 * @param defaultLanguage the notice language a rule routes to when it names none
 */
public record Policy(List<PolicyRule> rules, PolicyRule defaultRule, String defaultLanguage) {

    /** The name of the default rule, as decisions and logs show it. */
    public static final String DEFAULT_RULE_NAME = "default";

    public Policy {
        rules = List.copyOf(rules);
        Objects.requireNonNull(defaultRule, "defaultRule");
        Objects.requireNonNull(defaultLanguage, "defaultLanguage");
        Set<String> names = new HashSet<>();
        for (PolicyRule rule : rules) {
            if (!names.add(rule.name()) || rule.name().equals(DEFAULT_RULE_NAME)) {
                throw new IllegalArgumentException("rule names must be unique and not '" + DEFAULT_RULE_NAME
                        + "': " + rule.name());
            }
        }
    }

    /** The decision for {@code call}: a value, never an exception. */
    public PolicyDecision decide(CallAttributes call) {
        return ruleFor(call).decisionFor(call);
    }

    /** The rule that decides {@code call}. */
    public PolicyRule ruleFor(CallAttributes call) {
        return rules.stream().filter(r -> r.when().matches(call)).findFirst().orElse(defaultRule);
    }

    /** Every rule, the default last. */
    public List<PolicyRule> allRules() {
        return Stream.concat(rules.stream(), Stream.of(defaultRule)).toList();
    }
}
