package org.recgateway.diagnostics;

/**
 * The answer of the store to a key press: a slot on the ticket held for this call while the notice
 * plays, or why there is none. Counting, the deadline, the ticket being open and "one per call" are
 * decided in one store transaction, so concurrent presses cannot exceed the ticket's limit.
 */
public sealed interface Reservation {

    /** A slot held for the call; {@link DiagnosticsStore#confirm} or {@link DiagnosticsStore#release} ends the hold. */
    record Reserved(String slotId, DiagnosticTicket ticket) implements Reservation { }

    /** No slot; {@code reason} says why and is spoken of to the agent (e.g. "ticket X has its 2 recordings already"). */
    record Refused(String reason) implements Reservation { }
}
