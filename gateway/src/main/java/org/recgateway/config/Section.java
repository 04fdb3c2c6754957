package org.recgateway.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Typed, validating reads from one YAML mapping. Every read records a problem instead of throwing and
 * returns the default, so one pass finds every problem; {@link #finish} reports the keys nobody read.
 */
final class Section {

    private final Map<String, YamlNode.Entry> entries = new LinkedHashMap<>();
    private final Set<String> known = new TreeSet<>();
    private final String path;
    private final int line;
    private final Problems problems;

    Section(YamlNode.Mapping mapping, String path, Problems problems) {
        this(mapping, path, mapping.line(), problems);
    }

    /** {@code line} is where problems about absent keys point: the line of the key that holds this mapping. */
    private Section(YamlNode.Mapping mapping, String path, int line, Problems problems) {
        mapping.entries().forEach(e -> entries.put(e.key(), e));
        this.path = path;
        this.line = line;
        this.problems = problems;
    }

    String path() {
        return path;
    }

    int line() {
        return line;
    }

    Problems problems() {
        return problems;
    }

    String keyOf(String key) {
        return Problems.join(path, key);
    }

    /** The value of {@code key}; empty when absent or written as nothing ({@code key:} or {@code ~}). */
    Optional<YamlNode> node(String key) {
        known.add(key);
        YamlNode.Entry entry = entries.get(key);
        if (entry == null || entry.value() instanceof YamlNode.Scalar s && s.kind() == YamlNode.Kind.NULL) {
            return Optional.empty();
        }
        return Optional.of(entry.value());
    }

    /** Whether the file writes {@code key} at all, even with no value ({@code key:}). */
    boolean written(String key) {
        known.add(key);
        return entries.containsKey(key);
    }

    /** The line of {@code key}, or of this mapping when the key is absent. */
    int lineOf(String key) {
        YamlNode.Entry entry = entries.get(key);
        return entry == null ? line : entry.line();
    }

    void problem(String key, String message) {
        problems.add(lineOf(key), keyOf(key), message);
    }

    Optional<Located> text(String key) {
        return node(key).flatMap(n -> scalarText(n, keyOf(key)));
    }

    String text(String key, String fallback) {
        return text(key).map(Located::value).orElse(fallback);
    }

    boolean bool(String key, boolean fallback) {
        return node(key).map(n -> {
            if (n instanceof YamlNode.Scalar s && (s.kind() == YamlNode.Kind.TRUE || s.kind() == YamlNode.Kind.FALSE)) {
                return s.kind() == YamlNode.Kind.TRUE;
            }
            problems.add(n.line(), keyOf(key), "expected true or false, got " + YamlNode.describe(n));
            return fallback;
        }).orElse(fallback);
    }

    int integer(String key, int fallback, int min, int max) {
        return node(key).map(n -> {
            if (n instanceof YamlNode.Scalar s && s.kind() == YamlNode.Kind.INTEGER && s.text().matches("[+-]?\\d{1,10}")) {
                long value = Long.parseLong(s.text());
                if (value >= min && value <= max) {
                    return (int) value;
                }
                problems.add(n.line(), keyOf(key), "must be between " + min + " and " + max + ", got " + value);
                return fallback;
            }
            problems.add(n.line(), keyOf(key), "expected a whole number, got " + YamlNode.describe(n));
            return fallback;
        }).orElse(fallback);
    }

    int port(String key, int fallback) {
        return integer(key, fallback, 1, 65535);
    }

    /** A positive duration. */
    Duration duration(String key, Duration fallback) {
        return text(key).map(t -> {
            try {
                Duration d = Durations.parse(t.value());
                if (d.isZero() || d.isNegative()) {
                    problems.add(t.line(), t.key(), "must be longer than zero, got " + Problems.show(t.value()));
                    return fallback;
                }
                return d;
            } catch (IllegalArgumentException e) {
                problems.add(t.line(), t.key(), e.getMessage());
                return fallback;
            }
        }).orElse(fallback);
    }

    /** The mapping under {@code key}; an empty section (all defaults) when absent. */
    Section section(String key) {
        YamlNode.Mapping empty = new YamlNode.Mapping(List.of(), lineOf(key));
        return new Section(node(key).map(n -> mappingOf(n, keyOf(key))).orElse(empty), keyOf(key), lineOf(key),
                problems);
    }

    /** A single text or a list of texts, e.g. {@code context: internal} or {@code context: [a, b]}. */
    List<Located> texts(String key) {
        List<Located> out = new ArrayList<>();
        node(key).ifPresent(n -> {
            if (n instanceof YamlNode.Sequence seq) {
                for (int i = 0; i < seq.items().size(); i++) {
                    scalarText(seq.items().get(i), keyOf(key) + "[" + i + "]").ifPresent(out::add);
                }
            } else {
                scalarText(n, keyOf(key)).ifPresent(out::add);
            }
        });
        return out;
    }

    /** A list of mappings, e.g. the policy rules; items that are not mappings are reported and skipped. */
    List<Section> sections(String key) {
        List<Section> out = new ArrayList<>();
        node(key).ifPresent(n -> {
            if (!(n instanceof YamlNode.Sequence seq)) {
                problems.add(n.line(), keyOf(key), "expected a list, got " + YamlNode.describe(n));
                return;
            }
            for (int i = 0; i < seq.items().size(); i++) {
                String itemKey = keyOf(key) + "[" + i + "]";
                YamlNode item = seq.items().get(i);
                if (item instanceof YamlNode.Mapping m) {
                    out.add(new Section(m, itemKey, problems));
                } else {
                    problems.add(item.line(), itemKey, "expected a mapping, got " + YamlNode.describe(item));
                }
            }
        });
        return out;
    }

    /** The raw entries of this mapping, for mappings whose keys are data (e.g. AGI argument numbers). */
    List<YamlNode.Entry> entries() {
        known.addAll(entries.keySet());
        return List.copyOf(entries.values());
    }

    Optional<Located> scalarText(YamlNode node, String key) {
        if (node instanceof YamlNode.Scalar s && s.kind() != YamlNode.Kind.NULL) {
            return Optional.of(new Located(s.text(), s.line(), key));
        }
        problems.add(node.line(), key, "expected a single value, got " + YamlNode.describe(node));
        return Optional.empty();
    }

    private YamlNode.Mapping mappingOf(YamlNode node, String key) {
        if (node instanceof YamlNode.Mapping m) {
            return m;
        }
        problems.add(node.line(), key, "expected a mapping of keys, got " + YamlNode.describe(node));
        return new YamlNode.Mapping(List.of(), node.line());
    }

    /** Reports every key of this mapping that no read asked for: usually a typo. */
    void finish() {
        for (YamlNode.Entry entry : entries.values()) {
            if (!known.contains(entry.key())) {
                problems.add(entry.line(), keyOf(entry.key()), UnknownKeys.message(entry.key(), known));
            }
        }
    }
}
