package org.recgateway.http;

import java.io.IOException;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An API answer before it becomes HTTP: status, a JSON-ready body and extra headers.
 *
 * @param status  HTTP status code
 * @param body    serialised as JSON (maps, lists, strings, numbers, booleans, null), unless it is a
 *                {@link Raw} (sent as it is) or a {@link Streamed} (written in chunks as it is produced)
 * @param headers headers beyond the standard ones the handler always sets
 */
record ApiResponse(int status, Object body, Map<String, String> headers) {

    static final String AUTH_HINT = "send Authorization: Bearer <token>";

    ApiResponse {
        headers = Map.copyOf(headers);
    }

    static ApiResponse ok(Object body) {
        return new ApiResponse(200, body, Map.of());
    }

    static ApiResponse error(int status, String message) {
        return new ApiResponse(status, Map.of("error", message), Map.of());
    }

    static ApiResponse unauthorized(String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", message);
        body.put("hint", AUTH_HINT);
        return new ApiResponse(401, body, Map.of("WWW-Authenticate", "Bearer"));
    }

    static ApiResponse methodNotAllowed(String method, String allowed) {
        return new ApiResponse(405, Map.of("error", "method " + QueryParameters.printable(method)
                + " is not allowed here; use " + allowed), Map.of("Allow", allowed));
    }

    /** A 400 naming every bad field of a JSON body at once. */
    static ApiResponse badFields(List<Map<String, String>> problems) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", "the request body has " + problems.size() + (problems.size() == 1 ? " problem" : " problems")
                + ": " + String.join("; ", problems.stream().map(p -> p.get("field") + ": " + p.get("problem")).toList()));
        body.put("problems", problems);
        return new ApiResponse(400, body, Map.of());
    }

    /** A body sent as it is, e.g. a page of the listening page. */
    record Raw(String contentType, byte[] bytes) {
    }

    /** A body written while it is produced (audio); the status and headers are sent first. */
    record Streamed(String contentType, Writer writer) {
        /** Writes the body; an exception after the first byte aborts the connection. */
        interface Writer {
            void writeTo(OutputStream out) throws IOException;
        }
    }
}
