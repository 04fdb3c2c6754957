package org.recgateway.policy;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * The ordered recording rules: the first rule of the call's direction whose conditions match decides, and the
 * default rule decides every inbound call that no rule matches. An outbound call that no outbound rule matches
 * is not recorded: the default rule is an inbound rule (its notice plays to the caller, and on an outbound call
 * the caller is the agent, not the party who would be recorded unnoticed).
 *
 * @param defaultLanguage the notice language a rule routes to when it names none
 */
public record Policy(List<PolicyRule> rules, PolicyRule defaultRule, String defaultLanguage) {

    /** The name of the default rule, as decisions and logs show it. */
    public static final String DEFAULT_RULE_NAME = "default";
    /** The name a refusal gives when the calling channel is a configured agent's phone, not a rule's context. */
    public static final String AGENT_DEVICE = "agent-device";

    public Policy {
        rules = List.copyOf(rules);
        Objects.requireNonNull(defaultRule, "defaultRule");
        Objects.requireNonNull(defaultLanguage, "defaultLanguage");
        if (defaultRule.direction() != Direction.INBOUND) {
            throw new IllegalArgumentException("the default rule decides inbound calls only");
        }
        Set<String> names = new HashSet<>();
        for (PolicyRule rule : rules) {
            if (!names.add(rule.name()) || rule.name().equals(DEFAULT_RULE_NAME)) {
                throw new IllegalArgumentException("rule names must be unique and not '" + DEFAULT_RULE_NAME
                        + "': " + rule.name());
            }
        }
    }

    /**
     * The decision for {@code call}: a value, never an exception. An inbound call (the script ran on the calling
     * side, before {@code Dial}) in a context that an outbound rule names is an agent calling out: its notice
     * would reach the agent and the called party would be recorded unnoticed, so it is
     * {@link PolicyDecision.CalledPartyNotTold} and nothing is recorded.
     */
    public PolicyDecision decide(CallAttributes call) {
        return decide(call, channel -> false);
    }

    /**
     * As {@link #decide(CallAttributes)}, and an inbound call whose channel {@code agentChannel} knows as an agent's
     * phone ({@code diagnostics.agents}) is an agent calling out, too: {@link PolicyDecision.CalledPartyNotTold} with
     * rule name {@link #AGENT_DEVICE}, whatever its context.
     */
    public PolicyDecision decide(CallAttributes call, Predicate<String> agentChannel) {
        if (call.direction() == Direction.INBOUND && agentChannel.test(call.channel())) {
            return new PolicyDecision.CalledPartyNotTold(AGENT_DEVICE, call.context());
        }
        if (call.direction() == Direction.INBOUND) {
            Optional<PolicyRule> outbound = outboundRuleNaming(call.context());
            if (outbound.isPresent()) {
                return new PolicyDecision.CalledPartyNotTold(outbound.get().name(), call.context());
            }
        }
        return rules.stream().filter(r -> r.direction() == call.direction() && r.when().matches(call)).findFirst()
                .map(r -> r.decisionFor(call))
                .orElseGet(() -> call.direction() == defaultRule.direction() ? defaultRule.decisionFor(call)
                        : new PolicyDecision.DoNotRecord(DEFAULT_RULE_NAME, "no rule with direction "
                        + call.direction().id() + " matches this call"));
    }

    /** The first outbound rule whose conditions name {@code context}: the context agents dial out from. */
    public Optional<PolicyRule> outboundRuleNaming(String context) {
        return rules.stream().filter(r -> r.direction() == Direction.OUTBOUND && r.when().contexts().contains(context))
                .findFirst();
    }

    /** Every rule, the default last. */
    public List<PolicyRule> allRules() {
        return Stream.concat(rules.stream(), Stream.of(defaultRule)).toList();
    }
}
