package org.recgateway.config;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.recgateway.policy.CallMatcher;
import org.recgateway.policy.Direction;
import org.recgateway.policy.DoNotRecordPlan;
import org.recgateway.policy.Policy;
import org.recgateway.policy.PolicyRule;

/** Reads the {@code policy} section: the default language, the ordered rules and the default rule. */
final class PolicyReader {

    static final Pattern LANGUAGE = Pattern.compile("[A-Za-z]{2,8}([_-][A-Za-z0-9]{1,8}){0,2}");
    private static final Pattern RULE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    private PolicyReader() {
    }

    static Policy read(Section s) {
        String defaultLanguage = s.text("defaultLanguage").filter(t -> language(s, t))
                .map(Located::value).orElse(Defaults.POLICY_DEFAULT_LANGUAGE);
        RuleReader rules = new RuleReader(s.problems(), defaultLanguage);
        List<PolicyRule> read = new ArrayList<>();
        Map<String, String> names = new HashMap<>();
        for (Section r : s.sections("rules")) {
            Optional<Located> name = ruleName(r);
            Optional<PolicyRule> rule = rules.rule(r, name.map(Located::value).orElse(""), true);
            if (name.isEmpty() || rule.isEmpty()) {
                continue;
            }
            String earlier = names.putIfAbsent(name.get().value(), rule.get().origin());
            if (earlier != null) {
                s.problems().add(name.get().line(), name.get().key(), "duplicate rule name " + Problems.show(
                        name.get().value()) + ", also used at " + earlier + "; decisions and logs name the rule, "
                        + "so names must be unique");
            } else {
                read.add(rule.get());
            }
        }
        PolicyRule defaultRule = defaultRule(s, rules);
        inboundRulesOnOutboundContexts(s, read);
        s.finish();
        return new Policy(read, defaultRule, defaultLanguage);
    }

    /**
     * A rule that would record outbound calls without a notice to the called party is refused: an inbound rule
     * (its notice plays on the calling side, to the agent) that names a context an outbound rule names as one
     * agents dial out from. (The gateway also refuses such calls at run time, {@code RECORDING_REASON=outbound-context}.)
     */
    private static void inboundRulesOnOutboundContexts(Section s, List<PolicyRule> rules) {
        for (PolicyRule inbound : rules) {
            if (inbound.direction() != Direction.INBOUND) {
                continue;
            }
            for (PolicyRule outbound : rules) {
                if (outbound.direction() != Direction.OUTBOUND) {
                    continue;
                }
                List<String> shared = inbound.when().contexts().stream().filter(outbound.when().contexts()::contains).toList();
                if (!shared.isEmpty()) {
                    s.problems().add(line(inbound), "policy.rules[" + inbound.name() + "].when.context", "names "
                            + String.join(", ", shared.stream().map(Problems::show).toList()) + ", which outbound rule "
                            + Problems.show(outbound.name()) + " (" + outbound.origin() + ") names as a context agents dial"
                            + " out from: an inbound rule there would play its notice to the agent and record the called"
                            + " party unnoticed. Give the rule direction: outbound, or remove the context");
                }
            }
        }
    }

    private static int line(PolicyRule rule) {
        int colon = rule.origin().lastIndexOf(':');
        try {
            return colon < 0 ? 0 : Integer.parseInt(rule.origin().substring(colon + 1));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static PolicyRule defaultRule(Section s, RuleReader rules) {
        PolicyRule fallback = new PolicyRule(Policy.DEFAULT_RULE_NAME, CallMatcher.ANY,
                new DoNotRecordPlan(Defaults.POLICY_DEFAULT_DO_NOT_RECORD_REASON), "built-in default");
        if (s.node("default").isEmpty()) {
            return fallback;
        }
        Section d = s.section("default");
        if (d.node("when").isPresent()) {
            d.problem("when", "the default rule applies to every call that no rule matched, so it takes no 'when';"
                    + " move the conditions to a rule under policy.rules");
        }
        if (d.node("name").isPresent()) {
            d.problem("name", "the default rule is always named 'default'; remove 'name'");
        }
        return rules.rule(d, Policy.DEFAULT_RULE_NAME, false).orElse(fallback);
    }

    private static Optional<Located> ruleName(Section r) {
        Optional<Located> name = r.text("name");
        if (name.isEmpty()) {
            r.problem("name", "required: every rule needs a name, which decisions, logs and the store show");
            return Optional.empty();
        }
        if (name.get().value().equals(Policy.DEFAULT_RULE_NAME)) {
            r.problem("name", "'default' is the name of policy.default; choose another name");
            return Optional.empty();
        }
        if (!RULE_NAME.matcher(name.get().value()).matches()) {
            r.problem("name", "invalid rule name " + Problems.show(name.get().value()) + "; use letters, digits,"
                    + " '.', '_' and '-' (at most 64), starting with a letter or digit");
            return Optional.empty();
        }
        return name;
    }

    static boolean language(Section s, Located t) {
        if (LANGUAGE.matcher(t.value()).matches()) {
            return true;
        }
        s.problems().add(t.line(), t.key(), Problems.show(t.value()) + " is not a language code; write one as "
                + "Asterisk's channel language, e.g. nl, en or en_GB");
        return false;
    }
}
