package org.recgateway.http;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import org.recgateway.audit.AuditAction;
import org.recgateway.audit.AuditEvent;
import org.recgateway.audit.AuditEventView;
import org.recgateway.audit.AuditTrail;
import org.recgateway.audit.Verification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /api/audit?recording=ID}, {@code GET /api/audit?since=N&limit=N} and
 * {@code GET /api/audit/verify}. The caller has already checked the token's role. Reading or
 * verifying the trail is itself appended to it.
 */
final class AuditApi {

    private static final Logger LOG = LoggerFactory.getLogger(AuditApi.class);
    static final String EVENTS = "/api/audit";
    static final String VERIFY = "/api/audit/verify";
    static final int DEFAULT_LIMIT = 100;
    private static final Set<String> NAMES = new TreeSet<>(Set.of("recording", "since", "limit"));

    private final AuditTrail audit;

    AuditApi(AuditTrail audit) {
        this.audit = audit;
    }

    static boolean serves(String path) {
        return path.equals(EVENTS) || path.equals(VERIFY);
    }

    ApiResponse handle(String path, Map<String, List<String>> parameters, String actor) {
        if (path.equals(VERIFY)) {
            if (!parameters.isEmpty()) {
                return ApiResponse.error(400, "GET " + VERIFY + " takes no query parameters");
            }
            Verification result = audit.verify();
            Map<String, Object> view = new LinkedHashMap<>(AuditEventView.of(result));
            try {
                audit.append(actor, AuditAction.AUDIT_VERIFIED, null, AuditEventView.details(result));
            } catch (RuntimeException e) {
                // The result matters most when the trail is damaged, so it is served even if it cannot be recorded.
                view.put("notRecorded", "this verification could not be appended to the audit trail; "
                        + "the gateway log and 'gateway audit verify' have the details");
                LOG.warn("could not append the audit-verified event", e);
            }
            return ApiResponse.ok(view);
        }
        for (Map.Entry<String, List<String>> p : parameters.entrySet()) {
            if (!NAMES.contains(p.getKey())) {
                return ApiResponse.error(400, "unknown parameter '" + QueryParameters.printable(p.getKey())
                        + "'; known parameters: " + String.join(", ", NAMES));
            }
            if (p.getValue().size() != 1) {
                return ApiResponse.error(400, "parameter '" + p.getKey() + "' must be given once");
            }
        }
        Optional<String> recording = value(parameters, "recording");
        if (recording.isPresent()) {
            if (parameters.size() > 1) {
                return ApiResponse.error(400, "parameter 'recording' cannot be combined with 'since' or 'limit'");
            }
            if (!QueryParameters.ID.matcher(recording.get()).matches()) {
                return ApiResponse.error(400,
                        "parameter 'recording' must be a recording id: 1-64 of A-Z a-z 0-9 . _ -");
            }
            return answer(audit.forRecording(recording.get()), actor, recording.get(), Map.of("via", "http"));
        }
        String since = value(parameters, "since").orElse("0");
        String limit = value(parameters, "limit").orElse(Integer.toString(DEFAULT_LIMIT));
        if (!since.matches("[0-9]{1,18}")) {
            return ApiResponse.error(400, "parameter 'since' must be a sequence number (0 starts at the beginning)");
        }
        if (!limit.matches("[0-9]{1,4}") || Integer.parseInt(limit) < 1
                || Integer.parseInt(limit) > AuditTrail.MAX_LIMIT) {
            return ApiResponse.error(400, "parameter 'limit' must be a whole number from 1 to " + AuditTrail.MAX_LIMIT);
        }
        List<AuditEvent> events = audit.since(Long.parseLong(since), Integer.parseInt(limit));
        return answer(events, actor, null, Map.of("via", "http", "since", since, "limit", limit));
    }

    private ApiResponse answer(List<AuditEvent> events, String actor, String recordingId, Map<String, String> query) {
        Map<String, String> details = new HashMap<>(query);
        details.put("count", Integer.toString(events.size()));
        audit.append(actor, AuditAction.AUDIT_LISTED, recordingId, details);
        return ApiResponse.ok(AuditEventView.list(events));
    }

    private static Optional<String> value(Map<String, List<String>> parameters, String name) {
        List<String> values = parameters.get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.getFirst());
    }
}
