package org.recgateway.listening;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.recgateway.audit.Actors;
import org.recgateway.audit.AuditTrail;
import org.recgateway.diagnostics.DiagnosticRecording;
import org.recgateway.diagnostics.DiagnosticTicket;
import org.recgateway.diagnostics.DiagnosticsStore;
import org.recgateway.recording.Recording;
import org.recgateway.recording.AudioEraser;
import org.recgateway.recording.LegalHolds;
import org.recgateway.recording.AuditNotes;
import org.recgateway.recording.RecordingStatus;
import org.recgateway.recording.RecordingStore;

/**
 * The gateway keeps the promise "only briefly": once a ticket is closed, or every listening window
 * granted on it has ended, the audio of its diagnostic recordings is deleted. The metadata stays
 * (status {@code deleted}, size and SHA-256 of what was deleted) and the audit trail keeps when and
 * why. Run on a schedule; a recording still running is deleted on the first run after it is filed.
 */
public final class DiagnosticAudioDeletion {

    private final RecordingStore recordings;
    private final DiagnosticsStore diagnostics;
    private final ListeningStore listening;
    private final AuditTrail audit;
    private final Clock clock;
    private final AudioEraser eraser;
    private final LegalHolds holds;

    /** Deletion of plaintext files only (no vault); for tests and tools. */
    public DiagnosticAudioDeletion(RecordingStore recordings, DiagnosticsStore diagnostics, ListeningStore listening,
                                   AuditTrail audit, Clock clock) {
        this(recordings, diagnostics, listening, audit, clock,
                AudioEraser.plaintext(recordings, new AuditNotes(audit)));
    }

    /** @param eraser the one place that deletes audio and destroys its data key */
    public DiagnosticAudioDeletion(RecordingStore recordings, DiagnosticsStore diagnostics, ListeningStore listening,
                                   AuditTrail audit, Clock clock, AudioEraser eraser) {
        this(recordings, diagnostics, listening, audit, clock, eraser, null);
    }

    /** @param holds legal holds: a hold on the recording, its caller's number or its ticket pauses the deletion */
    public DiagnosticAudioDeletion(RecordingStore recordings, DiagnosticsStore diagnostics, ListeningStore listening,
                                   AuditTrail audit, Clock clock, AudioEraser eraser, LegalHolds holds) {
        this.holds = holds;
        this.recordings = recordings;
        this.diagnostics = diagnostics;
        this.listening = listening;
        this.audit = audit;
        this.clock = clock;
        this.eraser = eraser;
    }

    /**
     * What one run did.
     *
     * @param deleted  the recordings whose audio went
     * @param problems the files that could not be deleted, and why; the next run tries again
     */
    public record Deletions(List<String> deleted, List<String> problems) {
        public Deletions {
            deleted = List.copyOf(deleted);
            problems = List.copyOf(problems);
        }
    }

    /** Deletes the audio that is due now. */
    public Deletions deleteDue() {
        Instant now = clock.instant();
        List<String> deleted = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (DiagnosticTicket ticket : listening.allTickets()) {
            Optional<String> why = reason(ticket, now);
            if (why.isEmpty()) {
                continue;
            }
            for (DiagnosticRecording link : diagnostics.recordingsOf(ticket.id())) {
                recordings.byId(link.recordingId()).filter(r -> r.status() == RecordingStatus.FILED)
                        .ifPresent(r -> {
                            try {
                                delete(r, ticket, why.get(), now);
                                deleted.add(r.id());
                            } catch (IOException e) {
                                problems.add(r.id() + ": " + e);
                            }
                        });
            }
        }
        return new Deletions(deleted, problems);
    }

    private Optional<String> reason(DiagnosticTicket ticket, Instant now) {
        if (!ticket.open()) {
            return Optional.of("ticket-closed");
        }
        List<ListeningWindow> windows = listening.windowsOf(ticket.id());
        if (!windows.isEmpty() && windows.stream().noneMatch(w -> now.isBefore(w.until()))) {
            return Optional.of("listening-window-ended");
        }
        return Optional.empty();
    }

    private void delete(Recording r, DiagnosticTicket ticket, String why, Instant now) throws IOException {
        if (holds != null && !holds.covering(r).isEmpty()) {
            throw new IOException("paused by legal hold " + holds.covering(r).getFirst().id() + " until it is lifted");
        }
        Instant ended = r.ended() == null ? now : r.ended();
        eraser.erase(r, ended, Actors.GATEWAY, Map.of("reason", why, "ticket", ticket.reference(), "deletedAt", now.toString()));
        listening.recordDeletion(r.id(), now, why);
    }
}
