package org.recgateway.http;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.recgateway.recording.RecordingStore;
import org.recgateway.recording.RecordingView;

/**
 * The API's routes, free of Netty: method, URI and Authorization header in, {@link ApiResponse} out.
 * Blocking (it queries the store), so the handler runs it off the event loop.
 */
final class RecordingApi {

    private static final String RECORDINGS = "/api/recordings";

    private final Authenticator authenticator;
    private final RecordingStore store;

    RecordingApi(Authenticator authenticator, RecordingStore store) {
        this.authenticator = authenticator;
        this.store = store;
    }

    /**
     * Answers one request.
     *
     * @param path          the raw (not percent-decoded) path
     * @param parameters    the decoded query parameters
     * @param authorization the Authorization header, or null
     */
    ApiResponse handle(String method, String path, Map<String, List<String>> parameters, String authorization) {
        if (path.equals("/health")) {
            return method.equals("GET") ? ApiResponse.ok(Map.of("status", "ok")) : ApiResponse.methodNotAllowed(method);
        }
        boolean list = path.equals(RECORDINGS);
        boolean one = path.startsWith(RECORDINGS + "/") && path.indexOf('/', RECORDINGS.length() + 1) < 0;
        if (!list && !one) {
            return ApiResponse.error(404, "no such endpoint; try GET " + RECORDINGS + " or GET /health");
        }
        Authenticator.Result auth = authenticator.authenticate(authorization);
        if (!(auth instanceof Authenticator.Result.Authenticated(ApiToken token))) {
            return ApiResponse.unauthorized(((Authenticator.Result.Rejected) auth).reason());
        }
        if (!method.equals("GET")) {
            return ApiResponse.methodNotAllowed(method);
        }
        Optional<String> denial = RecordingAccess.denialOfMetadata(token);
        if (denial.isPresent()) {
            return ApiResponse.error(403, denial.get());
        }
        return list ? find(parameters) : byId(path.substring(RECORDINGS.length() + 1), parameters);
    }

    private ApiResponse byId(String id, Map<String, List<String>> parameters) {
        if (!parameters.isEmpty()) {
            return ApiResponse.error(400, "GET " + RECORDINGS + "/{id} takes no query parameters");
        }
        if (!QueryParameters.ID.matcher(id).matches()) {
            return ApiResponse.error(400, "the recording id must be 1-64 of A-Z a-z 0-9 . _ -");
        }
        return store.byId(id)
                .map(r -> ApiResponse.ok(RecordingView.of(r)))
                .orElseGet(() -> ApiResponse.error(404, "no recording with id " + id));
    }

    private ApiResponse find(Map<String, List<String>> parameters) {
        return switch (QueryParameters.parse(parameters)) {
            case QueryParameters.Parsed.Invalid(String reason) -> ApiResponse.error(400, reason);
            case QueryParameters.Parsed.Valid(var query) -> {
                List<Map<String, Object>> views = store.find(query).stream().map(RecordingView::of).toList();
                yield ApiResponse.ok(Map.of("recordings", views));
            }
        };
    }
}
