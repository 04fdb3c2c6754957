package org.recgateway.diagnostics;

import java.time.Instant;
import java.util.List;

/**
 * Which ticket a key press records for: a pure function of the tickets and their use, returning a
 * value. The choice is advisory; {@link DiagnosticsStore#reserve} decides again inside a transaction.
 */
public final class TicketChoice {

    private TicketChoice() {
    }

    /** A ticket and the slots it has used (reserved or recorded). */
    public record Candidate(DiagnosticTicket ticket, int used) { }

    /** The outcome: a ticket, or why none. */
    public sealed interface Choice {
        /** Record for this ticket. */
        record Chosen(DiagnosticTicket ticket) implements Choice { }

        /** No ticket; the reason names what to do. */
        record Refused(String reason) implements Choice { }
    }

    /**
     * Chooses the ticket.
     *
     * @param ticketId   the ticket the agent named, or null/blank for "the one open ticket that can take a recording"
     * @param candidates the named ticket (when one was named and exists), else the open tickets, oldest first
     */
    public static Choice choose(String ticketId, List<Candidate> candidates, Instant now) {
        if (ticketId != null && !ticketId.isBlank()) {
            for (Candidate c : candidates) {
                if (c.ticket().id().equals(ticketId)) {
                    return c.ticket().refusal(c.used(), now).<Choice>map(Choice.Refused::new)
                            .orElseGet(() -> new Choice.Chosen(c.ticket()));
                }
            }
            return new Choice.Refused("there is no ticket " + ticketId + "; name an open ticket or none");
        }
        List<Candidate> open = candidates.stream().filter(c -> c.ticket().open()).toList();
        if (open.isEmpty()) {
            return new Choice.Refused("there is no open diagnostic ticket; an administrator opens one for the provider first");
        }
        List<Candidate> usable = open.stream().filter(c -> c.ticket().refusal(c.used(), now).isEmpty()).toList();
        if (usable.isEmpty()) {
            Candidate first = open.getFirst();
            return new Choice.Refused(first.ticket().refusal(first.used(), now).orElseThrow());
        }
        if (usable.size() > 1) {
            return new Choice.Refused(usable.size() + " open tickets can take a recording; name the ticket");
        }
        return new Choice.Chosen(usable.getFirst().ticket());
    }
}
