package org.recgateway.config;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads durations written as {@code 30d}, {@code 12h}, {@code 90m}, {@code 45s}, {@code 500ms} or ISO-8601 ({@code P30D}). */
final class Durations {

    private static final Pattern SHORT = Pattern.compile("(\\d{1,9})(ms|s|m|h|d)");
    static final String FORMS = "write e.g. 30d, 12h, 90m, 45s, 500ms or ISO-8601 P30D / PT12H";

    private Durations() {
    }

    /**
     * The duration {@code text} stands for.
     *
     * @throws IllegalArgumentException with the reason when {@code text} is not a duration
     */
    static Duration parse(String text) {
        Matcher m = SHORT.matcher(text.strip());
        if (m.matches()) {
            long amount = Long.parseLong(m.group(1));
            return switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(amount);
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                case "h" -> Duration.ofHours(amount);
                default -> Duration.ofDays(amount);
            };
        }
        String upper = text.strip().toUpperCase(java.util.Locale.ROOT);
        if (upper.startsWith("P")) {
            if (upper.matches("P[^T]*[YMW].*")) {
                throw new IllegalArgumentException("malformed duration " + Problems.show(text)
                        + ": years, months and weeks have no fixed length here; write days, e.g. 365d or P365D");
            }
            try {
                return Duration.parse(upper);
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("malformed ISO-8601 duration " + Problems.show(text) + "; " + FORMS);
            }
        }
        if (text.strip().matches("\\d+")) {
            throw new IllegalArgumentException("the duration " + text.strip() + " has no unit; " + FORMS);
        }
        throw new IllegalArgumentException("malformed duration " + Problems.show(text) + "; " + FORMS);
    }

    /** How a duration reads in a message: {@code 365d}, {@code 12h}, {@code 90s} or ISO-8601 for the rest. */
    static String format(Duration d) {
        if (d.toMillis() % 86_400_000L == 0) {
            return d.toDays() + "d";
        }
        if (d.toMillis() % 3_600_000L == 0) {
            return d.toHours() + "h";
        }
        if (d.toMillis() % 60_000L == 0) {
            return d.toMinutes() + "m";
        }
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
    }
}
