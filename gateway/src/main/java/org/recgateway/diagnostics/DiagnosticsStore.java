package org.recgateway.diagnostics;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where tickets, their slots, the ticket of each diagnostic recording and fault markers live; durable
 * when a method returns. The limits are the store's: a slot is reserved, confirmed or refused in one
 * transaction, and constraints refuse a slot or marker beyond the ticket's limits whatever the caller does.
 */
public interface DiagnosticsStore {

    void insertTicket(DiagnosticTicket ticket);

    Optional<DiagnosticTicket> ticket(String id);

    /** Tickets not closed, oldest first. */
    List<DiagnosticTicket> openTickets();

    /** All tickets of a provider, newest first. */
    List<DiagnosticTicket> ticketsOf(String provider);

    void closeTicket(String id, Instant at);

    /**
     * At the key press, in one transaction: the call has no slot yet (one per call), the ticket is open,
     * before its deadline at {@code now}, and has a slot left; then a slot is held for the call.
     */
    default Reservation reserve(String ticketId, String linkedId, Instant now) {
        return reserve(ticketId, linkedId, null, now);
    }

    /**
     * As {@link #reserve(String, String, Instant)} for the call keyed {@code call}; a slot stored under
     * {@code formerKey} counts as this call's too (a slot of the first Asterisk server's call kept under its bare
     * linkedid, as slots were keyed before several servers, issue #17 item 3). Null: no former key. Held for
     * {@link Hold#STANDARD}.
     */
    default Reservation reserve(String ticketId, String call, String formerKey, Instant now) {
        return reserve(ticketId, call, formerKey, now, Hold.STANDARD);
    }

    /**
     * As {@link #reserve(String, String, String, Instant)}, held until {@code now} plus {@code hold}'s length: a slot
     * neither confirmed nor released by then is released by {@link #releaseExpired} (its gateway died mid-notice, or its
     * start hung), and a confirmation after that is refused.
     */
    Reservation reserve(String ticketId, String call, String formerKey, Instant now, Hold hold);

    /**
     * How long a reservation is held for its notice and confirmation, and which gateway holds it.
     *
     * @param length at least the notice's timeout: a live start confirms or releases well within it
     * @param by     the reserving gateway as its work claims name it (host, process id), for logs and the audit trail
     */
    record Hold(Duration length, String by) {
        /** The hold of a reservation made without one: 90 s (a 30-s notice, its origination and the confirmation). */
        public static final Hold STANDARD = new Hold(Duration.ofSeconds(90), "a gateway");

        public Hold {
            if (length.isNegative() || length.isZero()) {
                throw new IllegalArgumentException("a reservation's hold must be positive, not " + length);
            }
        }
    }

    /** A reserved slot {@link #releaseExpired} gave back: nobody confirmed or released it before {@code heldUntil}. */
    record ExpiredSlot(String slotId, String ticketId, String call, String reservedBy, Instant reservedAt, Instant heldUntil) { }

    /**
     * Releases every slot still reserved at {@code now} whose hold has ended (a slot reserved without a hold, before
     * V16, is held for {@link Hold#STANDARD}'s length after it was reserved), each in its own transaction that checks
     * it is still reserved; returns the ones this call released. Gateways sweeping one store at once release each
     * slot once: a slot appears in exactly one gateway's answer.
     */
    List<ExpiredSlot> releaseExpired(Instant now);

    /**
     * How long after its confirmation a slot whose recording row is still absent is taken as never stored: 10 minutes.
     * The row is inserted right after the confirmation (before MixMonitor starts); it is absent only when the gateway
     * stopped between the two, or the insert failed and the start gave up. The margin is far beyond any store wait.
     */
    Duration NEVER_STORED_AFTER = Duration.ofMinutes(10);

    /** A confirmed slot {@link #releaseNeverStored} gave back: its recording {@code recordingId} was never stored. */
    record UnstoredSlot(String slotId, String ticketId, String call, String recordingId, Instant confirmedAt) { }

    /**
     * Releases every confirmed slot of an open ticket before its deadline whose recording row is still absent
     * {@link #NEVER_STORED_AFTER} after the confirmation: nothing was recorded on it, so the ticket has it back and the
     * call may be switched on again. Each in its own statement that checks again; gateways sweeping one store at once
     * release each slot once. The slot's link row stays (the confirmation happened); listings skip absent recordings.
     */
    List<UnstoredSlot> releaseNeverStored(Instant now);

    /**
     * After the notice, in one transaction: the ticket is still open and before its deadline at
     * {@code now}; then the slot records {@code link}'s recording, which must stop by {@code stopBy},
     * and the link is stored. Otherwise the slot is released and the refusal returned.
     */
    Optional<String> confirm(String slotId, DiagnosticRecording link, Instant now, Instant stopBy);

    /** Gives a reserved slot back (the notice did not reach both parties): the ticket and the call may try again. */
    void release(String slotId, String why);

    /** Slots the ticket has used: reserved or recorded. */
    int slotsUsed(String ticketId);

    /** A recording that must be stopped: its stop-by time has come and Asterisk has not confirmed a stop. */
    record StopDue(String recordingId, Instant stopBy, int attempts) { }

    /** The recordings whose stop-by time is at or before {@code now} and whose stop is not confirmed, earliest first. */
    List<StopDue> stopsDue(Instant now);

    /** Brings a recording's stop-by time forward to {@code at} (the agent switched it off); never later. */
    void stopRequested(String recordingId, Instant at);

    /** Asterisk confirmed the stop, or there was nothing left to stop. */
    void stopConfirmed(String recordingId, Instant at);

    /** One more failed stop; returns the attempts so far. */
    int stopFailed(String recordingId);

    /** Diagnostic recordings whose stop Asterisk has not confirmed yet (running, or due to stop). */
    List<String> unstoppedRecordings();

    /** Keeps one line-quality reading. */
    void addLineQuality(LineQuality reading);

    /** The line-quality readings of a recording, in time order. */
    List<LineQuality> lineQuality(String recordingId);

    void linkRecording(DiagnosticRecording link);

    Optional<DiagnosticRecording> linkOf(String recordingId);

    /** The recordings made for a ticket, in the order they were made. */
    List<DiagnosticRecording> recordingsOf(String ticketId);

    /** Stores the marker; false when the recording has every marker its ticket allows (a store constraint). */
    boolean addMarker(FaultMarker marker);

    List<FaultMarker> markers(String recordingId);
}
