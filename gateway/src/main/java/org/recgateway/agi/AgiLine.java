package org.recgateway.agi;

import org.asteriskjava.fastagi.command.AbstractAgiCommand;

/**
 * One FastAGI command line for the few commands the gateway sends on every call, built once with a
 * plain character loop. asterisk-java's own command classes quote each argument with three
 * {@code String.replaceAll} calls (a regular expression compiled per argument) and a
 * {@code String.format}, which was about a third of the gateway's allocation per call (BENCHMARKS.md,
 * "A leaner FastAGI path"); the line on the wire is the same: every argument in double quotes,
 * backslash and double quote escaped with a backslash (res_agi's argument parser undoes exactly
 * these). Control characters (below U+0020, and DEL) are dropped, so no argument can end the line or
 * start another command; asterisk-java drops only line feeds.
 */
final class AgiLine extends AbstractAgiCommand {
    private static final long serialVersionUID = 1L;

    private final String line;

    private AgiLine(String line) {
        this.line = line;
    }

    /** {@code STREAM FILE "<file>" "<escapeDigits>"}: plays a prompt; keys in {@code escapeDigits} stop it. */
    static AgiLine streamFile(String file, String escapeDigits) {
        StringBuilder b = new StringBuilder(32 + file.length()).append("STREAM FILE ");
        quote(b, file).append(' ');
        return new AgiLine(quote(b, escapeDigits).toString());
    }

    /** {@code WAIT FOR DIGIT <milliseconds>}. */
    static AgiLine waitForDigit(long timeoutMillis) {
        return new AgiLine("WAIT FOR DIGIT " + timeoutMillis);
    }

    /** {@code GET VARIABLE "<name>"}. */
    static AgiLine getVariable(String name) {
        return new AgiLine(quote(new StringBuilder(16 + name.length()).append("GET VARIABLE "), name).toString());
    }

    /** {@code SET VARIABLE "<name>" "<value>"}. */
    static AgiLine setVariable(String name, String value) {
        StringBuilder b = new StringBuilder(20 + name.length() + (value == null ? 0 : value.length())).append("SET VARIABLE ");
        quote(b, name).append(' ');
        return new AgiLine(quote(b, value).toString());
    }

    /** {@code EXEC "<application>" "<options>"}. */
    static AgiLine exec(String application, String options) {
        StringBuilder b = new StringBuilder(12 + application.length() + options.length()).append("EXEC ");
        quote(b, application).append(' ');
        return new AgiLine(quote(b, options).toString());
    }

    /** Appends {@code value} in double quotes, backslash and quote escaped, control characters dropped; null is {@code ""}. */
    static StringBuilder quote(StringBuilder b, String value) {
        b.append('"');
        if (value != null) {
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                if (c == '\\' || c == '"') {
                    b.append('\\').append(c);
                } else if (c >= 0x20 && c != 0x7f) {
                    b.append(c);
                }
            }
        }
        return b.append('"');
    }

    @Override
    public String buildCommand() {
        return line;
    }

    @Override
    public String toString() {
        return line;
    }
}
