package org.recgateway.config;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.recgateway.policy.ConsentStep;
import org.recgateway.policy.ObjectionStep;

/**
 * Reads the caller's part of a {@code record} block: the consent question a consent purpose asks, the
 * objection offered for legitimate interest, and the share of matched calls that is recorded.
 */
final class StepReader {

    private static final Pattern DTMF = Pattern.compile("[0-9*#]");
    private static final Pattern PERCENT = Pattern.compile("(\\d{1,9})\\s*%?");
    private static final Pattern PROMPT_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");

    private StepReader() {
    }

    /** {@code consent: {question, key, timeout}}; empty when absent or wrong (then reported). */
    static Optional<ConsentStep> consent(Section owner) {
        return step(owner, "consent", "consent: {} to ask " + Defaults.CONSENT_QUESTION + " with key "
                + Defaults.CONSENT_KEY + " and " + Durations.format(Defaults.CONSENT_TIMEOUT) + " to answer", c ->
                new ConsentStep(prompt(c, "question", Defaults.CONSENT_QUESTION), key(c, Defaults.CONSENT_KEY),
                        bounded(c, "timeout", Defaults.CONSENT_TIMEOUT, Defaults.CONSENT_MAX_TIMEOUT,
                                "silence this long after the question means no")));
    }

    /**
     * {@code during}: {@code offer} (the default: an offer after the notice, then a window) or {@code call}
     * (the notice announces the in-call code *9 and the caller may press it while bridged; no offer, no wait).
     */
    private static boolean during(Section o) {
        return switch (o.text("during", Defaults.OBJECTION_DURING)) {
            case "offer" -> false;
            case "call" -> true;
            default -> {
                o.problem("during", "expected offer (an offer after the notice, then a window) or call (the notice"
                        + " announces the in-call code *9, which the caller may press at any moment of the call)");
                yield false;
            }
        };
    }

    /** {@code objection: {offer, key, window, during}}; empty when absent or wrong (then reported). */
    static Optional<ObjectionStep> objection(Section owner) {
        return step(owner, "objection", "objection: {} to offer " + Defaults.OBJECTION_OFFER + " with key "
                + Defaults.OBJECTION_KEY + " and a " + Durations.format(Defaults.OBJECTION_WINDOW) + " window", o ->
                new ObjectionStep(prompt(o, "offer", Defaults.OBJECTION_OFFER), key(o, Defaults.OBJECTION_KEY),
                        bounded(o, "window", Defaults.OBJECTION_WINDOW, Defaults.OBJECTION_MAX_WINDOW,
                                "the key still objects this long after the offer"), during(o)));
    }

    private static <T> Optional<T> step(Section owner, String key, String hint, Function<Section, T> read) {
        if (owner.node(key).isEmpty()) {
            if (owner.written(key)) {
                owner.problem(key, "has no value; write " + hint + ", or remove the key");
            }
            return Optional.empty();
        }
        Problems problems = owner.problems();
        int before = problems.count();
        Section s = owner.section(key);
        T step;
        try {
            step = read.apply(s);
        } catch (IllegalArgumentException e) {
            owner.problem(key, e.getMessage());
            return Optional.empty();
        }
        s.finish();
        return problems.count() > before ? Optional.empty() : Optional.of(step);
    }

    /** {@code sample: 20%} or {@code sample: 20}: the share of matched calls recorded, 1 to 100. */
    static int sample(Section p) {
        int fallback = Defaults.RECORD_SAMPLE_PERCENT;
        return p.node("sample").map(n -> {
            Matcher m = n instanceof YamlNode.Scalar s ? PERCENT.matcher(s.text().strip()) : null;
            if (m == null || !m.matches()) {
                p.problem("sample", "expected the share of matched calls to record, from 1% to 100%, such as 20%"
                        + " (or 20); got " + YamlNode.describe(n));
                return fallback;
            }
            long percent = Long.parseLong(m.group(1));
            if (percent < 1) {
                p.problem("sample", "0% records no call; write 1% to 100%, or use doNotRecord for calls that are"
                        + " never recorded");
            } else if (percent > 100) {
                p.problem("sample", percent + "% is more than every call; write 1% to 100% (100% records every"
                        + " matched call)");
            } else {
                return (int) percent;
            }
            return fallback;
        }).orElse(fallback);
    }

    /** A prompt id of the prompt library, under {@code key}; {@code fallback} when absent. */
    static String prompt(Section s, String key, String fallback) {
        return s.text(key).filter(t -> promptId(s, t)).map(Located::value).orElse(fallback);
    }

    /** Whether {@code t} can be a prompt id; reports it when not. */
    static boolean promptId(Section s, Located t) {
        if (PROMPT_ID.matcher(t.value()).matches() && !t.value().contains("..")) {
            return true;
        }
        s.problems().add(t.line(), t.key(), Problems.show(t.value()) + " is not a prompt id; ids are like"
                + " notice-quality or question-consent (letters, digits, '.', '_', '-')");
        return false;
    }

    private static String key(Section s, String fallback) {
        return s.text("key").map(t -> {
            if (DTMF.matcher(t.value()).matches()) {
                return t.value();
            }
            s.problems().add(t.line(), t.key(), Problems.show(t.value()) + " is not a key the caller can press;"
                    + " write one DTMF key: a digit 0-9, \"*\" or \"#\" (quote * and # in YAML)");
            return fallback;
        }).orElse(fallback);
    }

    private static Duration bounded(Section s, String key, Duration fallback, Duration max, String meaning) {
        Duration d = s.duration(key, fallback);
        if (d.compareTo(max) > 0) {
            s.problem(key, Durations.format(d) + " is longer than the " + Durations.format(max) + " allowed ("
                    + meaning + "); the default is " + Durations.format(fallback));
            return fallback;
        }
        return d;
    }
}
