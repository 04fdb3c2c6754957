package org.recgateway.cli;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import org.recgateway.policy.Purpose;
import org.recgateway.recording.PhoneNumbers;
import org.recgateway.recording.RecordingQuery;

/**
 * The parsed options of {@code gateway recordings}: either one id, or a search. Values are checked
 * with the same rules as the HTTP API's query parameters; a bad option is a value, not an exception.
 *
 * @param id    the recording id of {@code --id}, or empty for a search
 * @param query the search (ignored when {@code id} is present)
 */
record RecordingsOptions(Optional<String> id, RecordingQuery query) {

    static final Pattern ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    static final Pattern NUMBER = PhoneNumbers.NOTATION;
    static final int DEFAULT_LIMIT = 100;
    private static final Set<String> OPTIONS =
            Set.of("--id", "--uniqueid", "--linkedid", "--number", "--purpose", "--from", "--to", "--limit");

    /** Parsed options, a request for help, or what was wrong. */
    sealed interface Parsed {
        record Valid(RecordingsOptions options) implements Parsed {
        }

        record Help() implements Parsed {
        }

        record Invalid(String reason) implements Parsed {
        }
    }

    /** Stops parsing at the first bad option; never leaves this class. */
    private static final class Bad extends Exception {
        Bad(String message) {
            super(message, null, false, false);
        }
    }

    static Parsed parse(List<String> args) {
        try {
            Map<String, String> given = collect(args);
            if (given == null) {
                return new Parsed.Help();
            }
            Optional<String> id = matching(given, "--id", ID, "a recording id: 1-64 of A-Z a-z 0-9 . _ -");
            if (id.isPresent() && given.size() > 1) {
                throw new Bad("option --id cannot be combined with search options");
            }
            Optional<Instant> from = instant(given, "--from");
            Optional<Instant> to = instant(given, "--to");
            if (from.isPresent() && to.isPresent() && !from.get().isBefore(to.get())) {
                throw new Bad("option --from must be before --to (--from is inclusive, --to exclusive)");
            }
            RecordingQuery query = new RecordingQuery(
                    matching(given, "--uniqueid", ID, "an Asterisk uniqueid: 1-64 of A-Z a-z 0-9 . _ -"),
                    matching(given, "--linkedid", ID, "an Asterisk linkedid: 1-64 of A-Z a-z 0-9 . _ -"),
                    matching(given, "--number", NUMBER, PhoneNumbers.NOTATION_TEXT),
                    purpose(given), from, to, limit(given));
            return new Parsed.Valid(new RecordingsOptions(id, query));
        } catch (Bad e) {
            return new Parsed.Invalid(e.getMessage());
        }
    }

    /** Option to value, accepting {@code --name value} and {@code --name=value}; null when help is asked. */
    private static Map<String, String> collect(List<String> args) throws Bad {
        Map<String, String> given = new LinkedHashMap<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.equals("--help") || arg.equals("-h")) {
                return null;
            }
            int equals = arg.indexOf('=');
            String name = equals < 0 ? arg : arg.substring(0, equals);
            if (!OPTIONS.contains(name)) {
                throw new Bad(arg.startsWith("-") ? "unknown option " + printable(name)
                        : "unexpected argument " + printable(arg) + "; every value follows its option");
            }
            String value;
            if (equals >= 0) {
                value = arg.substring(equals + 1);
            } else if (i + 1 < args.size()) {
                value = args.get(++i);
            } else {
                throw new Bad("option " + name + " needs a value");
            }
            if (given.putIfAbsent(name, value) != null) {
                throw new Bad("option " + name + " is given more than once; give it once");
            }
        }
        return given;
    }

    private static Optional<String> matching(Map<String, String> given, String name, Pattern pattern, String expected)
            throws Bad {
        Optional<String> value = Optional.ofNullable(given.get(name));
        if (value.isPresent() && !pattern.matcher(value.get()).matches()) {
            throw new Bad("option " + name + " must be " + expected);
        }
        return value;
    }

    private static Optional<Purpose> purpose(Map<String, String> given) throws Bad {
        String value = given.get("--purpose");
        if (value == null) {
            return Optional.empty();
        }
        return Optional.of(Purpose.fromId(value).orElseThrow(() -> new Bad("option --purpose must be one of "
                + String.join(", ", Arrays.stream(Purpose.values()).map(Purpose::id).toList()))));
    }

    private static Optional<Instant> instant(Map<String, String> given, String name) throws Bad {
        try {
            return Optional.ofNullable(given.get(name)).map(Instant::parse);
        } catch (DateTimeParseException e) {
            throw new Bad("option " + name + " must be an ISO-8601 instant in UTC, like 2025-01-31T09:00:00Z");
        }
    }

    private static int limit(Map<String, String> given) throws Bad {
        String value = given.get("--limit");
        if (value == null) {
            return DEFAULT_LIMIT;
        }
        String expected = "option --limit must be a whole number from 1 to " + RecordingQuery.MAX_LIMIT;
        if (!value.matches("[0-9]{1,4}")) {
            throw new Bad(expected);
        }
        int limit = Integer.parseInt(value);
        if (limit < 1 || limit > RecordingQuery.MAX_LIMIT) {
            throw new Bad(expected);
        }
        return limit;
    }

    private static String printable(String untrusted) {
        String plain = untrusted.replaceAll("[^A-Za-z0-9._/=-]", "?");
        return "'" + (plain.length() > 64 ? plain.substring(0, 64) + "..." : plain) + "'";
    }
}
