package org.recgateway.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Stop-the-world pauses from a server's unified GC log ({@code -Xlog:gc,gc+phases:file=...}): every
 * line that names a pause ({@code Pause Young}, {@code Pause Full}, ZGC's {@code Pause Mark Start} ...)
 * and ends with its duration in milliseconds.
 */
final class GcLog {
    private static final Pattern PAUSE = Pattern.compile("Pause.* ([0-9]+(?:\\.[0-9]+)?)ms\\s*$");

    private GcLog() {
    }

    /** Lines in the log now (0 when it does not exist yet). */
    static int lines(Path log) throws IOException {
        return Files.exists(log) ? Files.readAllLines(log).size() : 0;
    }

    /** Pause durations in ms from line {@code from} on. */
    static List<Double> pausesMillis(Path log, int from) throws IOException {
        List<Double> pauses = new ArrayList<>();
        if (!Files.exists(log)) {
            return pauses;
        }
        List<String> lines = Files.readAllLines(log);
        for (String line : lines.subList(Math.min(from, lines.size()), lines.size())) {
            Matcher m = PAUSE.matcher(line);
            if (m.find()) {
                pauses.add(Double.parseDouble(m.group(1)));
            }
        }
        return pauses;
    }
}
