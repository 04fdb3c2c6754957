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

/**
 * Checks every prompt the policy can play against the prompt library: each exists in every language its
 * rule routes to, and fits its place (a notice that names the rule's main purpose, worded as the rule
 * records; questions where a consent question or an objection offer is asked). Separate from loading
 * because the prompt library loads after the configuration.
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
            fit.notice().forEach(m -> problems.add(atOrigin(rule, record + ".notice", m)));
            for (int i = 0; i < plan.purposes().size(); i++) {
                PurposeTerms terms = plan.purposes().get(i);
                Optional<ConsentStep> consent = terms.consent();
                if (consent.isEmpty()) {
                    continue;
                }
                String key = record + (i == 0 ? "" : ".also[" + (i - 1) + "]") + ".consent.question";
                fit.question(consent.get().questionPromptId(), "consent question for " + terms.purpose().id(),
                        ConsentStep.DEFAULT_QUESTION).forEach(m -> problems.add(atOrigin(rule, key, m)));
                if (i > 0) {
                    namesItsPurpose(consent.get().questionPromptId(), terms, plan, prompts)
                            .ifPresent(m -> problems.add(atOrigin(rule, key, m)));
                }
            }
            plan.objection().filter(o -> !o.inCall()).ifPresent(o -> fit.question(o.offerPromptId(), "objection offer",
                    ObjectionStep.DEFAULT_OFFER).forEach(m -> problems.add(atOrigin(rule, record + ".objection.offer", m))));
            plan.objection().filter(ObjectionStep::inCall).flatMap(o -> announcesInCallObjection(plan))
                    .ifPresent(m -> problems.add(atOrigin(rule, record + ".objection.during", m)));
        }
        return problems;
    }

    /** Suffix of the notices that announce the in-call objection code (e.g. notice-quality-will-in-call-objection). */
    static final String IN_CALL_NOTICE_SUFFIX = "-in-call-objection";

    /**
     * With {@code objection: {during: call}} there is no offer: the notice itself must tell the caller the
     * in-call code, or the caller would never learn of the right to object (GDPR art. 21(4)).
     */
    private static Optional<String> announcesInCallObjection(RecordingPlan plan) {
        if (plan.noticePromptId().endsWith(IN_CALL_NOTICE_SUFFIX)) {
            return Optional.empty();
        }
        return Optional.of("objection during the call has no offer, so the notice must announce the in-call code "
                + ObjectionStep.IN_CALL_CODE + "; notice " + Problems.show(plan.noticePromptId()) + " does not: use a"
                + " notice that does (" + plan.noticePromptId() + IN_CALL_NOTICE_SUFFIX + " style, e.g."
                + " notice-quality-will" + IN_CALL_NOTICE_SUFFIX + "), or objection: {during: offer}");
    }

    /**
     * The notice names only the main purpose, so the consent question for a further purpose must
     * name that purpose itself: a caller cannot agree to what was never said (PRODUCT.md rule 7).
     */
    private static Optional<String> namesItsPurpose(String questionId, PurposeTerms terms, RecordingPlan plan,
                                                    PromptLibrary prompts) {
        for (String language : plan.languages()) {
            var question = prompts.find(questionId, language);
            if (question.isPresent() && "question".equals(question.get().kind())
                    && !terms.purpose().id().equals(question.get().purpose())) {
                return Optional.of("consent question '" + questionId + "' does not name " + terms.purpose().id()
                        + ", and the notice names only " + plan.purpose().id() + ": the caller would agree to a purpose"
                        + " nobody told them; use a question for " + terms.purpose().id() + " such as question-consent-"
                        + terms.purpose().id());
            }
        }
        return Optional.empty();
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
