package org.recgateway.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.recgateway.policy.ConsentStep;
import org.recgateway.policy.ObjectionStep;
import org.recgateway.policy.Policy;
import org.recgateway.policy.PolicyRule;
import org.recgateway.policy.PurposeTerms;
import org.recgateway.policy.RecordingPlan;
import org.recgateway.prompts.PromptLibrary;
import org.recgateway.prompts.PromptRole;

/**
 * The coherence check: every prompt the policy can play is true of what the gateway will do. Each exists in
 * every language its rule routes to and, by what the prompt library declares it says, fits its place: the
 * notice names every purpose the recording can be kept for and is worded as the rule records; consent
 * questions and the objection offer have their roles, name their purposes and speak the configured keys; the
 * confirmation played after a choice says what then happens (README "Checked against the prompt library").
 * Run at start-up and by {@code check-config}; separate from loading because the prompt library loads after
 * the configuration.
 */
public final class PolicyPromptCheck {

    private PolicyPromptCheck() {
    }

    /** One problem per prompt that is missing or does not fit, reported at its rule; empty when all fit. */
    public static List<ConfigProblem> check(Policy policy, PromptLibrary prompts) {
        List<ConfigProblem> problems = new ArrayList<>();
        for (PolicyRule rule : policy.allRules()) {
            if (!(rule.action() instanceof RecordingPlan plan)) {
                continue;
            }
            String record = rule.name().equals(Policy.DEFAULT_RULE_NAME) ? "policy.default.record"
                    : "policy.rules[" + rule.name() + "].record";
            PromptFit fit = new PromptFit(plan, prompts);
            AskFit ask = new AskFit(fit);
            fit.notice().forEach(m -> problems.add(atOrigin(rule, record + ".notice", m)));
            for (int i = 0; i < plan.purposes().size(); i++) {
                PurposeTerms terms = plan.purposes().get(i);
                Optional<ConsentStep> consent = terms.consent();
                if (consent.isEmpty()) {
                    continue;
                }
                String key = record + (i == 0 ? "" : ".also[" + (i - 1) + "]") + ".consent";
                ask.consentQuestion(terms, consent.get()).forEach(m -> problems.add(atOrigin(rule, key + ".question", m)));
                ask.confirmation(ConsentStep.CONFIRMATION, PromptRole.CONSENT_CONFIRMATION, "after the consent key")
                        .forEach(m -> problems.add(atOrigin(rule, key, m)));
            }
            if (plan.objection().isPresent()) {
                if (!plan.objection().get().inCall()) {  // during: call has no offer; the notice announces *9
                    ask.objectionOffer(plan.objection().get())
                            .forEach(m -> problems.add(atOrigin(rule, record + ".objection.offer", m)));
                }
                // The runtime plays the confirmation that is true of what then happens (AskTheCaller): an objection
                // during the notice leaves nothing recorded; one during the offer ends the purposes it ends.
                ask.confirmation(ObjectionStep.CONFIRMATION_ALL, PromptRole.OBJECTION_CONFIRMATION, "after an objection"
                        + " during the notice, which leaves nothing recorded")
                        .forEach(m -> problems.add(atOrigin(rule, record + ".objection", m)));
                if (ObjectionStep.confirmationFor(plan.purposes()).equals(ObjectionStep.CONFIRMATION_PARTIAL)) {
                    ask.confirmation(ObjectionStep.CONFIRMATION_PARTIAL, PromptRole.PARTIAL_OBJECTION_CONFIRMATION,
                            "after an objection during the offer, which ends only " + String.join(", ",
                            ObjectionStep.endedBy(plan.purposes()).stream().map(t -> t.purpose().id()).toList()))
                            .forEach(m -> problems.add(atOrigin(rule, record + ".objection", m)));
                }
            }
            plan.objection().filter(ObjectionStep::inCall).flatMap(o -> announcesInCallObjection(plan, prompts))
                    .ifPresent(m -> problems.add(atOrigin(rule, record + ".objection.during", m)));
        }
        return problems;
    }

    /**
     * With {@code objection: {during: call}} there is no offer: the notice itself must tell the caller the
     * in-call code (it declares key {@code *9} in every language), or the caller would never learn of the
     * right to object (GDPR art. 21(4)).
     */
    private static Optional<String> announcesInCallObjection(RecordingPlan plan, PromptLibrary prompts) {
        List<String> silent = plan.languages().stream().filter(l -> prompts.find(plan.noticePromptId(), l)
                .filter(p -> !p.keys().contains(ObjectionStep.IN_CALL_CODE)).isPresent()).toList();
        if (silent.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of("objection during the call has no offer, so the notice must tell the caller the in-call code "
                + ObjectionStep.IN_CALL_CODE + "; notice " + Problems.show(plan.noticePromptId()) + " ("
                + String.join(", ", silent) + ") does not declare that key: use a notice that speaks it (e.g."
                + " notice-quality-will-in-call-objection), or objection: {during: offer}");
    }

    private static ConfigProblem atOrigin(PolicyRule rule, String key, String message) {
        int colon = rule.origin().lastIndexOf(':');
        if (colon > 0 && rule.origin().substring(colon + 1).matches("\\d{1,9}")) {
            return new ConfigProblem(rule.origin().substring(0, colon),
                    Integer.parseInt(rule.origin().substring(colon + 1)), key, message);
        }
        return new ConfigProblem(rule.origin(), 0, key, message);
    }
}
