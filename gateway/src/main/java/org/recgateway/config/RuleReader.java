package org.recgateway.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.recgateway.policy.CallMatcher;
import org.recgateway.policy.DialPattern;
import org.recgateway.policy.Direction;
import org.recgateway.policy.ObjectionStep;
import org.recgateway.policy.RecordingPlan;
import org.recgateway.policy.DoNotRecordPlan;
import org.recgateway.policy.Policy;
import org.recgateway.policy.PolicyRule;
import org.recgateway.policy.RuleAction;

/** Reads one policy rule: its conditions and either a recording plan or a reason not to record. */
final class RuleReader {

    private final Problems problems;
    private final PlanReader plans;

    RuleReader(Problems problems, String defaultLanguage) {
        this.problems = problems;
        this.plans = new PlanReader(problems, defaultLanguage);
    }

    /** The rule, or empty when it has problems (which are then recorded). */
    Optional<PolicyRule> rule(Section r, String name, boolean needsConditions) {
        int before = problems.count();
        CallMatcher when = needsConditions ? matcher(r) : CallMatcher.ANY;
        Direction direction = direction(r, needsConditions);
        Optional<RuleAction> action = action(r, name);
        r.finish();
        if (problems.count() > before || action.isEmpty()) {
            return Optional.empty();
        }
        if (direction == Direction.OUTBOUND) {
            outboundProblems(r, when, action.get());
        }
        if (problems.count() > before) {
            return Optional.empty();
        }
        return Optional.of(new PolicyRule(name, when, action.get(), problems.file() + ":" + r.line(), direction));
    }

    /**
     * {@code direction: inbound} (the default: the notice plays to the caller before {@code Dial}) or
     * {@code outbound} (the notice plays to the called party after answer, before the bridge). The default rule
     * is always inbound.
     */
    private Direction direction(Section r, boolean mayBeOutbound) {
        Optional<Located> text = r.text("direction");
        if (text.isEmpty()) {
            return Direction.INBOUND;
        }
        Optional<Direction> direction = Direction.fromId(text.get().value());
        if (direction.isEmpty()) {
            problems.add(text.get().line(), text.get().key(), Problems.show(text.get().value()) + " is not a direction;"
                    + " write inbound (the caller hears the notice before Dial) or outbound (the called party hears it"
                    + " after answering, before the bridge)");
            return Direction.INBOUND;
        }
        if (direction.get() == Direction.OUTBOUND && !mayBeOutbound) {
            problems.add(text.get().line(), text.get().key(), "the default rule decides inbound calls only; an"
                    + " outbound call is recorded only by a rule under policy.rules with direction: outbound and"
                    + " when.context naming the contexts your agents dial out from");
            return Direction.INBOUND;
        }
        return direction.get();
    }

    /**
     * An outbound rule must know where agents dial out from ({@code when.context}): the gateway then refuses
     * {@code AGI(record)} in those contexts, whose notice would reach the agent and leave the called party
     * recorded unnoticed (README "Outbound calls"). The called party's channel has no feature codes in the shipped
     * dialplan, so the objection is offered after the notice, not during the call.
     */
    private void outboundProblems(Section r, CallMatcher when, RuleAction action) {
        if (when.contexts().isEmpty()) {
            problems.add(r.lineOf("when"), r.keyOf("when") + ".context", "required with direction: outbound: the"
                    + " contexts your agents dial out from. The called party hears the notice through the Dial option"
                    + " U(recording-gateway-called-party-notice^${CONTEXT}^${EXTEN}) there, and the gateway refuses"
                    + " AGI(record) in them, whose notice would reach the agent instead");
        }
        if (action instanceof RecordingPlan plan && plan.objection().filter(ObjectionStep::inCall).isPresent()) {
            problems.add(r.lineOf("record"), r.keyOf("record") + ".objection.during", "objection during the call needs"
                    + " the *9 feature code on the objecting party's channel, and the called party of an outbound call"
                    + " has none; use objection: {during: offer} (the offer plays after the notice, before the bridge)");
        }
    }

    private CallMatcher matcher(Section r) {
        if (r.node("when").isEmpty()) {
            r.problem("when", "required: the conditions a call must meet (context, called, callerPrefix,"
                    + " arguments); use policy.default for what applies to every other call");
            return CallMatcher.ANY;
        }
        int before = problems.count();
        Section w = r.section("when");
        List<String> contexts = w.texts("context").stream().filter(t -> notBlank(t, "a context name"))
                .map(Located::value).toList();
        List<DialPattern> called = w.texts("called").stream().map(this::pattern).flatMap(Optional::stream).toList();
        List<String> prefixes = w.texts("callerPrefix").stream()
                .filter(t -> notBlank(t, "a caller ID prefix such as +31 or 0031")).map(Located::value).toList();
        Map<Integer, DialPattern> arguments = arguments(w);
        w.finish();
        CallMatcher matcher = new CallMatcher(contexts, called, prefixes, arguments);
        if (matcher.isEmpty() && problems.count() == before) {
            r.problem("when", "has no conditions, so the rule would match every call and hide the rules after it;"
                    + " add a condition or use policy.default");
        }
        return matcher;
    }

    private Map<Integer, DialPattern> arguments(Section w) {
        Map<Integer, DialPattern> arguments = new LinkedHashMap<>();
        if (w.node("arguments").isEmpty()) {
            return arguments;
        }
        for (YamlNode.Entry e : w.section("arguments").entries()) {
            String key = w.keyOf("arguments") + "." + e.key();
            if (!e.key().matches("[1-9][0-9]?")) {
                problems.add(e.line(), key, "AGI arguments are numbered 1 to 99 (1 is the first after the script"
                        + " name), got " + Problems.show(e.key()));
                continue;
            }
            w.scalarText(e.value(), key).flatMap(this::pattern)
                    .ifPresent(p -> arguments.put(Integer.parseInt(e.key()), p));
        }
        return arguments;
    }

    private Optional<DialPattern> pattern(Located t) {
        try {
            return Optional.of(DialPattern.parse(t.value()));
        } catch (IllegalArgumentException e) {
            problems.add(t.line(), t.key(), "malformed pattern " + Problems.show(t.value()) + ": " + e.getMessage());
            return Optional.empty();
        }
    }

    /** Where a broken lawfulness rule is reported: the rule's record block, by the rule's name. */
    private static String violationKey(Section r, String name) {
        if (name.isEmpty() || name.equals(Policy.DEFAULT_RULE_NAME)) {
            return r.keyOf("record");
        }
        return "policy.rules[" + name + "].record";
    }

    private Optional<RuleAction> action(Section r, String name) {
        boolean record = r.node("record").isPresent();
        boolean skip = r.node("doNotRecord").isPresent();
        if (record && skip) {
            r.problem("doNotRecord", "a rule has either record or doNotRecord, not both; remove one");
            return Optional.empty();
        }
        if (!record && !skip) {
            problems.add(r.line(), r.path(), "needs either 'record: {purpose, notice, retention}' or"
                    + " 'doNotRecord: <reason>'");
            return Optional.empty();
        }
        if (skip) {
            return r.text("doNotRecord").filter(t -> notBlank(t, "the reason not to record, for the logs"))
                    .map(t -> new DoNotRecordPlan(t.value()));
        }
        if (!(r.node("record").get() instanceof YamlNode.Mapping)) {
            r.problem("record", "expected a mapping such as {purpose: contract-evidence, notice:"
                    + " notice-contract-evidence-will, retention: 365d}, got " + YamlNode.describe(r.node("record").get()));
            return Optional.empty();
        }
        return plans.plan(r.section("record"), violationKey(r, name)).map(RuleAction.class::cast);
    }

    private boolean notBlank(Located t, String what) {
        if (!t.value().isBlank()) {
            return true;
        }
        problems.add(t.line(), t.key(), "is empty; write " + what);
        return false;
    }
}
