package org.recgateway.http;

import java.util.Map;
import java.util.Optional;

import org.recgateway.audit.Actors;

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
    private final StaticPages pages = new StaticPages();
    private final java.util.function.Supplier<Map<String, Object>> metrics;

    ApiRouter(Authenticator authenticator, ApiServices services) {
        this.authenticator = authenticator;
        this.recordings = new RecordingApi(services);
        this.audit = new AuditApi(services.audit());
        this.tickets = new TicketApi(services);
        this.listening = new ListeningApi(services);
        this.diagnostics = new DiagnosticsApi(services);
        this.metrics = services.metrics();
    }

    ApiResponse handle(ApiRequest request) {
        String path = request.path();
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
        if (!(auth instanceof Authenticator.Result.Authenticated(ApiToken token))) {
            return ApiResponse.unauthorized(((Authenticator.Result.Rejected) auth).reason());
        }
        Optional<Endpoint> endpoint = Endpoint.of(request.method(), path);
        if (endpoint.isEmpty()) {
            return ApiResponse.methodNotAllowed(request.method(), Endpoint.allowed(path));
        }
        Optional<String> denial = Access.denialOf(token, endpoint.get());
        if (denial.isPresent()) {
            return ApiResponse.error(403, denial.get());
        }
        String id = endpoint.get().match(path).orElseThrow();
        if (endpoint.get().template.contains("{id}") && !QueryParameters.ID.matcher(id).matches()) {
            String what = path.startsWith("/api/tickets/") ? "ticket" : "recording";
            return ApiResponse.error(400, "the " + what + " id must be 1-64 of A-Z a-z 0-9 . _ -");
        }
        Caller caller = new Caller(token, Actors.token(token.name()));
        return switch (endpoint.get()) {
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
            case LOOK_AT_SAMPLE -> listening.look(id, request.parameters(), caller);
            case LIST_DIAGNOSTIC_RECORDINGS -> diagnostics.recordings(request.parameters(), caller);
            case MARK_FAULT -> diagnostics.mark(request.body(), caller);
            case TOGGLE_DIAGNOSTIC -> diagnostics.toggle(request.body(), caller);
            case METRICS -> metrics == null ? unavailable("metrics")
                    : noParameters(request.parameters(), "GET /api/metrics")
                            .orElseGet(() -> ApiResponse.ok(Map.of("meters", metrics.get())));
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
