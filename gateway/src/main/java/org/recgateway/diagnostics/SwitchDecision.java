package org.recgateway.diagnostics;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Predicate;

import org.recgateway.metrics.GatewayMetrics;
import org.recgateway.policy.Purpose;
import org.recgateway.recording.Recording;
import org.recgateway.recording.RecordingQuery;
import org.recgateway.recording.RecordingStatus;
import org.recgateway.recording.RecordingStore;

/**
 * What a press of the diagnostic switch does, decided at once (PRODUCT.md rule 4): only a configured agent's channel;
 * a second press in a call with a running diagnostic recording stops it; a caller who objected earlier in the call is
 * not recorded; the ticket chosen by {@link TicketChoice}; an administrator only where the ticket allows; then a slot
 * reserved in the store (one per call, within the ticket's limits, held for {@code hold}) and the start handed on.
 */
final class SwitchDecision {
    private final DiagnosticsStore tickets;
    private final RecordingStore store;
    private final AgentDevices agents;
    private final DiagnosticStop stopper;
    private final Clock clock;
    private final GatewayMetrics metrics;
    private final Predicate<String> firstServer;
    private final DiagnosticsStore.Hold hold;
    private final BiConsumer<DiagnosticSwitch.Toggle, Reservation.Reserved> start;

    /**
     * @param firstServer whether a server is the gateway's first, whose calls' slots were kept under a bare linkedid
     *                    before V15
     * @param hold        how long a reservation is held for the notice, and by which gateway
     * @param start       starts on a reserved slot; must return at once (the start runs in the background)
     */
    SwitchDecision(DiagnosticsStore tickets, RecordingStore store, AgentDevices agents, DiagnosticStop stopper, Clock clock,
                   GatewayMetrics metrics, Predicate<String> firstServer, DiagnosticsStore.Hold hold,
                   BiConsumer<DiagnosticSwitch.Toggle, Reservation.Reserved> start) {
        this.tickets = tickets;
        this.store = store;
        this.agents = agents;
        this.stopper = stopper;
        this.clock = clock;
        this.metrics = metrics;
        this.firstServer = firstServer;
        this.hold = hold;
        this.start = start;
    }

    /** Stops, refuses (counted, with the reason) or reserves a slot and hands the start on. */
    DiagnosticSwitch.Outcome decide(DiagnosticSwitch.Toggle t) {
        if (!agents.knows(t.agentChannel())) {
            return refuse(t.agentChannel() + " is not an agent's channel (diagnostics.agents); only the agent's phone"
                    + " switches a diagnostic recording");
        }
        Optional<Recording> running = runningIn(t.linkedId(), t.server());
        if (running.isPresent()) {
            stopper.requestStop(running.get().id(), "switched off by " + t.by().actor() + " (" + t.by().how().id() + ")");
            return new DiagnosticSwitch.Outcome("stopped", running.get().id(), "");
        }
        if (objectedEarlier(t.linkedId(), t.server())) {
            return refuse("the caller objected to recording earlier in this call");
        }
        TicketChoice.Choice choice = TicketChoice.choose(t.ticketId(), candidates(t.ticketId()), clock.instant());
        if (choice instanceof TicketChoice.Choice.Refused(String reason)) {
            return refuse(reason);
        }
        DiagnosticTicket chosen = ((TicketChoice.Choice.Chosen) choice).ticket();
        if (t.by().how() == SwitchedBy.How.ADMINISTRATOR && !chosen.administratorMaySwitch()) {
            return refuse("ticket " + chosen.reference() + " does not let an administrator switch on for the agent;"
                    + " the agent switches it on (*8, or the agent's own token)");
        }
        // One slot per call; with several Asterisk servers a call is its server's linkedid (two servers' may be equal).
        String call = t.server() == null ? t.linkedId() : t.server() + "/" + t.linkedId();
        // A slot stored before slots were keyed by server (a bare linkedid, left open across the upgrade) is the first
        // server's call, as a recording stored without a server is (V15): it still counts for that call.
        String former = t.server() != null && firstServer.test(t.server()) ? t.linkedId() : null;
        Reservation reservation = tickets.reserve(chosen.id(), call, former, clock.instant(), hold);
        if (reservation instanceof Reservation.Refused(String reason)) {
            return refuse(reason);
        }
        start.accept(t, (Reservation.Reserved) reservation);
        return new DiagnosticSwitch.Outcome("starting", "", "ticket " + chosen.reference());
    }

    /** See {@link DiagnosticSwitch#runningIn(String, String)}. */
    Optional<Recording> runningIn(String linkedId, String server) {
        return store.find(RecordingQuery.byLinkedId(linkedId)).stream().filter(r -> r.status() == RecordingStatus.ACTIVE)
                .filter(r -> r.purpose() == Purpose.PROVIDER_DIAGNOSTICS && r.call().isOn(server)).findFirst();
    }

    /** A refusal, counted. */
    DiagnosticSwitch.Outcome refuse(String reason) {
        metrics.recording("diagnostic-refused");
        metrics.diagnosticSwitch("refused");
        return DiagnosticSwitch.Outcome.refused(reason);
    }

    private boolean objectedEarlier(String linkedId, String server) {
        return store.find(RecordingQuery.byLinkedId(linkedId)).stream().filter(r -> r.call().isOn(server)).anyMatch(r ->
                (r.choices() != null && r.choices().objectedAt() != null) || r.status() == RecordingStatus.DELETED);
    }

    private List<TicketChoice.Candidate> candidates(String ticketId) {
        List<DiagnosticTicket> list = ticketId != null && !ticketId.isBlank()
                ? tickets.ticket(ticketId).stream().toList() : tickets.openTickets();
        return list.stream().map(t -> new TicketChoice.Candidate(t, tickets.slotsUsed(t.id()))).toList();
    }
}
