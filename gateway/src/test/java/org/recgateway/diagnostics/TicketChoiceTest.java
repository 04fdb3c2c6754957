package org.recgateway.diagnostics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

class TicketChoiceTest {
    private static final Instant NOW = Instant.parse("2026-03-02T09:00:00Z");

    private static DiagnosticTicket ticket(String id, int max) {
        return new DiagnosticTicket(id, "REF-" + id, "kpn", "", max, Duration.ofSeconds(60), NOW.plusSeconds(3600),
                NOW.minusSeconds(60), null);
    }

    private static String refusal(TicketChoice.Choice c) {
        return ((TicketChoice.Choice.Refused) c).reason();
    }

    @Test
    void theOneUsableOpenTicketIsChosen() {
        var full = new TicketChoice.Candidate(ticket("a", 1), 1);
        var free = new TicketChoice.Candidate(ticket("b", 2), 1);
        assertEquals(new TicketChoice.Choice.Chosen(free.ticket()), TicketChoice.choose(null, List.of(full, free), NOW));
    }

    @Test
    void twoUsableTicketsMustBeNamed() {
        var a = new TicketChoice.Candidate(ticket("a", 2), 0);
        var b = new TicketChoice.Candidate(ticket("b", 2), 0);
        assertTrue(refusal(TicketChoice.choose(null, List.of(a, b), NOW)).contains("name the ticket"));
        assertEquals(new TicketChoice.Choice.Chosen(b.ticket()), TicketChoice.choose("b", List.of(b), NOW));
    }

    @Test
    void noOpenTicketSaysWhatToDo() {
        assertTrue(refusal(TicketChoice.choose(null, List.of(), NOW)).contains("an administrator opens one"));
        var closed = new TicketChoice.Candidate(ticket("a", 2).closed(NOW), 0);
        assertTrue(refusal(TicketChoice.choose(null, List.of(closed), NOW)).contains("no open"));
    }

    @Test
    void aNamedTicketThatIsFullClosedLateOrUnknownIsRefusedWithTheReason() {
        assertTrue(refusal(TicketChoice.choose("a", List.of(new TicketChoice.Candidate(ticket("a", 2), 2)), NOW))
                .contains("has its 2 recordings already"));
        assertTrue(refusal(TicketChoice.choose("a", List.of(new TicketChoice.Candidate(ticket("a", 2).closed(NOW), 0)), NOW))
                .contains("is closed"));
        assertTrue(refusal(TicketChoice.choose("a", List.of(new TicketChoice.Candidate(ticket("a", 2), 0)), NOW.plusSeconds(3600)))
                .contains("allowed recordings until"));
        assertTrue(refusal(TicketChoice.choose("x", List.of(), NOW)).contains("no ticket x"));
    }

    @Test
    void theOnlyOpenTicketBeingFullGivesItsReason() {
        var full = new TicketChoice.Candidate(ticket("a", 1), 1);
        assertTrue(refusal(TicketChoice.choose(null, List.of(full), NOW)).contains("has its 1 recordings already"));
    }
}
