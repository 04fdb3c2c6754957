package org.recgateway.http;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.recgateway.audit.Actors;
import org.recgateway.audit.AuditAction;
import org.recgateway.audit.AuditTrail;
import org.recgateway.recording.Recording;
import org.recgateway.recording.RecordingQuery;
import org.recgateway.recording.RecordingStore;
import org.recgateway.recording.RecordingView;

/**
 * The API's routes, free of Netty: method, URI and Authorization header in, {@link ApiResponse} out.
 * Blocking (it queries the store), so the handler runs it off the event loop. Every answer that
 * shows recording metadata is audited first: if the audit trail cannot be written, nothing is shown.
 */
final class RecordingApi {

    private static final String RECORDINGS = "/api/recordings";

    private final Authenticator authenticator;
    private final RecordingStore store;
    private final AuditTrail audit;
    private final AuditApi auditApi;

    RecordingApi(Authenticator authenticator, RecordingStore store, AuditTrail audit) {
        this.authenticator = authenticator;
        this.store = store;
        this.audit = audit;
        this.auditApi = new AuditApi(audit);
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
        boolean auditing = AuditApi.serves(path);
        if (!list && !one && !auditing) {
            return ApiResponse.error(404, "no such endpoint; try GET " + RECORDINGS + ", GET " + AuditApi.EVENTS
                    + " or GET /health");
        }
        Authenticator.Result auth = authenticator.authenticate(authorization);
        if (!(auth instanceof Authenticator.Result.Authenticated(ApiToken token))) {
            return ApiResponse.unauthorized(((Authenticator.Result.Rejected) auth).reason());
        }
        if (!method.equals("GET")) {
            return ApiResponse.methodNotAllowed(method);
        }
        Optional<String> denial = auditing ? RecordingAccess.denialOfAudit(token)
                : RecordingAccess.denialOfMetadata(token);
        if (denial.isPresent()) {
            return ApiResponse.error(403, denial.get());
        }
        if (auditing) {
            return auditApi.handle(path, parameters, Actors.token(token.name()));
        }
        String actor = Actors.token(token.name());
        return list ? find(parameters, actor) : byId(path.substring(RECORDINGS.length() + 1), parameters, actor);
    }

    private ApiResponse byId(String id, Map<String, List<String>> parameters, String actor) {
        if (!parameters.isEmpty()) {
            return ApiResponse.error(400, "GET " + RECORDINGS + "/{id} takes no query parameters");
        }
        if (!QueryParameters.ID.matcher(id).matches()) {
            return ApiResponse.error(400, "the recording id must be 1-64 of A-Z a-z 0-9 . _ -");
        }
        Optional<Recording> recording = store.byId(id);
        if (recording.isEmpty()) {
            return ApiResponse.error(404, "no recording with id " + id);
        }
        audit.append(actor, AuditAction.RECORDING_READ, id, Map.of("via", "http"));
        return ApiResponse.ok(RecordingView.of(recording.get()));
    }

    private ApiResponse find(Map<String, List<String>> parameters, String actor) {
        return switch (QueryParameters.parse(parameters)) {
            case QueryParameters.Parsed.Invalid(String reason) -> ApiResponse.error(400, reason);
            case QueryParameters.Parsed.Valid(var query) -> {
                List<Map<String, Object>> views = store.find(query).stream().map(RecordingView::of).toList();
                audit.append(actor, AuditAction.RECORDING_LISTED, null, details(query, views.size()));
                yield ApiResponse.ok(Map.of("recordings", views));
            }
        };
    }

    /** The search as audit details: each criterion given, the limit, and how many recordings were shown. */
    static Map<String, String> details(RecordingQuery query, int count) {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("via", "http");
        query.uniqueId().ifPresent(v -> details.put("uniqueid", v));
        query.linkedId().ifPresent(v -> details.put("linkedid", v));
        query.number().ifPresent(v -> details.put("number", v));
        query.purpose().ifPresent(v -> details.put("purpose", v.id()));
        query.from().ifPresent(v -> details.put("from", v.toString()));
        query.to().ifPresent(v -> details.put("to", v.toString()));
        details.put("limit", Integer.toString(query.limit()));
        details.put("count", Integer.toString(count));
        return details;
    }
}
