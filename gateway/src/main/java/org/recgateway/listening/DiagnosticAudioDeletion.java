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

    /** Deletion of plaintext files only (no vault); for tests and tools. */
    public DiagnosticAudioDeletion(RecordingStore recordings, DiagnosticsStore diagnostics, ListeningStore listening,
                                   AuditTrail audit, Clock clock) {
        this(recordings, diagnostics, listening, audit, clock,
                AudioEraser.plaintext(recordings, new AuditNotes(audit), clock));
    }

    /**
     * @param eraser the one place that deletes audio and destroys its data key; a legal hold on the recording,
     *               its caller's number or its ticket pauses the deletion there until it is lifted
     */
    public DiagnosticAudioDeletion(RecordingStore recordings, DiagnosticsStore diagnostics, ListeningStore listening,
                                   AuditTrail audit, Clock clock, AudioEraser eraser) {
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
                Optional<Recording> found = recordings.byId(link.recordingId());
                found.filter(r -> finishedAfterHold(r, why.get())).ifPresent(r -> {
                    // paused by a legal hold, finished by the retention sweep once it was lifted
                    listening.recordDeletion(r.id(), r.deletion().at(), why.get());
                    deleted.add(r.id());
                });
                found.filter(r -> r.status() == RecordingStatus.FILED)
                        .ifPresent(r -> {
                            try {
                                if (delete(r, ticket, why.get(), now)) {
                                    deleted.add(r.id());
                                }
                            } catch (IOException e) {
                                problems.add(r.id() + ": " + e);
                            }
                        });
            }
        }
        return new Deletions(deleted, problems);
    }

    private boolean finishedAfterHold(Recording r, String why) {
        return r.status() == RecordingStatus.DELETED && r.deletion() != null && why.equals(r.deletion().reason())
                && listening.deletedAt(r.id()).isEmpty();
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

    /** True when the audio went; false while a legal hold keeps it (the retention sweep finishes it once lifted). */
    private boolean delete(Recording r, DiagnosticTicket ticket, String why, Instant now) throws IOException {
        AudioEraser.Result done = eraser.delete(r, why, Actors.GATEWAY, Map.of("ticket", ticket.reference()));
        if (done.held()) {
            return false;
        }
        if (!done.deleted()) {
            throw new IOException(done.reason());
        }
        listening.recordDeletion(r.id(), now, why);
        return true;
    }
}
