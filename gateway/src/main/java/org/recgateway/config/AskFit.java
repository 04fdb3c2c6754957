package org.recgateway.config;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.recgateway.policy.ConsentStep;
import org.recgateway.policy.ObjectionStep;
import org.recgateway.policy.PurposeTerms;
import org.recgateway.prompts.NoticePrompt;
import org.recgateway.prompts.PromptRole;

/**
 * Whether what a plan asks the caller, and confirms afterwards, is true of it: a consent question has the
 * consent role, names its purpose and speaks the configured key; an objection offer has the objection role,
 * speaks the configured key and names exactly the purposes an objection ends; the confirmation the gateway
 * will play after the caller's choice exists in the role that says what then happens.
 */
final class AskFit {

    private final PromptFit fit;

    AskFit(PromptFit fit) {
        this.fit = fit;
    }

    /** What is wrong with the consent question of {@code terms}; empty when it fits. */
    Set<String> consentQuestion(PurposeTerms terms, ConsentStep step) {
        String id = step.questionPromptId();
        String role = "consent question for " + terms.purpose().id();
        Optional<String> absent = fit.absent(id, role, PromptRole.CONSENT_QUESTION);
        if (absent.isPresent()) {
            return Set.of(absent.get());
        }
        Set<String> problems = new LinkedHashSet<>();
        for (NoticePrompt p : fit.found(id)) {
            if (p.role() != PromptRole.CONSENT_QUESTION) {
                problems.add(role + " " + Problems.show(id) + " is " + PromptFit.article(p.role().id()) + " prompt, not a consent"
                        + " question: a caller's key would not mean what the prompt says; " + useQuestion(terms, step));
                continue;
            }
            boolean onlyPurpose = fit.plan.purposes().size() == 1;
            if (!p.purposes().contains(terms.purpose().id()) && !(p.purposes().isEmpty() && onlyPurpose)) {
                problems.add(role + " " + Problems.show(id) + " does not name " + terms.purpose().id() + ", and the"
                        + " recording is also kept for " + others(terms) + ": the caller would not know what the yes"
                        + " is for; " + useQuestion(terms, step));
            }
            keys(p, role, step.key()).ifPresent(problems::add);
            fit.consentOnlyPromise(p, role).ifPresent(problems::add);
        }
        return problems;
    }

    /** What is wrong with the objection offer; empty when it fits. */
    Set<String> objectionOffer(ObjectionStep step) {
        String id = step.offerPromptId();
        Optional<String> absent = fit.absent(id, "objection offer", PromptRole.OBJECTION_OFFER);
        if (absent.isPresent()) {
            return Set.of(absent.get());
        }
        List<String> ended = ObjectionStep.endedBy(fit.plan.purposes()).stream().map(t -> t.purpose().id()).toList();
        boolean endsAll = ended.size() == fit.plan.purposes().size();
        Set<String> problems = new LinkedHashSet<>();
        for (NoticePrompt p : fit.found(id)) {
            if (p.role() != PromptRole.OBJECTION_OFFER) {
                problems.add("objection offer " + Problems.show(id) + " is " + PromptFit.article(p.role().id()) + " prompt, not an"
                        + " objection offer; " + useOffer(step, ended, endsAll));
                continue;
            }
            if (p.purposes().isEmpty() && !endsAll) {
                problems.add("objection offer " + Problems.show(id) + " offers to stop the whole recording, but an"
                        + " objection ends only " + String.join(", ", ended) + "; the recording goes on for "
                        + kept() + ": " + useOffer(step, ended, endsAll));
            } else if (!p.purposes().isEmpty() && !(p.purposes().containsAll(ended) && ended.containsAll(p.purposes()))) {
                problems.add("objection offer " + Problems.show(id) + " names " + String.join(", ", p.purposes())
                        + ", but an objection on this rule ends " + String.join(", ", ended) + ": "
                        + useOffer(step, ended, endsAll));
            }
            keys(p, "objection offer", step.key()).ifPresent(problems::add);
        }
        return problems;
    }

    /** The confirmation played after a choice, {@code id} in {@code wanted} role; empty when it is there. */
    Set<String> confirmation(String id, PromptRole wanted, String after) {
        Optional<String> absent = fit.absent(id, "confirmation", wanted);
        if (absent.isPresent()) {
            return Set.of(absent.get() + " (the gateway plays it " + after + ")");
        }
        Set<String> problems = new LinkedHashSet<>();
        for (NoticePrompt p : fit.found(id)) {
            if (p.role() != wanted) {
                problems.add("confirmation " + Problems.show(id) + " (" + p.language() + ") is declared "
                        + p.role().id() + ", but the gateway plays it " + after + ", where only a " + wanted.id()
                        + " prompt is true; fix its role in notice-prompts/prompts.yaml");
            }
        }
        return problems;
    }

    /** The prompt must speak exactly the configured key: another key would be ignored, a silent one unknown. */
    private static Optional<String> keys(NoticePrompt p, String role, String key) {
        if (p.keys().equals(List.of(key))) {
            return Optional.empty();
        }
        return Optional.of(role + " " + Problems.show(p.id()) + " (" + p.language() + ") tells the caller to press "
                + (p.keys().isEmpty() ? "no key" : String.join(", ", p.keys())) + ", but this rule listens for " + key
                + ": " + (p.keys().isEmpty() ? "the caller would never learn the key" : "the caller's key would be"
                + " ignored") + "; set key: " + (p.keys().size() == 1 ? p.keys().getFirst() : key)
                + " or use a prompt that speaks " + key);
    }

    private String useQuestion(PurposeTerms terms, ConsentStep step) {
        return fit.use(PromptRole.CONSENT_QUESTION, q -> q.purposes().contains(terms.purpose().id())
                        && q.keys().equals(List.of(step.key())) && fit.consentOnlyPromise(q, "").isEmpty())
                .orElse("add a consent question naming " + terms.purpose().id() + " that speaks key " + step.key()
                        + " to notice-prompts/prompts.yaml and use it");
    }

    private String useOffer(ObjectionStep step, List<String> ended, boolean endsAll) {
        return fit.use(PromptRole.OBJECTION_OFFER, q -> q.keys().equals(List.of(step.key()))
                        && (q.purposes().isEmpty() ? endsAll : q.purposes().containsAll(ended) && ended.containsAll(q.purposes())))
                .orElse("add an objection offer naming " + String.join(", ", ended) + " that speaks key " + step.key()
                        + " to notice-prompts/prompts.yaml and use it");
    }

    private String others(PurposeTerms terms) {
        return String.join(", ", fit.plan.purposes().stream().filter(t -> t != terms).map(t -> t.purpose().id()).toList());
    }

    private String kept() {
        return String.join(", ", fit.plan.purposes().stream().filter(t -> !ObjectionStep.ends(t))
                .map(t -> t.purpose().id() + " (" + t.basis().id() + ")").toList());
    }
}
