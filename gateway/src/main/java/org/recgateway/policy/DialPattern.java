package org.recgateway.policy;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * An Asterisk-style number pattern: {@code _} followed by X (0-9), Z (1-9), N (2-9), sets such as
 * {@code [1-5,7]}, {@code .} (one or more of anything) and {@code !} (zero or more), or, without the
 * leading {@code _}, an exact literal. Matched numbers are untrusted: every literal character is
 * quoted, so nothing in a number or a pattern acts as a regular expression.
 */
public final class DialPattern {

    private final String text;
    private final Pattern regex;

    private DialPattern(String text, Pattern regex) {
        this.text = text;
        this.regex = regex;
    }

    /**
     * Compiles {@code text}.
     *
     * @throws IllegalArgumentException when the pattern is malformed; the message says what is wrong
     *                                  and where, for the configuration loader to report
     */
    public static DialPattern parse(String text) {
        Objects.requireNonNull(text, "text");
        if (text.isEmpty() || text.equals("_")) {
            throw new IllegalArgumentException("empty pattern: write a number, or '_' followed by X, Z, N, [..], '.' or '!'");
        }
        String regex = text.startsWith("_")
                ? DialPatternCompiler.compile(text.substring(1))
                : Pattern.quote(text);
        return new DialPattern(text, Pattern.compile(regex, Pattern.DOTALL));
    }

    /** True when the whole of {@code value} matches; null never matches. */
    public boolean matches(String value) {
        return value != null && regex.matcher(value).matches();
    }

    /** True when this is an exact literal, not a {@code _} pattern. */
    public boolean isLiteral() {
        return !text.startsWith("_");
    }

    /** The pattern as written. */
    public String text() {
        return text;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DialPattern other && other.text.equals(text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    @Override
    public String toString() {
        return text;
    }
}
