package org.recgateway.http;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import org.recgateway.audit.AuditAction;
import org.recgateway.audit.AuditTrail;
import org.recgateway.diagnostics.DiagnosticRecording;
import org.recgateway.diagnostics.DiagnosticSwitch;
import org.recgateway.diagnostics.DiagnosticTicket;
import org.recgateway.diagnostics.DiagnosticsStore;
import org.recgateway.diagnostics.FaultMarker;
import org.recgateway.diagnostics.SwitchedBy;
import org.recgateway.listening.ListeningStore;
import org.recgateway.policy.Role;
import org.recgateway.recording.Recording;
import org.recgateway.recording.RecordingStore;
import org.recgateway.recording.RecordingView;

/**
 * The agent's endpoints: {@code GET /api/diagnostics/recordings} (an agent sees only the diagnostic
 * recordings it switched on; an administrator sees all) and {@code POST /api/diagnostics/mark} with
 * {@code {"linkedId": ...}} or {@code {"recordingId": ...}}: "now it happens" in a running diagnostic recording.
 */
final class DiagnosticsApi {
    private static final Pattern ID = QueryParameters.ID;
    private static final Pattern AGENT = Pattern.compile("[A-Za-z0-9]{1,16}/[A-Za-z0-9._-]{1,80}");

    private final RecordingStore store;
    private final AuditTrail audit;
    private final DiagnosticsStore diagnostics;
    private final ListeningStore listening;
    private final DiagnosticSwitch diagnosticSwitch;

    DiagnosticsApi(ApiServices services) {
        this.store = services.store();
        this.audit = services.audit();
        this.diagnostics = services.diagnostics();
        this.listening = services.listening();
        this.diagnosticSwitch = services.diagnosticSwitch();
    }

    ApiResponse recordings(Map<String, List<String>> parameters, ApiRouter.Caller caller) {
        if (diagnostics == null || listening == null) {
            return ApiRouter.unavailable("diagnostics");
        }
        Optional<ApiResponse> bad = ApiRouter.noParameters(parameters, "GET /api/diagnostics/recordings");
        if (bad.isPresent()) {
            return bad.get();
        }
        boolean agent = Access.role(caller.token()).orElseThrow() == Role.AGENT;
        List<Map<String, Object>> views = new ArrayList<>();
        for (DiagnosticTicket ticket : listening.allTickets()) {
            for (DiagnosticRecording link : diagnostics.recordingsOf(ticket.id())) {
                if (agent && !link.agent().equals(caller.name())) {
                    continue;
                }
                store.byId(link.recordingId()).ifPresent(r -> {
                    Map<String, Object> v = new LinkedHashMap<>(RecordingView.of(r));
                    v.put("ticketReference", ticket.reference());
                    v.put("agent", link.agent());
                    v.put("markersSeconds", diagnostics.markers(r.id()).stream().map(m -> m.offsetMillis() / 1000.0).toList());
                    views.add(v);
                });
            }
        }
        audit.append(caller.actor(), AuditAction.RECORDING_LISTED, null,
                Map.of("via", "http", "purpose", "provider-diagnostics", "count", Integer.toString(views.size())));
        return ApiResponse.ok(Map.of("recordings", views));
    }

    /**
     * {@code POST /api/diagnostics/toggle} with {@code {"agent": "PJSIP/agent", "ticketId": "..."}}: the
     * agent's switch from outside the call. An agent's token switches only its own device (the token's
     * name); an administrator names the agent. The gateway finds the bridged call over AMI.
     */
    ApiResponse toggle(byte[] bytes, ApiRouter.Caller caller) {
        if (diagnosticSwitch == null) {
            return ApiRouter.unavailable("the diagnostic switch");
        }
        JsonBody body = JsonBody.parse(bytes, Set.of("agent", "ticketId"));
        boolean agentRole = Access.role(caller.token()).orElseThrow() == Role.AGENT;
        Optional<String> named = body.text("agent", !agentRole, AGENT, "an agent channel or device such as PJSIP/agent");
        Optional<String> ticketId = body.text("ticketId", false, ID, "a ticket id: 1-64 of A-Z a-z 0-9 . _ -");
        if (agentRole && named.isPresent() && !DiagnosticSwitch.deviceOf(named.get()).equals(caller.name())) {
            return ApiResponse.error(403, "role 'agent' switches only its own device " + caller.name()
                    + " (matched exactly); name that device or leave 'agent' out");
        }
        if (!body.problems().isEmpty()) {
            return ApiResponse.badFields(body.problems());
        }
        String agent = named.orElse(caller.name());
        SwitchedBy by = new SwitchedBy(caller.actor(), agentRole ? SwitchedBy.How.AGENT_TOKEN : SwitchedBy.How.ADMINISTRATOR);
        DiagnosticSwitch.Outcome outcome = diagnosticSwitch.toggleFor(agent, ticketId.orElse(null), by);
        Map<String, String> details = new LinkedHashMap<>();
        details.put("via", "http");
        details.put("agent", agent);
        details.put("outcome", outcome.action());
        details.put("reason", outcome.reason());
        audit.append(caller.actor(), AuditAction.DIAGNOSTIC_SWITCHED, null, details);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("action", outcome.action());
        answer.put("recordingId", outcome.recordingId());
        answer.put("reason", outcome.reason());
        return new ApiResponse("refused".equals(outcome.action()) ? 409 : 202, answer, Map.of());
    }

    ApiResponse mark(byte[] bytes, ApiRouter.Caller caller) {
        if (diagnosticSwitch == null || diagnostics == null) {
            return ApiRouter.unavailable("the diagnostic switch");
        }
        JsonBody body = JsonBody.parse(bytes, Set.of("linkedId", "recordingId"));
        Optional<String> linkedId = body.text("linkedId", false, ID, "an Asterisk linkedid: 1-64 of A-Z a-z 0-9 . _ -");
        Optional<String> recordingId = body.text("recordingId", false, ID, "a recording id: 1-64 of A-Z a-z 0-9 . _ -");
        if (body.has("linkedId") == body.has("recordingId")) {
            body.problem("linkedId", "give exactly one of 'linkedId' and 'recordingId'");
        }
        if (!body.problems().isEmpty()) {
            return ApiResponse.badFields(body.problems());
        }
        Optional<String> call = linkedId.isPresent() ? linkedId : recordingId.flatMap(store::byId).map(Recording::linkedId);
        Optional<Recording> running = call.flatMap(diagnosticSwitch::runningIn)
                .filter(r -> recordingId.isEmpty() || r.id().equals(recordingId.get()));
        if (running.isEmpty()) {
            return ApiResponse.error(409, "no diagnostic recording is running in that call; a marker goes into a running one");
        }
        Optional<DiagnosticRecording> link = diagnostics.linkOf(running.get().id());
        if (Access.role(caller.token()).orElseThrow() == Role.AGENT
                && link.filter(l -> l.agent().equals(caller.name())).isEmpty()) {
            return ApiResponse.error(403, "role 'agent' marks only the diagnostic recordings that agent " + caller.name()
                    + " switched on");
        }
        SwitchedBy by = new SwitchedBy(caller.actor(), Access.role(caller.token()).orElseThrow() == Role.AGENT
                ? SwitchedBy.How.AGENT_TOKEN : SwitchedBy.How.ADMINISTRATOR);
        DiagnosticSwitch.MarkOutcome outcome = diagnosticSwitch.mark(running.get().linkedId(), null, by);
        if (outcome instanceof DiagnosticSwitch.MarkOutcome.Refused(String reason)) {
            return ApiResponse.error(409, reason);
        }
        FaultMarker marker = ((DiagnosticSwitch.MarkOutcome.Marked) outcome).marker();
        return new ApiResponse(201, Map.of("recordingId", marker.recordingId(),
                "offsetSeconds", marker.offsetMillis() / 1000.0, "at", marker.at().toString()), Map.of());
    }
}
