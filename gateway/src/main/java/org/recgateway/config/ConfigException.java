package org.recgateway.config;

import java.util.List;
import java.util.stream.Collectors;

/** The configuration is invalid; the message lists every problem, one per line. */
public final class ConfigException extends Exception {

    private final transient List<ConfigProblem> problems;

    public ConfigException(List<ConfigProblem> problems) {
        super(describe(problems));
        this.problems = List.copyOf(problems);
    }

    /** Every problem found, in file order. */
    public List<ConfigProblem> problems() {
        return problems;
    }

    private static String describe(List<ConfigProblem> problems) {
        String heading = problems.size() == 1 ? "invalid configuration (1 problem):"
                : "invalid configuration (" + problems.size() + " problems):";
        return problems.stream().map(p -> "  " + p).collect(Collectors.joining("\n", heading + "\n", ""));
    }
}
