package org.recgateway.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Asterisk's own console log of an end-to-end run ({@code asterisk.log} in the rig's output directory), read as
 * evidence independent of the gateway: which file Asterisk played on which channel, when a channel joined a bridge,
 * when MixMonitor began on it, in the order Asterisk wrote them. Colour codes are removed.
 */
public final class AsteriskLog {
    private static final Pattern COLOUR = Pattern.compile("\u001b\\[[0-9;]*m");
    private final List<String> lines;

    private AsteriskLog(List<String> lines) {
        this.lines = lines;
    }

    /** The log as it is now. */
    public static AsteriskLog of(GatewayRig rig) throws IOException {
        return new AsteriskLog(Files.readAllLines(rig.out().resolve("asterisk.log"), StandardCharsets.UTF_8).stream()
                .map(l -> COLOUR.matcher(l).replaceAll("")).toList());
    }

    /** The line number (0-based) where Asterisk began playing a file whose name starts with {@code file} on {@code channel}; -1 if never. */
    public int playing(String channel, String file) {
        return first("<" + channel + "> Playing '" + file);
    }

    /** The line number where {@code channel} joined a bridge; -1 if never. */
    public int joinedBridge(String channel) {
        return first("Channel " + channel + " joined ");
    }

    /** The line number where MixMonitor began recording {@code channel}; -1 if never. */
    public int mixMonitorBegan(String channel) {
        return first("Begin MixMonitor Recording " + channel);
    }

    /** The line number where the MixMonitor on {@code channel} ended (stopped, or its channel hung up); -1 if never. */
    public int mixMonitorEnded(String channel) {
        return first("End MixMonitor Recording " + channel);
    }

    /** The first line number holding {@code text} (e.g. a NoOp's or Log's expanded text); -1 if none. */
    public int line(String text) {
        return first(text);
    }

    /** The first line holding {@code text}, or empty. */
    public String lineWith(String text) {
        int i = first(text);
        return i < 0 ? "" : lines.get(i);
    }

    /** The first line holding every one of {@code texts}, or empty. */
    public String lineWithAll(String... texts) {
        for (String l : lines) {
            if (java.util.Arrays.stream(texts).allMatch(l::contains)) {
                return l;
            }
        }
        return "";
    }

    private int first(String text) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(text)) {
                return i;
            }
        }
        return -1;
    }
}
