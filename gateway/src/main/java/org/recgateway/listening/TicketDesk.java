package org.recgateway.listening;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import org.recgateway.audit.AuditAction;
import org.recgateway.audit.AuditTrail;
import org.recgateway.diagnostics.DiagnosticTicket;
import org.recgateway.diagnostics.DiagnosticsStore;

/**
 * The administrator's side of a ticket: open it, close it (which deletes its diagnostic audio at
 * once) and grant its provider a listening window. Every change is audited.
 */
public final class TicketDesk {

    private final DiagnosticsStore diagnostics;
    private final ListeningStore listening;
    private final DiagnosticAudioDeletion deletion;
    private final AuditTrail audit;
    private final Clock clock;

    public TicketDesk(DiagnosticsStore diagnostics, ListeningStore listening, DiagnosticAudioDeletion deletion,
                      AuditTrail audit, Clock clock) {
        this.diagnostics = diagnostics;
        this.listening = listening;
        this.deletion = deletion;
        this.audit = audit;
        this.clock = clock;
    }

    /** What the administrator asks for when opening a ticket; the caller has checked each field. */
    public record NewTicket(String reference, String provider, String description, int maxRecordings,
                            Duration maxLength, Instant recordUntil, int maxMarkers, Duration maxAudible,
                            boolean administratorMaySwitch) {
        /** With the default marker cap and audible seconds; an administrator may not switch for an agent. */
        public NewTicket(String reference, String provider, String description, int maxRecordings, Duration maxLength,
                         Instant recordUntil) {
            this(reference, provider, description, maxRecordings, maxLength, recordUntil, DiagnosticTicket.DEFAULT_MAX_MARKERS,
                    DiagnosticTicket.DEFAULT_MAX_AUDIBLE, false);
        }
    }

    /** What the administrator asks for when granting a window; the caller has checked each field. */
    public record NewWindow(Instant from, Instant until, int playsPerSample, Duration before, Duration after,
                            Duration withoutMarkers) {
    }

    /** The outcome of a change: the new value, or why it was refused (e.g. the ticket is closed). */
    public sealed interface Outcome<T> {
        record Done<T>(T value) implements Outcome<T> {
        }

        record Refused<T>(int status, String reason) implements Outcome<T> {
        }
    }

    public DiagnosticTicket open(NewTicket t, String by) {
        DiagnosticTicket ticket = new DiagnosticTicket(UUID.randomUUID().toString(), t.reference(), t.provider(),
                t.description(), t.maxRecordings(), t.maxLength(), t.recordUntil(), clock.instant(), null, t.maxMarkers(),
                t.maxAudible(), t.administratorMaySwitch());
        diagnostics.insertTicket(ticket);
        audit.append(by, AuditAction.TICKET_OPENED, null, Map.of("ticket", ticket.id(), "reference", ticket.reference(),
                "provider", ticket.provider(), "maxRecordings", Integer.toString(ticket.maxRecordings()),
                "maxLengthSeconds", Long.toString(ticket.maxLength().toSeconds()), "recordUntil", ticket.recordUntil().toString(),
                "maxMarkers", Integer.toString(ticket.maxMarkers()), "maxAudibleSeconds", Long.toString(ticket.maxAudible().toSeconds()),
                "administratorMaySwitch", Boolean.toString(ticket.administratorMaySwitch())));
        return ticket;
    }

    /** Closes the ticket and deletes the audio of its diagnostic recordings now (running ones once they are filed). */
    public Outcome<DiagnosticTicket> close(String ticketId, String by) {
        DiagnosticTicket ticket = diagnostics.ticket(ticketId).orElse(null);
        if (ticket == null) {
            return new Outcome.Refused<>(404, "no ticket " + ticketId);
        }
        if (!ticket.open()) {
            return new Outcome.Refused<>(409, "ticket " + ticket.reference() + " was closed at " + ticket.closedAt());
        }
        Instant now = clock.instant();
        diagnostics.closeTicket(ticketId, now);
        audit.append(by, AuditAction.TICKET_CLOSED, null, Map.of("ticket", ticketId, "reference", ticket.reference()));
        deletion.deleteDue();
        return new Outcome.Done<>(ticket.closed(now));
    }

    public Outcome<ListeningWindow> grant(String ticketId, NewWindow w, String by) {
        DiagnosticTicket ticket = diagnostics.ticket(ticketId).orElse(null);
        if (ticket == null) {
            return new Outcome.Refused<>(404, "no ticket " + ticketId);
        }
        if (!ticket.open()) {
            return new Outcome.Refused<>(409, "ticket " + ticket.reference() + " is closed; its audio is deleted");
        }
        Instant now = clock.instant();
        if (!w.until().isAfter(now)) {
            return new Outcome.Refused<>(409, "the window would end at " + w.until() + ", which has passed");
        }
        ListeningWindow window = new ListeningWindow(UUID.randomUUID().toString(), ticketId, ticket.provider(), w.from(),
                w.until(), w.playsPerSample(), w.before(), w.after(), w.withoutMarkers(), by, now);
        listening.insertWindow(window);
        Map<String, String> details = new LinkedHashMap<>();
        details.put("ticket", ticketId);
        details.put("window", window.id());
        details.put("provider", window.provider());
        details.put("from", window.from().toString());
        details.put("until", window.until().toString());
        details.put("playsPerSample", Integer.toString(window.playsPerSample()));
        details.put("secondsBefore", Long.toString(window.before().toSeconds()));
        details.put("secondsAfter", Long.toString(window.after().toSeconds()));
        details.put("secondsWithoutMarkers", Long.toString(window.withoutMarkers().toSeconds()));
        audit.append(by, AuditAction.LISTENING_WINDOW_GRANTED, null, details);
        return new Outcome.Done<>(window);
    }
}
