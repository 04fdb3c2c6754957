package org.recgateway.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.recgateway.policy.CallMatcher;
import org.recgateway.policy.DialPattern;
import org.recgateway.policy.DoNotRecordPlan;
import org.recgateway.policy.LegalBasis;
import org.recgateway.policy.PolicyRule;
import org.recgateway.policy.Purpose;
import org.recgateway.policy.RecordingPlan;
import org.recgateway.policy.RuleAction;

/** Reads one policy rule: its conditions and either a recording plan or a reason not to record. */
final class RuleReader {

    private final Problems problems;
    private final String defaultLanguage;

    RuleReader(Problems problems, String defaultLanguage) {
        this.problems = problems;
        this.defaultLanguage = defaultLanguage;
    }

    /** The rule, or empty when it has problems (which are then recorded). */
    Optional<PolicyRule> rule(Section r, String name, boolean needsConditions) {
        int before = problems.count();
        CallMatcher when = needsConditions ? matcher(r) : CallMatcher.ANY;
        Optional<RuleAction> action = action(r);
        r.finish();
        if (problems.count() > before || action.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new PolicyRule(name, when, action.get(), problems.file() + ":" + r.line()));
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

    private Optional<RuleAction> action(Section r) {
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
            r.problem("record", "expected a mapping such as {purpose: quality, notice: notice-quality,"
                    + " retention: 30d}, got " + YamlNode.describe(r.node("record").get()));
            return Optional.empty();
        }
        return plan(r.section("record"));
    }

    private Optional<RuleAction> plan(Section p) {
        Optional<Purpose> purpose = p.text("purpose").flatMap(t -> known(t, "purpose", Purpose.fromId(t.value()),
                Arrays.stream(Purpose.values()).map(Purpose::id)));
        if (p.node("purpose").isEmpty()) {
            p.problem("purpose", "required; purposes: " + ids(Arrays.stream(Purpose.values()).map(Purpose::id)));
        }
        Optional<LegalBasis> basis = p.node("basis").isEmpty() ? purpose.map(Purpose::defaultBasis)
                : p.text("basis").flatMap(t -> known(t, "legal basis", LegalBasis.fromId(t.value()),
                        Arrays.stream(LegalBasis.values()).map(LegalBasis::id)));
        Optional<Located> notice = p.text("notice").filter(t -> noticeId(p, t));
        if (p.node("notice").isEmpty()) {
            p.problem("notice", "required: the prompt id of the notice played before recording (no notice, no"
                    + " recording)");
        }
        Duration retention = retention(p, purpose);
        List<String> languages = languages(p);
        p.finish();
        if (purpose.isEmpty() || basis.isEmpty() || notice.isEmpty() || retention == null || languages.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new RecordingPlan(purpose.get(), basis.get(), notice.get().value(), retention, languages));
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
        for (Located t : p.texts("languages")) {
            if (!PolicyReader.language(p, t)) {
                continue;
            }
            if (languages.contains(t.value())) {
                problems.add(t.line(), t.key(), "language " + t.value() + " is listed twice");
            } else {
                languages.add(t.value());
            }
        }
        return languages;
    }

    private boolean noticeId(Section p, Located t) {
        if (t.value().matches("[A-Za-z0-9][A-Za-z0-9._-]{0,99}") && !t.value().contains("..")) {
            return true;
        }
        problems.add(t.line(), t.key(), Problems.show(t.value()) + " is not a prompt id; ids are like notice-quality"
                + " (letters, digits, '.', '_', '-')");
        return false;
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

    private boolean notBlank(Located t, String what) {
        if (!t.value().isBlank()) {
            return true;
        }
        problems.add(t.line(), t.key(), "is empty; write " + what);
        return false;
    }
}
