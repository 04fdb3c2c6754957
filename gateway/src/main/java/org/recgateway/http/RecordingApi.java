package org.recgateway.http;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.recgateway.audit.AuditAction;
import org.recgateway.audit.AuditTrail;
import org.recgateway.diagnostics.CallLocator;
import org.recgateway.diagnostics.DiagnosticRecording;
import org.recgateway.diagnostics.DiagnosticTicket;
import org.recgateway.diagnostics.DiagnosticsStore;
import org.recgateway.policy.Purpose;
import org.recgateway.policy.Role;
import org.recgateway.recording.Recording;
import org.recgateway.recording.RecordingQuery;
import org.recgateway.recording.RecordingStore;
import org.recgateway.recording.RecordingView;
import org.recgateway.recording.StopAndDelete;

/**
 * {@code GET /api/recordings}, {@code GET /api/recordings/{id}} and
 * {@code POST /api/recordings/{id}/stop-and-delete}. Every answer that shows recording metadata is
 * audited first: if the audit trail cannot be written, nothing is shown.
 */
final class RecordingApi {

    private static final String RECORDINGS = "/api/recordings";

    private final RecordingStore store;
    private final AuditTrail audit;
    private final DiagnosticsStore diagnostics;
    private final StopAndDelete stopAndDelete;
    private final CallLocator calls;
    private final org.recgateway.recording.Pseudonyms pseudonyms;

    private final org.recgateway.listening.ListeningDesk desk;

    RecordingApi(ApiServices services) {
        this.store = services.store();
        this.audit = services.audit();
        this.diagnostics = services.diagnostics();
        this.stopAndDelete = services.stopAndDelete();
        this.calls = services.calls();
        this.pseudonyms = services.privacy() == null ? null : services.privacy().pseudonyms();
        this.desk = services.desk();
    }

    ApiResponse byId(String id, Map<String, List<String>> parameters, ApiRouter.Caller caller) {
        Optional<ApiResponse> bad = ApiRouter.noParameters(parameters, "GET " + RECORDINGS + "/{id}");
        if (bad.isPresent()) {
            return bad.get();
        }
        Optional<Recording> recording = store.byId(id);
        if (recording.isEmpty()) {
            return ApiResponse.error(404, "no recording with id " + id);
        }
        Optional<String> denial = denialOf(caller.token(), recording.get());
        if (denial.isPresent()) {
            return ApiResponse.error(403, denial.get());
        }
        if (Access.role(caller.token()).orElse(null) == Role.PROVIDER) {
            // Data minimisation: the provider sees what the fault needs, never who called.
            Optional<org.recgateway.listening.Sample> sample = desk == null ? Optional.empty() : desk.sample(caller.name(), id);
            if (sample.isEmpty()) {
                return ApiResponse.error(403, "role 'provider' reads only the samples of its own open tickets");
            }
            audit.append(caller.actor(), AuditAction.RECORDING_READ, id, Map.of("via", "http", "view", "provider"));
            return ApiResponse.ok(ListeningApi.view(sample.get()));
        }
        audit.append(caller.actor(), AuditAction.RECORDING_READ, id, Map.of("via", "http"));
        return ApiResponse.ok(RecordingView.of(recording.get(), store.parties().of(id)));
    }

    /** The purpose check for one recording, with its ticket when it is a diagnostic recording. */
    Optional<String> denialOf(ApiToken token, Recording r) {
        Optional<DiagnosticRecording> link = Access.diagnostic(r) && diagnostics != null
                ? diagnostics.linkOf(r.id()) : Optional.empty();
        Optional<DiagnosticTicket> ticket = link.flatMap(l -> diagnostics.ticket(l.ticketId()));
        return Access.denialOf(token, r, link, ticket);
    }

    ApiResponse find(Map<String, List<String>> parameters, ApiRouter.Caller caller) {
        return switch (QueryParameters.parse(parameters)) {
            case QueryParameters.Parsed.Invalid(String reason) -> ApiResponse.error(400, reason);
            case QueryParameters.Parsed.Valid(var query) -> {
                boolean supervisor = Access.role(caller.token()).orElse(null) == Role.SUPERVISOR;
                if (supervisor && query.purpose().orElse(null) == Purpose.PROVIDER_DIAGNOSTICS) {
                    yield ApiResponse.error(403, "role 'supervisor' never reaches provider-diagnostics recordings");
                }
                List<Map<String, Object>> views = store.find(query).stream()
                        .filter(r -> !supervisor || !Access.diagnostic(r)).map(RecordingView::of).toList();
                audit.append(caller.actor(), AuditAction.RECORDING_LISTED, null, details(query, views.size()));
                yield ApiResponse.ok(Map.of("recordings", views));
            }
        };
    }

    ApiResponse stopAndDelete(String id, ApiRouter.Caller caller) {
        if (stopAndDelete == null) {
            return ApiRouter.unavailable("stop and delete");
        }
        Optional<String> denial = stopDenialOf(caller.token(), id);
        if (denial.isPresent()) {
            audit.append(caller.actor(), AuditAction.STOP_AND_DELETE_REFUSED, id, Map.of("via", "http", "reason", denial.get()));
            return ApiResponse.error(403, denial.get());
        }
        // A deletion is audited by StopAndDelete itself, with this caller as the actor; a refusal here.
        StopAndDelete.Result result = stopAndDelete.stopAndDelete(id, caller.actor());
        if (!result.done()) {
            Map<String, String> details = new LinkedHashMap<>();
            details.put("via", "http");
            details.put("reason", result.reason());
            audit.append(caller.actor(), AuditAction.STOP_AND_DELETE_REFUSED, id, details);
            return ApiResponse.error(result.recording() == null ? 404 : 409, result.reason());
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("done", true);
        body.put("outcome", switch (result.outcome()) {
            case DELETED -> "deleted";
            case HELD -> "held";
            default -> "purposes-ended";
        });
        body.put("reason", result.reason());
        body.put("recording", RecordingView.of(result.recording()));
        return ApiResponse.ok(body);
    }

    /** The stop rule for one recording id: its diagnostic link and, for an agent, the call it is in now. */
    private Optional<String> stopDenialOf(ApiToken token, String id) {
        if (Access.role(token).orElse(null) != Role.AGENT) {
            return Access.stopDenialOf(token, id, Optional.empty(), Optional.empty(), Optional.empty());
        }
        Optional<Recording> r = store.byId(id);
        Optional<DiagnosticRecording> link = r.filter(Access::diagnostic).flatMap(x -> diagnostics == null
                ? Optional.empty() : diagnostics.linkOf(x.id()));
        Optional<String> agentCall = Optional.empty();
        if (calls != null) {
            try {
                // The agent's call counts only on the recording's own Asterisk server: linkedids of two servers may be equal.
                agentCall = calls.find(token.name()).filter(c -> r.map(x -> x.call().isOn(c.server())).orElse(true))
                        .map(CallLocator.AgentCall::linkedId);
            } catch (Exception e) {
                // No call found is the safe answer: the agent is refused, as it is for any other call's recording.
                agentCall = Optional.empty();
            }
        }
        return Access.stopDenialOf(token, id, r, link, agentCall);
    }

    private Map<String, String> details(RecordingQuery query, int count) {
        return query.auditDetails("http", count, number -> pseudonyms == null ? "withheld" : pseudonyms.of(number));
    }
}
