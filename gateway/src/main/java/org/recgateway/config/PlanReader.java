package org.recgateway.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.recgateway.policy.ConsentStep;
import org.recgateway.policy.Lawfulness;
import org.recgateway.policy.LegalBasis;
import org.recgateway.policy.ObjectionStep;
import org.recgateway.policy.Purpose;
import org.recgateway.policy.PurposeTerms;
import org.recgateway.policy.RecordingPlan;

/**
 * Reads a rule's {@code record} block into a recording plan (the main purpose first, then {@code also} in
 * order), then holds the plan to {@link Lawfulness}: a plan that breaks a rule is reported, not loaded.
 */
final class PlanReader {

    /** Keys that are said once per recording, so they belong on the record block, not on an {@code also} item. */
    private static final List<String> ONCE_PER_RECORDING = List.of("notice", "languages", "sample", "objection", "also");

    private final Problems problems;
    private final String defaultLanguage;

    PlanReader(Problems problems, String defaultLanguage) {
        this.problems = problems;
        this.defaultLanguage = defaultLanguage;
    }

    /**
     * The plan, or empty when the block has problems (which are then recorded).
     *
     * @param ruleKey the key lawfulness problems carry, naming the rule, e.g. {@code policy.rules[sales].record}
     */
    Optional<RecordingPlan> plan(Section p, String ruleKey) {
        int before = problems.count();
        Optional<PurposeTerms> main = terms(p);
        Optional<Located> notice = p.text("notice").filter(t -> StepReader.promptId(p, t));
        if (p.node("notice").isEmpty()) {
            p.problem("notice", "required: the prompt id of the notice played before recording (no notice, no"
                    + " recording), e.g. notice-quality-will");
        }
        List<String> languages = languages(p);
        int sample = StepReader.sample(p);
        Optional<ObjectionStep> objection = StepReader.objection(p);
        List<PurposeTerms> also = also(p);
        p.finish();
        if (problems.count() > before || main.isEmpty() || notice.isEmpty()) {
            return Optional.empty();
        }
        List<PurposeTerms> purposes = Stream.concat(Stream.of(main.get()), also.stream()).toList();
        RecordingPlan plan = new RecordingPlan(purposes, notice.get().value(), languages, sample, objection);
        List<Lawfulness.Violation> violations = Lawfulness.check(plan);
        violations.forEach(v -> problems.add(p.line(), ruleKey, v.rule() + ": " + v.message()));
        return violations.isEmpty() ? Optional.of(plan) : Optional.empty();
    }

    /** One purpose with its basis, retention and consent step: the record block itself, or an {@code also} item. */
    private Optional<PurposeTerms> terms(Section s) {
        int before = problems.count();
        Optional<Purpose> purpose = s.text("purpose").flatMap(t -> known(t, "purpose", Purpose.fromId(t.value()),
                Arrays.stream(Purpose.values()).map(Purpose::id)));
        if (s.node("purpose").isEmpty()) {
            s.problem("purpose", "required; purposes: " + ids(Arrays.stream(Purpose.values()).map(Purpose::id)));
        }
        Optional<LegalBasis> basis = s.node("basis").isEmpty() ? purpose.map(Purpose::defaultBasis)
                : s.text("basis").flatMap(t -> known(t, "legal basis", LegalBasis.fromId(t.value()),
                        Arrays.stream(LegalBasis.values()).map(LegalBasis::id)));
        Duration retention = retention(s, purpose);
        Optional<ConsentStep> consent = StepReader.consent(s);
        if (problems.count() > before || purpose.isEmpty() || basis.isEmpty() || retention == null) {
            return Optional.empty();
        }
        return Optional.of(new PurposeTerms(purpose.get(), basis.get(), retention, consent));
    }

    private List<PurposeTerms> also(Section p) {
        List<PurposeTerms> also = new ArrayList<>();
        for (Section a : p.sections("also")) {
            for (String key : ONCE_PER_RECORDING) {
                if (a.written(key)) {
                    a.problem(key, "a recording has one " + key + " for all its purposes; move it to "
                            + p.path() + " (an also item has purpose, basis, retention and consent)");
                }
            }
            terms(a).ifPresent(also::add);
            a.finish();
        }
        return also;
    }

    private Duration retention(Section p, Optional<Purpose> purpose) {
        if (p.node("retention").isEmpty()) {
            p.problem("retention", "required: how long recordings are kept, e.g. 30d; " + purpose.map(pu ->
                    "at most " + Durations.format(pu.maxRetention()) + " for " + pu.id()).orElse("each purpose has a maximum"));
            return null;
        }
        int before = problems.count();
        Duration retention = p.duration("retention", Duration.ZERO);
        if (problems.count() > before) {
            return null;
        }
        if (purpose.isPresent() && retention.compareTo(purpose.get().maxRetention()) > 0) {
            p.problem("retention", Durations.format(retention) + " is longer than the maximum "
                    + Durations.format(purpose.get().maxRetention()) + " for purpose " + purpose.get().id()
                    + "; keep recordings no longer than the purpose needs (GDPR art. 5(1)(e))");
            return null;
        }
        return retention;
    }

    private List<String> languages(Section p) {
        if (p.node("languages").isEmpty()) {
            return List.of(defaultLanguage);
        }
        List<String> languages = new ArrayList<>();
        List<Located> written = p.texts("languages");
        for (Located t : written) {
            if (!PolicyReader.language(p, t)) {
                continue;
            }
            if (languages.contains(t.value())) {
                problems.add(t.line(), t.key(), "language " + t.value() + " is listed twice");
            } else {
                languages.add(t.value());
            }
        }
        if (written.isEmpty() && p.node("languages").get() instanceof YamlNode.Sequence seq && seq.items().isEmpty()) {
            p.problem("languages", "is empty; list the notice languages this rule routes to, e.g. [nl, en], or"
                    + " remove the key to use policy.defaultLanguage (" + defaultLanguage + ")");
        }
        return languages;
    }

    private <T> Optional<T> known(Located t, String what, Optional<T> found, Stream<String> ids) {
        if (found.isEmpty()) {
            problems.add(t.line(), t.key(), "unknown " + what + " " + Problems.show(t.value()) + "; known "
                    + (what.equals("purpose") ? "purposes" : "legal bases") + ": " + ids(ids));
        }
        return found;
    }

    private static String ids(Stream<String> ids) {
        return ids.collect(Collectors.joining(", "));
    }
}
