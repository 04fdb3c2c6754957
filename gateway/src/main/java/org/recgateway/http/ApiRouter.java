package org.recgateway.http;

import java.util.Map;
import java.util.Optional;

import org.recgateway.audit.Actors;
import org.recgateway.audit.AuditAction;

/**
 * The API's routes, free of Netty: {@link ApiRequest} in, {@link ApiResponse} out. Order of checks:
 * unknown path (404), authentication (401), method (405), role (403), then the endpoint itself, which
 * checks its input (400) and what the token reaches by purpose (403). Blocking, so the handler runs
 * it off the event loop.
 */
final class ApiRouter {

    private final Authenticator authenticator;
    private final RecordingApi recordings;
    private final AuditApi audit;
    private final TicketApi tickets;
    private final ListeningApi listening;
    private final DiagnosticsApi diagnostics;
    private final PrivacyApi privacy;
    private final StaticPages pages = new StaticPages();
    private final java.util.function.Supplier<Map<String, Object>> metrics;
    private final org.recgateway.audit.AuditTrail trail;

    private final Operations operations;

    ApiRouter(Authenticator authenticator, ApiServices services) {
        this(authenticator, services, null);
    }

    ApiRouter(Authenticator authenticator, ApiServices services, Operations operations) {
        this.operations = operations;
        this.authenticator = authenticator;
        this.recordings = new RecordingApi(services);
        this.audit = new AuditApi(services.audit());
        this.trail = services.audit();
        this.tickets = new TicketApi(services);
        this.listening = new ListeningApi(services);
        this.diagnostics = new DiagnosticsApi(services);
        this.privacy = new PrivacyApi(services.privacy());
        this.metrics = services.metrics();
    }

    /** Unauthenticated: liveness, readiness with its reasons, and the Prometheus scrape. */
    private ApiResponse operations(String path) {
        if (path.equals("/health/live")) {
            return ApiResponse.ok(Map.of("status", "live"));
        }
        if (operations == null) {
            return unavailable(path.substring(1));
        }
        if (path.equals("/metrics")) {
            return ApiResponse.ok(new ApiResponse.Raw("text/plain; version=0.0.4; charset=utf-8",
                    operations.prometheus().getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        }
        java.util.List<String> problems = operations.notReady();
        if (problems.isEmpty()) {
            return ApiResponse.ok(Map.of("status", "ready"));
        }
        return new ApiResponse(503, Map.of("status", "not-ready", "reasons", problems), Map.of());
    }

    ApiResponse handle(ApiRequest request) {
        String path = request.path();
        if (path.equals("/health/live") || path.equals("/health/ready") || path.equals("/metrics")) {
            return request.method().equals("GET") ? operations(path) : ApiResponse.methodNotAllowed(request.method(), "GET");
        }
        if (path.equals("/health")) {
            return request.method().equals("GET") ? ApiResponse.ok(Map.of("status", "ok"))
                    : ApiResponse.methodNotAllowed(request.method(), "GET");
        }
        if (StaticPages.serves(path)) {
            return request.method().equals("GET") ? pages.get(path) : ApiResponse.methodNotAllowed(request.method(), "GET");
        }
        if (!Endpoint.known(path)) {
            return ApiResponse.error(404, "no such endpoint; the README lists them (e.g. GET /api/recordings, "
                    + "GET /api/tickets, GET /api/listening/samples, GET /health, the listening page at /listen/)");
        }
        Authenticator.Result auth = authenticator.authenticate(request.authorization());
        Optional<Endpoint> endpoint = Endpoint.of(request.method(), path);
        if (!(auth instanceof Authenticator.Result.Authenticated(ApiToken token))) {
            String reason = ((Authenticator.Result.Rejected) auth).reason();
            if (request.authorization() != null && !request.authorization().isBlank()) {
                // A token was presented and refused; requests without one are not written to the trail.
                denied("unauthenticated", endpoint, request.method(), path, 401, reason);
            }
            return ApiResponse.unauthorized(reason);
        }
        if (endpoint.isEmpty()) {
            return ApiResponse.methodNotAllowed(request.method(), Endpoint.allowed(path));
        }
        Optional<String> denial = Access.denialOf(token, endpoint.get());
        if (denial.isPresent()) {
            denied(Actors.token(token.name()), endpoint, request.method(), path, 403, denial.get());
            return ApiResponse.error(403, denial.get());
        }
        ApiResponse response = route(request, token, endpoint.get(), path);
        if (response.status() == 403 && endpoint.get() != Endpoint.PLAY_SAMPLE
                && response.body() instanceof Map<?, ?> body && body.get("error") instanceof String reason) {
            denied(Actors.token(token.name()), endpoint, request.method(), path, 403, reason);  // a play refusal is audited by the desk
        }
        return response;
    }

    /** Audits a refused request: who, which endpoint (its template, never the raw path), the status and why. */
    private void denied(String actor, Optional<Endpoint> endpoint, String method, String path, int status, String reason) {
        Map<String, String> details = new java.util.LinkedHashMap<>();
        details.put("method", QueryParameters.printable(method));
        details.put("endpoint", endpoint.map(e -> e.template).orElse("unknown"));
        details.put("status", Integer.toString(status));
        details.put("reason", reason.length() > 300 ? reason.substring(0, 300) : reason);
        String recordingId = endpoint.filter(e -> e.template.startsWith("/api/recordings/{id}"))
                .flatMap(e -> e.match(path)).filter(id -> QueryParameters.ID.matcher(id).matches()).orElse(null);
        try {
            trail.append(actor, AuditAction.ACCESS_DENIED, recordingId, details);
        } catch (RuntimeException e) {
            org.slf4j.LoggerFactory.getLogger(ApiRouter.class).error("could not audit a refused request to {}: {}",
                    details.get("endpoint"), e.toString());
        }
    }

    private ApiResponse route(ApiRequest request, ApiToken token, Endpoint endpoint, String path) {
        Optional<Endpoint> routed = Optional.of(endpoint);
        String id = routed.get().match(path).orElseThrow();
        if (routed.get().template.contains("{id}") && !QueryParameters.ID.matcher(id).matches()) {
            String what = path.startsWith("/api/tickets/") ? "ticket" : path.startsWith("/api/privacy/") ? "hold"
                    : path.startsWith("/api/quarantine/") ? "quarantined file" : "recording";
            return ApiResponse.error(400, "the " + what + " id must be 1-64 of A-Z a-z 0-9 . _ -");
        }
        Caller caller = new Caller(token, Actors.token(token.name()));
        return switch (routed.get()) {
            case LIST_RECORDINGS -> recordings.find(request.parameters(), caller);
            case READ_RECORDING -> recordings.byId(id, request.parameters(), caller);
            case STOP_AND_DELETE -> recordings.stopAndDelete(id, caller);
            case LIST_AUDIT, VERIFY_AUDIT -> audit.handle(path, request.parameters(), caller.actor());
            case LIST_TICKETS -> tickets.list(request.parameters(), caller);
            case OPEN_TICKET -> tickets.open(request.body(), caller);
            case CLOSE_TICKET -> tickets.close(id, caller);
            case GRANT_WINDOW -> tickets.grant(id, request.body(), caller);
            case LIST_SAMPLES -> listening.samples(request.parameters(), caller);
            case PLAY_SAMPLE -> listening.play(id, request.parameters(), caller);
            case LIST_DIAGNOSTIC_RECORDINGS -> diagnostics.recordings(request.parameters(), caller);
            case MARK_FAULT -> diagnostics.mark(request.body(), caller);
            case TOGGLE_DIAGNOSTIC -> diagnostics.toggle(request.body(), caller);
            case METRICS -> metrics == null ? unavailable("metrics")
                    : noParameters(request.parameters(), "GET /api/metrics")
                            .orElseGet(() -> ApiResponse.ok(Map.of("meters", metrics.get())));
            case SUBJECT_ACCESS -> privacy.access(request.parameters(), caller);
            case SUBJECT_EXPORT -> privacy.export(request.parameters(), caller);
            case ERASE -> privacy.erase(request.body(), caller);
            case LIST_HOLDS -> privacy.holds(request.parameters(), caller);
            case PLACE_HOLD -> privacy.placeHold(request.body(), caller);
            case LIFT_HOLD -> privacy.liftHold(id, caller);
            case PROCESSING_RECORD -> privacy.processingRecord(request.parameters());
            case LIST_QUARANTINE -> privacy.quarantine(request.parameters(), caller);
            case INSPECT_QUARANTINE -> privacy.inspectQuarantined(id, caller);
            case ASSIGN_QUARANTINE -> privacy.assignQuarantined(id, request.body(), caller);
            case DELETE_QUARANTINE -> privacy.deleteQuarantined(id, request.body(), caller);
        };
    }

    /** The authenticated token and its name as the audit trail writes it. */
    record Caller(ApiToken token, String actor) {
        String name() {
            return token.name();
        }
    }

    /** 503 when a gateway runs without the service an endpoint needs. */
    static ApiResponse unavailable(String what) {
        return ApiResponse.error(503, what + " is not available in this gateway; it runs without diagnostics");
    }

    /** 400 when an endpoint takes no query parameters but got some. */
    static Optional<ApiResponse> noParameters(Map<String, ?> parameters, String endpoint) {
        return parameters.isEmpty() ? Optional.empty()
                : Optional.of(ApiResponse.error(400, endpoint + " takes no query parameters"));
    }
}
