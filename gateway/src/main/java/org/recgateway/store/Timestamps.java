package org.recgateway.store;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Instants as fixed-width ISO-8601 UTC text with nanoseconds ({@code 2025-01-31T09:00:00.000000000Z}):
 * readable in the sqlite3 shell, lossless, and ordered the same as text and as time.
 */
final class Timestamps {

    private static final DateTimeFormatter FORMAT =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSSSS'Z'").withZone(ZoneOffset.UTC);

    private Timestamps() {
    }

    static String format(Instant instant) {
        return instant == null ? null : FORMAT.format(instant);
    }

    static Instant parse(String text) {
        return text == null ? null : Instant.parse(text);
    }
}
