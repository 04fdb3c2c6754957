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
 * Stopping a recording at the caller's request ({@link #stopDenialOf}) reaches less: administrators every
 * recording; an agent only a recording of the call it is in now, or a diagnostic recording it switched on,
 * and is refused any other without learning whether it exists, runs, or what it is for.
 * Every read and stop path goes through this class, so there is one place to check.
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

    /**
     * Why this token may not stop-and-delete the recording with {@code id}, or empty when it may. The
     * denial never depends on the recording's status or purposes, and reads the same whether or not it
     * exists: an agent learns nothing about other calls' recordings.
     *
     * @param r            the recording, when there is one with this id
     * @param link         its diagnostic link, when it is a diagnostic recording
     * @param agentCall    the linkedid of the call the agent (token name = device) is in now, when it is in one
     */
    static Optional<String> stopDenialOf(ApiToken token, String id, Optional<Recording> r,
                                         Optional<DiagnosticRecording> link, Optional<String> agentCall) {
        Role role = role(token).orElse(null);
        if (role == Role.ADMINISTRATOR) {
            return Optional.empty();
        }
        if (role == Role.AGENT) {
            boolean inItsCall = r.isPresent() && agentCall.filter(c -> c.equals(r.get().linkedId())).isPresent();
            boolean switchedOn = r.isPresent() && diagnostic(r.get()) && link.filter(l -> l.agent().equals(token.name())).isPresent();
            return inItsCall || switchedOn ? Optional.empty() : Optional.of("role 'agent' stops only a recording of the call"
                    + " agent " + token.name() + " is in now, or a diagnostic recording it switched on; recording " + id
                    + " is neither (or not one the agent may know of)");
        }
        return Optional.of("role '" + token.role() + "' may not stop and delete a recording");
    }
}
