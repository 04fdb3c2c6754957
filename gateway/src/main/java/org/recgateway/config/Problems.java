package org.recgateway.config;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Collects every problem of one configuration file, so the administrator sees them all at once. */
final class Problems {

    private static final int MAX_SHOWN = 80;

    private final String file;
    private final List<ConfigProblem> problems = new ArrayList<>();

    Problems(String file) {
        this.file = file;
    }

    String file() {
        return file;
    }

    void add(int line, String key, String message) {
        problems.add(new ConfigProblem(file, line, key, message));
    }

    void addAll(List<ConfigProblem> more) {
        problems.addAll(more);
    }

    int count() {
        return problems.size();
    }

    /** Throws when any problem was found, listing them in file order (by line; the order found within a line). */
    void throwIfAny() throws ConfigException {
        if (!problems.isEmpty()) {
            throw new ConfigException(problems.stream().sorted(Comparator.comparingInt(ConfigProblem::line)).toList());
        }
    }

    /** {@code parent.key}, or {@code key} at the root. */
    static String join(String parent, String key) {
        return parent.isEmpty() ? key : parent + "." + key;
    }

    /**
     * A value from the file, quoted for a message: shortened, with control characters shown as {@code ?},
     * so a hostile or broken file cannot forge log lines.
     */
    static String show(String value) {
        StringBuilder out = new StringBuilder("'");
        value.codePoints().limit(MAX_SHOWN).forEach(c -> {
            if (Character.isISOControl(c)) {
                out.append('?');
            } else {
                out.appendCodePoint(c);
            }
        });
        if (value.codePointCount(0, value.length()) > MAX_SHOWN) {
            out.append("...");
        }
        return out.append('\'').toString();
    }
}
