package org.recgateway.http;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import org.recgateway.policy.Purpose;
import org.recgateway.recording.PhoneNumbers;
import org.recgateway.recording.RecordingQuery;

/**
 * Turns the query string of {@code GET /api/recordings} into a {@link RecordingQuery}. Every value
 * is checked against what it may be before it reaches the store; a bad one is a value naming the
 * parameter and what is expected, not an exception.
 */
final class QueryParameters {

    static final Pattern ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    static final Pattern NUMBER = PhoneNumbers.NOTATION;
    static final int DEFAULT_LIMIT = 100;
    static final Set<String> NAMES = new TreeSet<>(
            Set.of("uniqueid", "linkedid", "number", "purpose", "from", "to", "limit"));

    private QueryParameters() {
    }

    /** A parsed query, or what was wrong with the parameters. */
    sealed interface Parsed {
        record Valid(RecordingQuery query) implements Parsed {
        }

        record Invalid(String reason) implements Parsed {
        }
    }

    /** Thrown only inside this class to stop at the first bad parameter. */
    private static final class Bad extends Exception {
        Bad(String message) {
            super(message, null, false, false);
        }
    }

    static Parsed parse(Map<String, List<String>> parameters) {
        try {
            for (Map.Entry<String, List<String>> p : parameters.entrySet()) {
                if (!NAMES.contains(p.getKey())) {
                    throw new Bad("unknown parameter '" + printable(p.getKey()) + "'; known parameters: "
                            + String.join(", ", NAMES));
                }
                if (p.getValue().size() > 1) {
                    throw new Bad("parameter '" + p.getKey() + "' is given more than once; give it once");
                }
            }
            Optional<Instant> from = instant(parameters, "from");
            Optional<Instant> to = instant(parameters, "to");
            if (from.isPresent() && to.isPresent() && !from.get().isBefore(to.get())) {
                throw new Bad("'from' must be before 'to' (from is inclusive, to exclusive)");
            }
            return new Parsed.Valid(new RecordingQuery(
                    matching(parameters, "uniqueid", ID, "an Asterisk uniqueid: 1-64 of A-Z a-z 0-9 . _ -"),
                    matching(parameters, "linkedid", ID, "an Asterisk linkedid: 1-64 of A-Z a-z 0-9 . _ -"),
                    matching(parameters, "number", NUMBER,
                            PhoneNumbers.NOTATION_TEXT),
                    purpose(parameters), from, to, limit(parameters)));
        } catch (Bad e) {
            return new Parsed.Invalid(e.getMessage());
        }
    }

    private static Optional<String> value(Map<String, List<String>> parameters, String name) {
        List<String> values = parameters.get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.getFirst());
    }

    private static Optional<String> matching(Map<String, List<String>> parameters, String name, Pattern pattern,
                                             String expected) throws Bad {
        Optional<String> value = value(parameters, name);
        if (value.isPresent() && !pattern.matcher(value.get()).matches()) {
            throw new Bad("parameter '" + name + "' must be " + expected);
        }
        return value;
    }

    private static Optional<Purpose> purpose(Map<String, List<String>> parameters) throws Bad {
        Optional<String> value = value(parameters, "purpose");
        if (value.isEmpty()) {
            return Optional.empty();
        }
        Optional<Purpose> purpose = Purpose.fromId(value.get());
        if (purpose.isEmpty()) {
            throw new Bad("parameter 'purpose' must be one of " + String.join(", ",
                    Arrays.stream(Purpose.values()).map(Purpose::id).toList()));
        }
        return purpose;
    }

    private static Optional<Instant> instant(Map<String, List<String>> parameters, String name) throws Bad {
        Optional<String> value = value(parameters, name);
        try {
            return value.map(Instant::parse);
        } catch (DateTimeParseException e) {
            throw new Bad("parameter '" + name + "' must be an ISO-8601 instant in UTC, like 2025-01-31T09:00:00Z");
        }
    }

    private static int limit(Map<String, List<String>> parameters) throws Bad {
        Optional<String> value = value(parameters, "limit");
        if (value.isEmpty()) {
            return DEFAULT_LIMIT;
        }
        String expected = "parameter 'limit' must be a whole number from 1 to " + RecordingQuery.MAX_LIMIT;
        if (!value.get().matches("[0-9]{1,4}")) {
            throw new Bad(expected);
        }
        int limit = Integer.parseInt(value.get());
        if (limit < 1 || limit > RecordingQuery.MAX_LIMIT) {
            throw new Bad(expected);
        }
        return limit;
    }

    /** A parameter name echoed in an error: capped and stripped of anything but plain characters. */
    static String printable(String untrusted) {
        String plain = untrusted.replaceAll("[^A-Za-z0-9._/-]", "?");
        return plain.length() > 64 ? plain.substring(0, 64) + "..." : plain;
    }
}
