package org.recgateway.http;

import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A JSON object body read field by field: each reader checks its field and notes what is wrong, so
 * that one 400 names every bad field at once ({@link #problems()}). Unknown fields are problems too.
 */
final class JsonBody {
    static final int MAX_BYTES = 16 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();

    static {
        JSON.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(8).maxStringLength(4096).maxNumberLength(32).build());
    }

    private final JsonNode node;
    private final List<Map<String, String>> problems = new ArrayList<>();

    private JsonBody(JsonNode node) {
        this.node = node;
    }

    /** The body as an object, or the one problem that stops it from being read at all. */
    static JsonBody parse(byte[] body, Set<String> known) {
        JsonBody parsed;
        if (body.length > MAX_BYTES) {
            parsed = new JsonBody(JSON.createObjectNode());
            parsed.problem("(body)", "at most " + MAX_BYTES + " bytes, got " + body.length);
            return parsed;
        }
        try {
            JsonNode node = body.length == 0 ? JSON.createObjectNode() : JSON.readTree(body);
            if (node == null || !node.isObject()) {
                parsed = new JsonBody(JSON.createObjectNode());
                parsed.problem("(body)", "must be a JSON object, like {\"name\": \"value\"}");
                return parsed;
            }
            parsed = new JsonBody(node);
        } catch (IOException e) {
            parsed = new JsonBody(JSON.createObjectNode());
            parsed.problem("(body)", "is not valid JSON (send Content-Type: application/json with an object)");
            return parsed;
        }
        for (Iterator<String> names = parsed.node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!known.contains(name)) {
                parsed.problem(QueryParameters.printable(name), "unknown field; known fields: "
                        + String.join(", ", known.stream().sorted().toList()));
            }
        }
        return parsed;
    }

    List<Map<String, String>> problems() {
        return List.copyOf(problems);
    }

    boolean has(String field) {
        return node.hasNonNull(field);
    }

    void problem(String field, String problem) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("field", field);
        p.put("problem", problem);
        problems.add(p);
    }

    /** A string matching {@code pattern}; {@code expected} says what it must be. */
    Optional<String> text(String field, boolean required, Pattern pattern, String expected) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            if (required) {
                problem(field, "required: " + expected);
            }
            return Optional.empty();
        }
        if (!v.isTextual() || !pattern.matcher(v.asText()).matches()) {
            problem(field, "must be " + expected);
            return Optional.empty();
        }
        return Optional.of(v.asText());
    }

    /** A whole number from {@code min} to {@code max}, or {@code fallback} when absent. */
    int integer(String field, int fallback, int min, int max) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return fallback;
        }
        if (!v.isIntegralNumber() || !v.canConvertToInt() || v.asInt() < min || v.asInt() > max) {
            problem(field, "must be a whole number from " + min + " to " + max);
            return fallback;
        }
        return v.asInt();
    }

    /** A true/false field; {@code fallback} when absent; a problem when it is not a JSON boolean. */
    boolean bool(String field, boolean fallback) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return fallback;
        }
        if (!value.isBoolean()) {
            problem(field, "must be true or false");
            return fallback;
        }
        return value.asBoolean();
    }

    /** An ISO-8601 instant, or {@code fallback} when absent and not required. */
    Optional<Instant> instant(String field, boolean required, Instant fallback) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            if (required) {
                problem(field, "required: an ISO-8601 instant in UTC, like 2025-01-31T09:00:00Z");
            }
            return Optional.ofNullable(fallback);
        }
        try {
            if (v.isTextual()) {
                return Optional.of(Instant.parse(v.asText()));
            }
        } catch (DateTimeParseException ignored) {
            // reported below
        }
        problem(field, "must be an ISO-8601 instant in UTC, like 2025-01-31T09:00:00Z");
        return Optional.empty();
    }
}
