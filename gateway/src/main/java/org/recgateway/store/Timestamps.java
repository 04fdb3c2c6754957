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

    /**
     * The instant {@code text} names: the fixed-width form {@link #format} writes is read field by field (a store read
     * parses several per row; {@code Instant.parse} was 4 % of the gateway's CPU samples in a filing load, issue 13),
     * any other ISO-8601 instant by {@code Instant.parse}.
     *
     * @throws java.time.format.DateTimeParseException when the text is no ISO-8601 instant
     */
    static Instant parse(String text) {
        if (text == null) {
            return null;
        }
        if (text.length() == FIXED_LENGTH && text.charAt(4) == '-' && text.charAt(7) == '-' && text.charAt(10) == 'T'
                && text.charAt(13) == ':' && text.charAt(16) == ':' && text.charAt(19) == '.' && text.charAt(29) == 'Z') {
            int year = digits(text, 0, 4);
            int month = digits(text, 5, 2);
            int day = digits(text, 8, 2);
            int hour = digits(text, 11, 2);
            int minute = digits(text, 14, 2);
            int second = digits(text, 17, 2);
            int nanos = digits(text, 20, 9);
            if (year >= 0 && month >= 1 && month <= 12 && day >= 1 && day <= 31 && hour >= 0 && hour <= 23
                    && minute >= 0 && minute <= 59 && second >= 0 && second <= 59 && nanos >= 0) {
                try {
                    long epochDay = java.time.LocalDate.of(year, month, day).toEpochDay();
                    return Instant.ofEpochSecond(epochDay * 86_400 + hour * 3_600L + minute * 60L + second, nanos);
                } catch (java.time.DateTimeException e) {
                    // e.g. 31 February: Instant.parse below says what is wrong
                }
            }
        }
        return Instant.parse(text);
    }

    /** Length of {@code 2025-01-31T09:00:00.000000000Z}. */
    private static final int FIXED_LENGTH = 30;

    /** The decimal number of {@code count} digits at {@code from}, or -1 when one is no ASCII digit. */
    private static int digits(String text, int from, int count) {
        int value = 0;
        for (int i = from; i < from + count; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }
}
