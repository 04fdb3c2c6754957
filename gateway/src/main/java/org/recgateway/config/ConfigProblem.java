package org.recgateway.config;

/**
 * One thing wrong with a configuration file.
 *
 * @param file    the file as the administrator named it
 * @param line    1-based line, or 0 when the problem has no line (e.g. the file cannot be read)
 * @param key     the dotted key, e.g. {@code policy.rules[0].record.purpose}; empty for the whole file
 * @param message what is wrong and what to do
 */
public record ConfigProblem(String file, int line, String key, String message) {

    /** The problem as one line: {@code file:line: key: message}. */
    @Override
    public String toString() {
        StringBuilder out = new StringBuilder(file);
        if (line > 0) {
            out.append(':').append(line);
        }
        out.append(": ");
        if (!key.isEmpty()) {
            out.append(key).append(": ");
        }
        return out.append(message).toString();
    }
}
