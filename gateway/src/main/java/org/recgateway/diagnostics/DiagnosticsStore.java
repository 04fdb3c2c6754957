package org.recgateway.diagnostics;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Where tickets, the ticket of each diagnostic recording and fault markers live; durable when a method returns. */
public interface DiagnosticsStore {

    void insertTicket(DiagnosticTicket ticket);

    Optional<DiagnosticTicket> ticket(String id);

    /** Tickets not closed, oldest first. */
    List<DiagnosticTicket> openTickets();

    /** All tickets of a provider, newest first. */
    List<DiagnosticTicket> ticketsOf(String provider);

    void closeTicket(String id, Instant at);

    void linkRecording(DiagnosticRecording link);

    Optional<DiagnosticRecording> linkOf(String recordingId);

    /** The recordings made for a ticket, in the order they were made. */
    List<DiagnosticRecording> recordingsOf(String ticketId);

    void addMarker(FaultMarker marker);

    List<FaultMarker> markers(String recordingId);
}
