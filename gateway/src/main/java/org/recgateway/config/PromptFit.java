package org.recgateway.config;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.recgateway.policy.LegalBasis;
import org.recgateway.policy.RecordingPlan;
import org.recgateway.prompts.NoticePrompt;
import org.recgateway.prompts.PromptLibrary;

/**
 * Whether the prompts of one recording plan fit it: present in each of its languages, of the right kind,
 * and, for the notice, naming the plan's main purpose in the wording that is true of how it records
 * (PRODUCT.md rule 7: "kan worden opgenomen" only when recording is conditional).
 */
final class PromptFit {

    static final String NOTICE = "notice";
    static final String QUESTION = "question";

    private final RecordingPlan plan;
    private final PromptLibrary prompts;

    PromptFit(RecordingPlan plan, PromptLibrary prompts) {
        this.plan = plan;
        this.prompts = prompts;
    }

    /** What is wrong with the plan's notice; empty when it fits. */
    Set<String> notice() {
        String id = plan.noticePromptId();
        Optional<String> absent = absent(id, NOTICE, NOTICE);
        if (absent.isPresent()) {
            return Set.of(absent.get());
        }
        Set<String> problems = new LinkedHashSet<>();
        String purpose = plan.purpose().id();
        String wording = plan.requiredWording();
        for (NoticePrompt p : found(id)) {
            if (!p.kind().equals(NOTICE)) {
                problems.add("notice " + Problems.show(id) + " is a " + p.kind() + " prompt, not a notice: " + useNotice());
            } else if (!p.purpose().equals(purpose)) {
                problems.add("notice " + Problems.show(id) + " announces purpose " + p.purpose() + ", but this rule"
                        + " records for " + purpose + "; the notice must name the purpose the call is recorded for: "
                        + useNotice());
            } else if (!p.wording().equals(wording)) {
                problems.add("notice " + Problems.show(id) + " " + says(p.wording()) + ", but this rule records "
                        + howItRecords() + ": " + useNotice() + alternative());
            }
        }
        return problems;
    }

    /** What is wrong with a question the plan asks ({@code role}, e.g. "objection offer"); empty when it fits. */
    Set<String> question(String id, String role, String usual) {
        Optional<String> absent = absent(id, role, QUESTION);
        if (absent.isPresent()) {
            return Set.of(absent.get());
        }
        Set<String> problems = new LinkedHashSet<>();
        for (NoticePrompt p : found(id)) {
            if (!p.kind().equals(QUESTION)) {
                boolean usualFits = found(usual).size() == plan.languages().size()
                        && found(usual).stream().allMatch(q -> q.kind().equals(QUESTION));
                problems.add(role + " " + Problems.show(id) + " is a " + p.kind() + " prompt, not a question: "
                        + (usualFits ? "use " + usual : "known questions: " + String.join(", ", ofKind(QUESTION))));
            }
        }
        return problems;
    }

    /** Why {@code id} cannot be played in every language of the plan, if it cannot. */
    private Optional<String> absent(String id, String role, String kind) {
        Set<String> have = prompts.languagesOf(id);
        List<String> missing = plan.languages().stream().filter(l -> !have.contains(l)).toList();
        if (missing.isEmpty()) {
            return Optional.empty();
        }
        if (!prompts.ids().contains(id)) {
            Set<String> known = ofKind(kind);
            return Optional.of(role + " " + Problems.show(id) + " is not in the prompt library; "
                    + (known.isEmpty() ? "known prompts: " + String.join(", ", new TreeSet<>(prompts.ids()))
                            : "known " + kind + "s: " + String.join(", ", known)));
        }
        return Optional.of(role + " " + Problems.show(id) + " has no recording in " + String.join(", ", missing)
                + " (it has " + String.join(", ", new TreeSet<>(have)) + "); add the prompt in those languages or"
                + " remove them from the rule's languages");
    }

    private List<NoticePrompt> found(String id) {
        return plan.languages().stream().map(l -> prompts.find(id, l)).flatMap(Optional::stream).toList();
    }

    /** The ids of the library's prompts of {@code kind}, sorted. */
    private Set<String> ofKind(String kind) {
        return prompts.ids().stream().filter(id -> prompts.languagesOf(id).stream().findFirst()
                .flatMap(l -> prompts.find(id, l)).filter(p -> p.kind().equals(kind)).isPresent())
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /** The notice that would fit: the plan's main purpose, the required wording, in every language. */
    private String useNotice() {
        return ofKind(NOTICE).stream().filter(id -> {
            List<NoticePrompt> all = found(id);
            return all.size() == plan.languages().size() && all.stream().allMatch(p -> p.kind().equals(NOTICE)
                    && p.purpose().equals(plan.purpose().id()) && p.wording().equals(plan.requiredWording()));
        }).findFirst().map(id -> "use " + id).orElse("add a notice for purpose " + plan.purpose().id() + " with wording "
                + plan.requiredWording() + " to notice-prompts/prompts.yaml (in " + String.join(", ", plan.languages())
                + ") and use it");
    }

    private String howItRecords() {
        if (plan.samplePercent() < 100) {
            return "only a sample (" + plan.samplePercent() + "%) of the calls it matches";
        }
        if (plan.basis() == LegalBasis.CONSENT) {
            return "only when the caller consents";
        }
        return "every call it matches";
    }

    private String alternative() {
        if (plan.samplePercent() < 100) {
            return ", or record every call (remove sample)";
        }
        return plan.basis() == LegalBasis.CONSENT ? "" : ", or record a sample (e.g. sample: 20%)";
    }

    private static String says(String wording) {
        return switch (wording) {
            case "may" -> "says \"kan worden opgenomen\" (wording may)";
            case "will" -> "says \"wordt opgenomen\" (wording will)";
            default -> "has wording " + Problems.show(wording);
        };
    }
}
