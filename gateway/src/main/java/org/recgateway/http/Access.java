package org.recgateway.http;

import java.util.Optional;
import java.util.stream.Collectors;

import org.recgateway.diagnostics.DiagnosticRecording;
import org.recgateway.diagnostics.DiagnosticTicket;
import org.recgateway.policy.Purpose;
import org.recgateway.policy.Role;
import org.recgateway.recording.RecordedPurpose;
import org.recgateway.recording.Recording;

/**
 * Who may do what, by role and purpose together (PRODUCT.md rule 3). The role decides which
 * endpoints a token may call ({@link Endpoint}); the recording's purposes, its ticket and its agent
 * decide which recordings it reaches:
 * <ul>
 * <li>administrators and privacy officers: every recording;</li>
 * <li>supervisors (quality reviewers): every recording except provider diagnostics;</li>
 * <li>agents: only the diagnostic recordings they switched on themselves (token name = agent device);</li>
 * <li>providers: only the diagnostic recordings of their own open tickets (token name = ticket's provider).</li>
 * </ul>
 * Every read path goes through this class, so there is one place to check.
 */
final class Access {

    private Access() {
    }

    static Optional<Role> role(ApiToken token) {
        return Role.fromId(token.role());
    }

    /** Why this token may not call the endpoint at all, or empty when it may. */
    static Optional<String> denialOf(ApiToken token, Endpoint endpoint) {
        if (role(token).filter(endpoint.roles::contains).isPresent()) {
            return Optional.empty();
        }
        String may = endpoint.roles.stream().map(Role::id).sorted().collect(Collectors.joining(", "));
        return Optional.of("role '" + token.role() + "' may not " + endpoint.action + " (" + endpoint.method + " "
                + endpoint.template + "); roles that may: " + may);
    }

    static boolean diagnostic(Recording r) {
        return r.purpose() == Purpose.PROVIDER_DIAGNOSTICS
                || r.purposes().stream().map(RecordedPurpose::purpose).anyMatch(p -> p == Purpose.PROVIDER_DIAGNOSTICS);
    }

    /**
     * Why this token may not reach this recording, or empty when it may.
     *
     * @param link   the recording's ticket link, when it is a diagnostic recording
     * @param ticket the linked ticket
     */
    static Optional<String> denialOf(ApiToken token, Recording r, Optional<DiagnosticRecording> link,
                                     Optional<DiagnosticTicket> ticket) {
        Role role = role(token).orElse(null);
        if (role == null) {
            return Optional.of("role '" + token.role() + "' is not a role this gateway knows");
        }
        return switch (role) {
            case ADMINISTRATOR, PRIVACY_OFFICER -> Optional.empty();
            case SUPERVISOR -> diagnostic(r)
                    ? Optional.of("role 'supervisor' never reaches provider-diagnostics recordings; recording "
                    + r.id() + " is one") : Optional.empty();
            case AGENT -> diagnostic(r) && link.filter(l -> l.agent().equals(token.name())).isPresent()
                    ? Optional.empty()
                    : Optional.of("role 'agent' reaches only the diagnostic recordings that agent " + token.name()
                    + " switched on; recording " + r.id() + " is not one");
            case PROVIDER -> diagnostic(r) && ticket.filter(t -> t.open() && t.provider().equals(token.name())).isPresent()
                    ? Optional.empty()
                    : Optional.of("role 'provider' reaches only the diagnostic recordings of its own open tickets;"
                    + " recording " + r.id() + " is not one of provider " + token.name());
        };
    }
}
