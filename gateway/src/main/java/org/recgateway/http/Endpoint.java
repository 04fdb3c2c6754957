package org.recgateway.http;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.recgateway.policy.Role;

/**
 * Every authenticated endpoint: its method, its path (with at most one id in it) and the roles that
 * may call it at all. Which recordings a role then reaches is decided by {@link Access} from the
 * recording's purposes, its ticket and its agent.
 */
enum Endpoint {
    LIST_RECORDINGS("GET", "/api/recordings", "search recording metadata",
            Role.ADMINISTRATOR, Role.PRIVACY_OFFICER, Role.SUPERVISOR),
    READ_RECORDING("GET", "/api/recordings/{id}", "read recording metadata", Role.values()),
    STOP_AND_DELETE("POST", "/api/recordings/{id}/stop-and-delete", "stop and delete a running recording",
            Role.ADMINISTRATOR, Role.AGENT),
    LIST_AUDIT("GET", "/api/audit", "read the audit trail", Role.ADMINISTRATOR, Role.PRIVACY_OFFICER),
    VERIFY_AUDIT("GET", "/api/audit/verify", "verify the audit trail", Role.ADMINISTRATOR, Role.PRIVACY_OFFICER),
    LIST_TICKETS("GET", "/api/tickets", "list fault tickets", Role.ADMINISTRATOR, Role.PROVIDER),
    OPEN_TICKET("POST", "/api/tickets", "open a fault ticket", Role.ADMINISTRATOR),
    CLOSE_TICKET("POST", "/api/tickets/{id}/close", "close a fault ticket", Role.ADMINISTRATOR),
    GRANT_WINDOW("POST", "/api/tickets/{id}/windows", "grant a listening window", Role.ADMINISTRATOR),
    LIST_SAMPLES("GET", "/api/listening/samples", "list the samples of a listening window", Role.PROVIDER),
    PLAY_SAMPLE("GET", "/api/listening/samples/{id}/audio", "play a sample", Role.PROVIDER),
    LIST_DIAGNOSTIC_RECORDINGS("GET", "/api/diagnostics/recordings", "list diagnostic recordings",
            Role.ADMINISTRATOR, Role.AGENT),
    MARK_FAULT("POST", "/api/diagnostics/mark", "mark a fault in a diagnostic recording", Role.ADMINISTRATOR, Role.AGENT),
    TOGGLE_DIAGNOSTIC("POST", "/api/diagnostics/toggle", "switch a diagnostic recording on or off", Role.ADMINISTRATOR, Role.AGENT),
    METRICS("GET", "/api/metrics", "read the gateway's metrics", Role.ADMINISTRATOR),
    SUBJECT_ACCESS("GET", "/api/privacy/access", "see what is held of a phone number", Role.PRIVACY_OFFICER),
    SUBJECT_EXPORT("GET", "/api/privacy/export", "export what is held of a phone number", Role.PRIVACY_OFFICER),
    ERASE("POST", "/api/privacy/erasure", "erase a phone number's or a recording's audio", Role.PRIVACY_OFFICER),
    LIST_HOLDS("GET", "/api/privacy/holds", "list legal holds", Role.PRIVACY_OFFICER, Role.ADMINISTRATOR),
    PLACE_HOLD("POST", "/api/privacy/holds", "place a legal hold", Role.PRIVACY_OFFICER),
    LIFT_HOLD("POST", "/api/privacy/holds/{id}/lift", "lift a legal hold", Role.PRIVACY_OFFICER),
    PROCESSING_RECORD("GET", "/api/privacy/record-of-processing", "read the record of processing",
            Role.PRIVACY_OFFICER, Role.ADMINISTRATOR),
    LIST_QUARANTINE("GET", "/api/quarantine", "list quarantined files", Role.ADMINISTRATOR, Role.PRIVACY_OFFICER),
    INSPECT_QUARANTINE("GET", "/api/quarantine/{id}", "inspect a quarantined file", Role.ADMINISTRATOR, Role.PRIVACY_OFFICER),
    ASSIGN_QUARANTINE("POST", "/api/quarantine/{id}/assign", "assign a quarantined file to its recording",
            Role.ADMINISTRATOR, Role.PRIVACY_OFFICER),
    DELETE_QUARANTINE("POST", "/api/quarantine/{id}/delete", "delete a quarantined file", Role.ADMINISTRATOR,
            Role.PRIVACY_OFFICER);

    /** Any one path segment; the router checks it is a valid id, so a bad one is a 400, not a 404. */
    private static final String ID = "([^/]{1,256})";

    final String method;
    final String template;
    final String action;
    final Set<Role> roles;
    private final Pattern pattern;

    Endpoint(String method, String template, String action, Role... roles) {
        this.method = method;
        this.template = template;
        this.action = action;
        this.roles = roles.length == 0 ? Set.of() : Set.copyOf(EnumSet.copyOf(Arrays.asList(roles)));
        this.pattern = Pattern.compile(Pattern.quote(template).replace("{id}", "\\E" + ID + "\\Q"));
    }

    /** The id in the path, or empty when this endpoint's template does not match the path. */
    Optional<String> match(String path) {
        Matcher m = pattern.matcher(path);
        if (!m.matches()) {
            return Optional.empty();
        }
        return Optional.of(m.groupCount() == 0 ? "" : m.group(1));
    }

    /** True when some endpoint's path matches, whatever its method. */
    static boolean known(String path) {
        return Arrays.stream(values()).anyMatch(e -> e.match(path).isPresent());
    }

    /** The methods the path takes, for a 405's Allow header. */
    static String allowed(String path) {
        return String.join(", ", Arrays.stream(values()).filter(e -> e.match(path).isPresent()).map(e -> e.method)
                .distinct().toList());
    }

    static Optional<Endpoint> of(String method, String path) {
        return Arrays.stream(values()).filter(e -> e.method.equals(method) && e.match(path).isPresent()).findFirst();
    }
}
