package org.recgateway.logging;

/**
 * Escapes text for a log line: CR, LF and tab as {@code \r \n \t}, NUL as {@code \0}, ESC as
 * {@code \e}, a backslash as {@code \\}, other C0/C1 controls and DEL as {@code \xNN}, and the
 * Unicode bidirectional overrides and line/paragraph separators as {@code \\uNNNN}: what remains is
 * printable and on one line.
 */
public final class LogText {
    private LogText() {
    }

    /** The escaped text; null stays null. */
    public static String escape(String s) {
        if (s == null) {
            return null;
        }
        StringBuilder out = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            String replacement = replacement(c);
            if (replacement != null && out == null) {
                out = new StringBuilder(s.length() + 16).append(s, 0, i);
            }
            if (out != null) {
                if (replacement != null) {
                    out.append(replacement);
                } else {
                    out.append(c);
                }
            }
        }
        return out == null ? s : out.toString();
    }

    private static String replacement(char c) {
        return switch (c) {
            case '\r' -> "\\r";
            case '\n' -> "\\n";
            case '\t' -> "\\t";
            case '\0' -> "\\0";
            case 0x1b -> "\\e";
            case '\\' -> "\\\\";
            default -> {
                if (c < 0x20 || (c >= 0x7f && c <= 0x9f)) {
                    yield String.format("\\x%02x", (int) c);
                }
                if ((c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069) || c == 0x2028 || c == 0x2029
                        || c == 0x200e || c == 0x200f || c == 0x061c) {
                    yield String.format("\\u%04x", (int) c);
                }
                yield null;
            }
        };
    }
}
