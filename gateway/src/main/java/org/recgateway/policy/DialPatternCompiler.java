package org.recgateway.policy;

import java.util.BitSet;

/** Translates the body of a {@code _} dial pattern into a regular expression in which every literal is quoted. */
final class DialPatternCompiler {

    private DialPatternCompiler() {
    }

    /** The regular expression for {@code body} (the pattern without its leading {@code _}). */
    static String compile(String body) {
        for (int k = 0; k < body.length(); k++) {
            char c = body.charAt(k);
            if (c < 0x21 || c > 0x7e) {
                throw new IllegalArgumentException("position " + (k + 2)
                        + " holds a space, a control or a non-ASCII character; '_' patterns take printable ASCII only");
            }
        }
        StringBuilder regex = new StringBuilder();
        int i = 0;
        while (i < body.length()) {
            char c = body.charAt(i);
            int position = i + 2; // 1-based position in the pattern as written, counting the '_'
            switch (c) {
                case 'X', 'x' -> regex.append("[0-9]");
                case 'Z', 'z' -> regex.append("[1-9]");
                case 'N', 'n' -> regex.append("[2-9]");
                case '.', '!' -> {
                    if (i != body.length() - 1) {
                        throw new IllegalArgumentException("'" + c + "' at position " + position
                                + " matches the rest of the number, so it must be the last character");
                    }
                    regex.append(c == '.' ? ".+" : ".*");
                }
                case '[' -> {
                    int close = body.indexOf(']', i + 1);
                    if (close < 0) {
                        throw new IllegalArgumentException("'[' at position " + position + " is never closed with ']'");
                    }
                    regex.append(characterClass(body.substring(i + 1, close), position));
                    i = close;
                }
                case ']' -> throw new IllegalArgumentException("']' at position " + position + " has no opening '['");
                case '-' -> {
                    // Asterisk ignores dashes in patterns, so _020-123XXXX reads like _020123XXXX.
                }
                default -> regex.append(quote(c));
            }
            i++;
        }
        if (regex.isEmpty()) {
            throw new IllegalArgumentException("the pattern matches nothing but dashes");
        }
        return regex.toString();
    }

    /** A set such as {@code 1-5,7}: single characters and ascending ranges, commas separate. */
    private static String characterClass(String set, int position) {
        BitSet chars = new BitSet();
        int i = 0;
        while (i < set.length()) {
            char c = set.charAt(i);
            if (c == ',') {
                i++;
                continue;
            }
            if (c == '-') {
                throw new IllegalArgumentException("the set at position " + position + " has a range without a start: ["
                        + set + "]");
            }
            if (i + 1 < set.length() && set.charAt(i + 1) == '-') {
                if (i + 2 >= set.length() || set.charAt(i + 2) == ',') {
                    throw new IllegalArgumentException("the set at position " + position
                            + " has a range without an end: [" + set + "]");
                }
                char end = set.charAt(i + 2);
                if (end < c) {
                    throw new IllegalArgumentException("the set at position " + position + " has a descending range "
                            + c + "-" + end + "; write it as " + end + "-" + c);
                }
                chars.set(c, end + 1);
                i += 3;
            } else {
                chars.set(c);
                i++;
            }
        }
        if (chars.isEmpty()) {
            throw new IllegalArgumentException("the set at position " + position + " is empty");
        }
        StringBuilder out = new StringBuilder("[");
        chars.stream().forEach(ch -> out.append(quote((char) ch)));
        return out.append(']').toString();
    }

    /** One character as a regex escape that is literal inside and outside a character class. */
    private static String quote(char c) {
        return String.format("\\x{%x}", (int) c);
    }
}
