package org.recgateway.listening;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.recgateway.diagnostics.DiagnosticTicket;

/** Where listening windows, counted plays and audio deletions live; durable when a method returns. */
public interface ListeningStore {

    void insertWindow(ListeningWindow window);

    /** The windows granted on a ticket, in the order they were granted. */
    List<ListeningWindow> windowsOf(String ticketId);

    /**
     * Counts the play if the window still allows it: atomically, fewer than {@code allowed} plays of
     * this sample in this window so far. Returns how many plays were made before this one, or
     * empty (nothing recorded) when the plays are used up.
     */
    Optional<Integer> recordPlay(Play play, int allowed);

    /** Plays of this sample in this window so far. */
    int plays(String windowId, String recordingId);

    /** Every ticket, open or closed, oldest first. */
    List<DiagnosticTicket> allTickets();

    /** Keeps when and why a diagnostic recording's audio was deleted. */
    void recordDeletion(String recordingId, Instant at, String reason);

    /** When the audio of this recording was deleted by the listening rules, if it was. */
    Optional<Instant> deletedAt(String recordingId);
}
