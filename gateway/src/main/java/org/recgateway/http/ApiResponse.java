package org.recgateway.http;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An API answer before it becomes HTTP: status, a JSON-ready body and extra headers.
 *
 * @param status  HTTP status code
 * @param body    serialised as JSON (maps, lists, strings, numbers, booleans, null)
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

    static ApiResponse methodNotAllowed(String method) {
        return new ApiResponse(405, Map.of("error", "method " + QueryParameters.printable(method)
                + " is not allowed here; use GET"), Map.of("Allow", "GET"));
    }
}
