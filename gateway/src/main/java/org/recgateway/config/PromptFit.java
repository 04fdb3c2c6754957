package org.recgateway.config;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.recgateway.policy.LegalBasis;
import org.recgateway.policy.ObjectionStep;
import org.recgateway.policy.PurposeTerms;
import org.recgateway.policy.RecordingPlan;
import org.recgateway.prompts.NoticePrompt;
import org.recgateway.prompts.PromptLibrary;
import org.recgateway.prompts.PromptRole;

/**
 * Whether the notice of one recording plan is true of it, from what the prompt declares it says (role,
 * purposes, wording, keys, consent-only promise; the prompt build checks those against the text): present in
 * each of the plan's languages, a notice, naming every purpose the recording can be kept for and no other,
 * worded as the plan records (PRODUCT.md rule 7), and speaking only keys the plan honours during it.
 * {@link AskFit} does the same for the questions and confirmations.
 */
final class PromptFit {

    final RecordingPlan plan;
    final PromptLibrary prompts;

    PromptFit(RecordingPlan plan, PromptLibrary prompts) {
        this.plan = plan;
        this.prompts = prompts;
    }

    /** What is wrong with the plan's notice; empty when it fits. */
    Set<String> notice() {
        String id = plan.noticePromptId();
        Optional<String> absent = absent(id, "notice", PromptRole.NOTICE);
        if (absent.isPresent()) {
            return Set.of(absent.get());
        }
        Set<String> problems = new LinkedHashSet<>();
        for (NoticePrompt p : found(id)) {
            if (p.role() != PromptRole.NOTICE) {
                problems.add("notice " + Problems.show(id) + " is " + article(p.role().id()) + " prompt, not a notice: " + useNotice());
                continue;
            }
            List<String> unnamed = toldBy(p);
            if (!unnamed.isEmpty()) {
                problems.add("notice " + Problems.show(id) + " names " + names(p.purposes()) + ", but this rule also"
                        + " keeps the recording for " + String.join(", ", unnamed) + ", which the caller is never told:"
                        + " the notice must name every purpose the recording can be kept for; " + useNotice());
            }
            List<String> extra = p.purposes().stream().filter(x -> plan.purposes().stream()
                    .noneMatch(t -> t.purpose().id().equals(x))).toList();
            if (!extra.isEmpty()) {
                problems.add("notice " + Problems.show(id) + " announces " + String.join(", ", extra) + ", but this rule"
                        + " records only for " + purposeIds() + ": the caller would be told of a recording that is not"
                        + " made; " + useNotice());
            }
            if (!p.wording().equals(plan.requiredWording())) {
                problems.add("notice " + Problems.show(id) + " " + says(p.wording()) + ", but this rule records "
                        + howItRecords() + ": " + useNotice() + alternative());
            }
            consentOnlyPromise(p, "notice").ifPresent(problems::add);
            // The objection key during the notice; the in-call code *9, which objects at any moment of the call,
            // wherever an objection is offered (objection: {during: call} must announce it).
            List<String> honoured = plan.objection().map(o -> List.of(o.key(), ObjectionStep.IN_CALL_CODE)).orElse(List.of());
            List<String> stray = p.keys().stream().filter(k -> !honoured.contains(k)).toList();
            if (!stray.isEmpty()) {
                problems.add("notice " + Problems.show(id) + " (" + p.language() + ") tells the caller to press "
                        + String.join(", ", stray) + ", but " + (honoured.isEmpty() ? "this rule offers no key during"
                        + " the notice" : "the only key this rule honours during the notice is the objection key "
                        + honoured.getFirst()) + ": the caller's key would do nothing; use a notice that speaks no"
                        + " other key");
            }
        }
        return problems;
    }

    /** The purposes of the plan that neither the notice nor their own consent question names, as ids. */
    private List<String> toldBy(NoticePrompt notice) {
        return plan.purposes().stream().filter(t -> !notice.purposes().contains(t.purpose().id()))
                .filter(t -> !namedByItsQuestion(t)).map(t -> t.purpose().id()).toList();
    }

    /**
     * A purpose on consent is told by its own question when that question names it: it is asked before anything
     * is kept for it, and a no keeps nothing for it.
     */
    private boolean namedByItsQuestion(PurposeTerms t) {
        return t.basis() == LegalBasis.CONSENT && t.consent().isPresent() && !found(t.consent().get().questionPromptId())
                .isEmpty() && found(t.consent().get().questionPromptId()).stream()
                .allMatch(q -> q.role() == PromptRole.CONSENT_QUESTION && q.purposes().contains(t.purpose().id()));
    }

    /**
     * A prompt that promises nothing is recorded without consent ("alleen als u toestemming geeft") is false
     * when another purpose of the recording records without consent.
     */
    Optional<String> consentOnlyPromise(NoticePrompt p, String role) {
        List<String> without = plan.purposes().stream().filter(t -> t.basis() != LegalBasis.CONSENT)
                .map(t -> t.purpose().id() + " (" + t.basis().id() + ")").toList();
        if (!p.consentOnly() || without.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(role + " " + Problems.show(p.id()) + " promises that nothing is recorded without the"
                + " caller's consent (" + Problems.show(p.text()) + "), but this rule records for " + String.join(", ",
                without) + " without consent: the promise would be false; use a prompt that makes no such promise");
    }

    /** Why {@code id} cannot be played in every language of the plan, if it cannot. */
    Optional<String> absent(String id, String role, PromptRole wanted) {
        Set<String> have = prompts.languagesOf(id);
        List<String> missing = plan.languages().stream().filter(l -> !have.contains(l)).toList();
        if (missing.isEmpty()) {
            return Optional.empty();
        }
        if (!prompts.ids().contains(id)) {
            Set<String> known = ofRole(wanted);
            return Optional.of(role + " " + Problems.show(id) + " is not in the prompt library; "
                    + (known.isEmpty() ? "known prompts: " + String.join(", ", new TreeSet<>(prompts.ids()))
                            : "known " + wanted.id() + " prompts: " + String.join(", ", known)));
        }
        return Optional.of(role + " " + Problems.show(id) + " has no recording in " + String.join(", ", missing)
                + " (it has " + String.join(", ", new TreeSet<>(have)) + "); add the prompt in those languages or"
                + " remove them from the rule's languages");
    }

    /** {@code id} in each of the plan's languages that has it. */
    List<NoticePrompt> found(String id) {
        return plan.languages().stream().map(l -> prompts.find(id, l)).flatMap(Optional::stream).toList();
    }

    /** The ids of the library's prompts in {@code role}, sorted. */
    Set<String> ofRole(PromptRole role) {
        return prompts.ids().stream().filter(id -> prompts.languagesOf(id).stream().findFirst()
                .flatMap(l -> prompts.find(id, l)).filter(p -> p.role() == role).isPresent())
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /** The first prompt in {@code role} whose every language of the plan passes {@code fits}, as "use ID". */
    Optional<String> use(PromptRole role, java.util.function.Predicate<NoticePrompt> fits) {
        return ofRole(role).stream().filter(id -> {
            List<NoticePrompt> all = found(id);
            return all.size() == plan.languages().size() && all.stream().allMatch(fits);
        }).findFirst().map(id -> "use " + id);
    }

    String purposeIds() {
        return plan.purposes().stream().map(t -> t.purpose().id()).collect(Collectors.joining(", "));
    }

    /** The notice that would fit: every purpose named, the required wording, no false promise, in every language. */
    private String useNotice() {
        Set<String> needed = plan.purposes().stream().filter(t -> !namedByItsQuestion(t)).map(t -> t.purpose().id())
                .collect(Collectors.toSet());
        Set<String> recorded = plan.purposes().stream().map(t -> t.purpose().id()).collect(Collectors.toSet());
        return use(PromptRole.NOTICE, p -> p.purposes().containsAll(needed) && recorded.containsAll(p.purposes())
                && p.wording().equals(plan.requiredWording()) && consentOnlyPromise(p, "").isEmpty())
                .orElse("add a notice naming " + String.join(", ", new TreeSet<>(needed)) + " with wording "
                        + plan.requiredWording() + " to notice-prompts/prompts.yaml (in " + String.join(", ",
                        plan.languages()) + ") and use it");
    }

    /** "a notice", "an objection-offer". */
    static String article(String word) {
        return ("aeiou".indexOf(word.charAt(0)) >= 0 ? "an " : "a ") + word;
    }

    private static String names(List<String> purposes) {
        return purposes.isEmpty() ? "no purpose" : "only " + String.join(", ", purposes);
    }

    private String howItRecords() {
        if (plan.samplePercent() < 100) {
            return "only a sample (" + plan.samplePercent() + "%) of the calls it matches";
        }
        if (plan.onConsentOnly()) {
            return "only when the caller consents";
        }
        return "every call it matches";
    }

    private String alternative() {
        if (plan.samplePercent() < 100) {
            return ", or record every call (remove sample)";
        }
        return plan.onConsentOnly() ? "" : ", or record a sample (e.g. sample: 20%)";
    }

    private static String says(String wording) {
        return switch (wording) {
            case "may" -> "says \"kan worden opgenomen\" (wording may)";
            case "will" -> "says \"wordt opgenomen\" (wording will)";
            default -> "has wording " + Problems.show(wording);
        };
    }
}
