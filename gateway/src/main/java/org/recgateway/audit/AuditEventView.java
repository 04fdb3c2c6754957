package org.recgateway.audit;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one JSON-ready shape of audit events and verification results, shared by the HTTP API and the
 * command line: camelCase keys in a fixed order, every key present, instants as ISO-8601, ids for enums.
 */
public final class AuditEventView {

    private AuditEventView() {
    }

    /** An unmodifiable, insertion-ordered map of the event. */
    public static Map<String, Object> of(AuditEvent e) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("sequence", e.sequence());
        view.put("at", e.at().toString());
        view.put("actor", e.actor());
        view.put("action", e.action().id());
        view.put("recordingId", e.recordingId());
        view.put("details", e.details());
        view.put("previousHash", e.previousHash());
        view.put("hash", e.hash());
        return Collections.unmodifiableMap(view);
    }

    /** {@code {"events": [...]}}. */
    public static Map<String, Object> list(List<AuditEvent> events) {
        return Map.of("events", events.stream().map(AuditEventView::of).toList());
    }

    /** {@code {"intact": true, "events": n, "lastHash": h}} or {@code {"intact": false, "brokenAt": n, ...}}. */
    public static Map<String, Object> of(Verification verification) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("intact", verification.intact());
        switch (verification) {
            case Verification.Intact(long events, String lastHash) -> {
                view.put("events", events);
                view.put("lastHash", lastHash);
            }
            case Verification.Broken(long sequence, Verification.Problem problem, String reason, long verified) -> {
                view.put("brokenAt", sequence);
                view.put("problem", problem.id());
                view.put("reason", reason);
                view.put("verifiedEvents", verified);
            }
        }
        return Collections.unmodifiableMap(view);
    }

    /** The details an {@link AuditAction#AUDIT_VERIFIED} event records about a verification. */
    public static Map<String, String> details(Verification verification) {
        return switch (verification) {
            case Verification.Intact(long events, String lastHash) ->
                    Map.of("result", "intact", "events", Long.toString(events), "lastHash", lastHash);
            case Verification.Broken(long sequence, Verification.Problem problem, String reason, long verified) ->
                    Map.of("result", "broken", "brokenAt", Long.toString(sequence), "problem", problem.id());
        };
    }
}
