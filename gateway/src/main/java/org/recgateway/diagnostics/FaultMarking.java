package org.recgateway.diagnostics;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import org.recgateway.audit.AuditAction;
import org.recgateway.metrics.GatewayMetrics;
import org.recgateway.recording.AuditNotes;
import org.recgateway.recording.Recording;

/**
 * "Now it happens": a fault marker in the call's running diagnostic recording, within the ticket's
 * marker cap (a store constraint), audited with who set it and how; a refused marker is audited too.
 */
final class FaultMarking {
    private final DiagnosticsStore tickets;
    private final AuditNotes audit;
    private final Clock clock;
    private final GatewayMetrics metrics;

    FaultMarking(DiagnosticsStore tickets, AuditNotes audit, Clock clock, GatewayMetrics metrics) {
        this.tickets = tickets;
        this.audit = audit;
        this.clock = clock;
        this.metrics = metrics;
    }

    /** Marks {@code running} now; refused (and audited) when the recording has every marker its ticket allows. */
    DiagnosticSwitch.MarkOutcome mark(Recording running, SwitchedBy by) {
        Instant now = clock.instant();
        FaultMarker marker = new FaultMarker(running.id(), Math.max(0, Duration.between(running.started(), now).toMillis()), now,
                by.actor(), by.how().id());
        Optional<DiagnosticTicket> ticket = tickets.linkOf(running.id()).flatMap(l -> tickets.ticket(l.ticketId()));
        String reference = ticket.map(DiagnosticTicket::reference).orElse("");
        if (!tickets.addMarker(marker)) {
            metrics.recording("marker-refused");
            String why = "the recording has the " + ticket.map(t -> Integer.toString(t.maxMarkers())).orElse("")
                    + " fault markers ticket " + reference + " allows; the provider hears only around those";
            audit.note(by.actor(), AuditAction.FAULT_MARK_REFUSED, running.id(), Map.of("how", by.how().id(),
                    "offsetMillis", Long.toString(marker.offsetMillis()), "ticket", reference, "reason", why));
            return new DiagnosticSwitch.MarkOutcome.Refused(why);
        }
        metrics.recording("marker-set");
        audit.note(by.actor(), AuditAction.FAULT_MARKED, running.id(), Map.of("how", by.how().id(),
                "offsetMillis", Long.toString(marker.offsetMillis()), "ticket", reference));
        return new DiagnosticSwitch.MarkOutcome.Marked(marker);
    }
}
