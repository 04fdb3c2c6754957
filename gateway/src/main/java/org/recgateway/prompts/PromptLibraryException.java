package org.recgateway.prompts;

import java.util.List;

/** The prompt library cannot be used as it is on disk; carries every problem found, each saying what to do. */
public final class PromptLibraryException extends RuntimeException {

    private final List<String> problems;

    public PromptLibraryException(List<String> problems) {
        super(message(problems));
        this.problems = List.copyOf(problems);
    }

    /** Every problem found, one human-readable sentence each. */
    public List<String> problems() {
        return problems;
    }

    private static String message(List<String> problems) {
        StringBuilder sb = new StringBuilder("The notice prompt library has ").append(problems.size())
                .append(problems.size() == 1 ? " problem:" : " problems:");
        problems.forEach(p -> sb.append(System.lineSeparator()).append("  - ").append(p));
        return sb.toString();
    }
}
