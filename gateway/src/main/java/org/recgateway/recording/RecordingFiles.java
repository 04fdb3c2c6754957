package org.recgateway.recording;

import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Names recording files. A name is made only from the gateway's own recording id and the UTC date,
 * never from caller input: {@code <dir>/yyyy/MM/dd/<id>.<format>}.
 *
 * @param asteriskDirectory where Asterisk writes, as Asterisk sees it
 * @param localDirectory    the same directory as the gateway sees it
 * @param format            MixMonitor's file format extension, e.g. {@code wav}
 */
public record RecordingFiles(String asteriskDirectory, Path localDirectory, String format) {
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy/MM/dd").withZone(ZoneOffset.UTC);
    private static final Pattern ID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    public RecordingFiles {
        if (!Pattern.matches("[a-z0-9]{1,8}", format)) {
            throw new IllegalArgumentException("recording format must be a short lowercase extension like wav, was '" + format + "'");
        }
        asteriskDirectory = asteriskDirectory.endsWith("/") ? asteriskDirectory.substring(0, asteriskDirectory.length() - 1) : asteriskDirectory;
    }

    /** A new recording id: a random UUID, so ids reveal nothing and cannot collide across gateways. */
    public static String newId() {
        return UUID.randomUUID().toString();
    }

    /** The file name relative to either directory. */
    public String relative(String id, Instant started) {
        if (!ID.matcher(id).matches()) {
            throw new IllegalArgumentException("not a recording id: " + id);
        }
        return DAY.format(started) + "/" + id + "." + format;
    }

    /** The path handed to MixMonitor. */
    public String asteriskPath(String id, Instant started) {
        return asteriskDirectory + "/" + relative(id, started);
    }

    /** The same file as the gateway reads it. */
    public Path localPath(String id, Instant started) {
        return localDirectory.resolve(relative(id, started));
    }
}
