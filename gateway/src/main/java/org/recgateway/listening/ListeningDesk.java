package org.recgateway.listening;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.recgateway.audit.Actors;
import org.recgateway.audit.AuditAction;
import org.recgateway.audit.AuditTrail;
import org.recgateway.diagnostics.DiagnosticRecording;
import org.recgateway.diagnostics.DiagnosticTicket;
import org.recgateway.diagnostics.DiagnosticsStore;
import org.recgateway.diagnostics.FaultMarker;
import org.recgateway.recording.AuditNotes;
import org.recgateway.recording.FiledAudio;
import org.recgateway.recording.Recording;
import org.recgateway.recording.RecordingStatus;
import org.recgateway.recording.RecordingStore;
import org.recgateway.recording.TamperedAudioException;

/**
 * The provider's side of a ticket: which samples it may see, and whether it may play a stretch of
 * one now. A play is counted and audited before a byte is served; a refusal is audited with its reason.
 */
public final class ListeningDesk {

    private final RecordingStore recordings;
    private final DiagnosticsStore diagnostics;
    private final ListeningStore listening;
    private final AuditTrail audit;
    private final Clock clock;
    private final FiledAudio audio;

    /** A desk for plaintext recordings (no vault, no metrics); for tests and tools. */
    public ListeningDesk(RecordingStore recordings, DiagnosticsStore diagnostics, ListeningStore listening,
                         AuditTrail audit, Clock clock) {
        this(recordings, diagnostics, listening, audit, clock, FiledAudio.plaintext(new AuditNotes(audit)));
    }

    /** @param audio reads the filed audio and proves it is what was filed before anything is counted or served */
    public ListeningDesk(RecordingStore recordings, DiagnosticsStore diagnostics, ListeningStore listening,
                         AuditTrail audit, Clock clock, FiledAudio audio) {
        this.recordings = recordings;
        this.diagnostics = diagnostics;
        this.listening = listening;
        this.audit = audit;
        this.clock = clock;
        this.audio = audio;
    }

    /** The samples of the provider's open tickets, oldest ticket first; the listing is audited (count and ids). */
    public List<Sample> samples(String provider) {
        Instant now = clock.instant();
        List<Sample> samples = diagnostics.ticketsOf(provider).stream().filter(DiagnosticTicket::open)
                .sorted(Comparator.comparing(DiagnosticTicket::opened))
                .flatMap(t -> diagnostics.recordingsOf(t.id()).stream().map(link -> sample(t, link, now)))
                .flatMap(Optional::stream).toList();
        Map<String, String> details = new LinkedHashMap<>();
        details.put("via", "http");
        details.put("count", Integer.toString(samples.size()));
        String ids = String.join(",", samples.stream().map(Sample::recordingId).toList());
        details.put("recordings", ids.length() > 3000 ? ids.substring(0, 3000) + ",..." : ids);
        audit.append(Actors.token(provider), AuditAction.SAMPLES_LISTED, null, details);
        return samples;
    }

    private Optional<Sample> sample(DiagnosticTicket ticket, DiagnosticRecording link, Instant now) {
        return recordings.byId(link.recordingId()).map(r -> {
            ListeningWindow window = deciding(ticket.id(), now).orElse(null);
            List<FaultMarker> markers = diagnostics.markers(r.id());
            List<Span> spans = window == null ? List.of() : AllowedSpans.of(window, markers, length(r), ticket.maxAudible());
            String refusal = refusal(ticket, r, window, now, true).orElse(null);
            int left = window == null || !window.openAt(now) ? 0 : window.playsPerSample() - listening.plays(window.id(), r.id());
            return new Sample(r.id(), ticket.id(), ticket.reference(), ticket.description(), r.started(), r.durationMillis(),
                    r.status().id(), markers.stream().map(FaultMarker::offsetMillis).toList(), spans, window, Math.max(0, left),
                    refusal, format(r), diagnostics.lineQuality(r.id()));
        });
    }

    /** Decides, and when granted counts the play and audits it (the caller then serves exactly that span). */
    public PlayDecision play(String provider, String recordingId, int spanIndex) {
        Instant now = clock.instant();
        String actor = Actors.token(provider);
        Stretch stretch = stretch(provider, recordingId, spanIndex, now, true, "served");
        if (stretch instanceof Stretch.Refused(String reason)) {
            return refused(actor, recordingId, reason);
        }
        Stretch.Cut cut = (Stretch.Cut) stretch;
        ListeningWindow window = cut.window();
        Span span = cut.span();
        Optional<Integer> before = listening.recordPlay(new Play(window.id(), recordingId, provider, now, span),
                window.playsPerSample());
        if (before.isEmpty()) {
            return refused(actor, recordingId, "the " + window.playsPerSample()
                    + " plays of this sample in this listening window are used up");
        }
        int play = before.get() + 1;
        Map<String, String> details = new LinkedHashMap<>();
        details.put("via", "http");
        details.put("ticket", cut.ticket().reference());
        details.put("window", window.id());
        details.put("fromSeconds", seconds(span.startMillis()));
        details.put("toSeconds", seconds(span.endMillis()));
        details.put("play", play + " of " + window.playsPerSample());
        audit.append(actor, AuditAction.AUDIO_PLAYED, recordingId, details);
        audio.metrics().play("served");
        return new PlayDecision.Granted(cut.wav(), span, play, window.playsPerSample());
    }

    /**
     * Decides whether the provider may see the waveform and spectrogram of one allowed stretch; when granted
     * the view is audited ({@code sample-viewed}); it never counts as a play, and needs no plays left.
     */
    public LookDecision look(String provider, String recordingId, int spanIndex) {
        Instant now = clock.instant();
        String actor = Actors.token(provider);
        Stretch stretch = stretch(provider, recordingId, spanIndex, now, false, "shown");
        if (stretch instanceof Stretch.Refused(String reason)) {
            audit.append(actor, AuditAction.PLAY_REFUSED, recordingId, Map.of("via", "http", "reason", reason, "view", "picture"));
            return new LookDecision.Refused(reason);
        }
        Stretch.Cut cut = (Stretch.Cut) stretch;
        Span span = cut.span();
        audit.append(actor, AuditAction.SAMPLE_VIEWED, recordingId, Map.of("via", "http", "ticket", cut.ticket().reference(),
                "window", cut.window().id(), "fromSeconds", seconds(span.startMillis()), "toSeconds", seconds(span.endMillis())));
        return new LookDecision.Granted(cut.wav(), span, cut.markers().stream().map(FaultMarker::offsetMillis).toList());
    }

    /** One allowed stretch of a sample, cut and proven, or why not: what a play and a look have in common. */
    private sealed interface Stretch {
        record Cut(DiagnosticTicket ticket, ListeningWindow window, List<FaultMarker> markers, Span span, byte[] wav)
                implements Stretch { }

        record Refused(String reason) implements Stretch { }
    }

    /**
     * Finds the provider's sample, applies the refusals (plays left only when {@code needsPlays}), picks span
     * {@code spanIndex} and cuts it from the filed audio, proven; {@code verb} ("served", "shown") words a
     * tampered-audio refusal. Audits nothing: the caller audits the outcome its own way.
     */
    private Stretch stretch(String provider, String recordingId, int spanIndex, Instant now, boolean needsPlays, String verb) {
        Optional<DiagnosticTicket> ticket = diagnostics.linkOf(recordingId).flatMap(l -> diagnostics.ticket(l.ticketId()))
                .filter(t -> t.provider().equals(provider));
        Optional<Recording> recording = ticket.flatMap(t -> recordings.byId(recordingId));
        if (recording.isEmpty()) {
            return new Stretch.Refused("recording " + recordingId + " is not a diagnostic recording of a ticket of provider " + provider);
        }
        ListeningWindow window = deciding(ticket.get().id(), now).orElse(null);
        Optional<String> refusal = refusal(ticket.get(), recording.get(), window, now, needsPlays);
        if (refusal.isPresent()) {
            return new Stretch.Refused(refusal.get());
        }
        List<FaultMarker> markers = diagnostics.markers(recordingId);
        List<Span> spans = AllowedSpans.of(window, markers, length(recording.get()), ticket.get().maxAudible());
        if (spanIndex < 0 || spanIndex >= spans.size()) {
            return new Stretch.Refused("segment " + spanIndex + " does not exist; this sample has " + spans.size()
                    + " (numbered from 0)");
        }
        Span span = spans.get(spanIndex);
        try {
            byte[] wav = audio.segment(recording.get(), Duration.ofMillis(span.startMillis()), Duration.ofMillis(span.lengthMillis()));
            return new Stretch.Cut(ticket.get(), window, markers, span, wav);
        } catch (TamperedAudioException e) {
            return new Stretch.Refused("this recording's audio is not the audio that was filed, so it is not " + verb
                    + "; the administrator has been alerted");
        } catch (IOException e) {
            return new Stretch.Refused("the audio of this recording cannot be read right now (" + e.getMessage()
                    + "); try again later or ask the administrator");
        }
    }

    private Optional<String> refusal(DiagnosticTicket ticket, Recording r, ListeningWindow window, Instant now,
                                     boolean needsPlays) {
        if (!ticket.open()) {
            return Optional.of("ticket " + ticket.reference() + " is closed");
        }
        if (r.status() == RecordingStatus.DELETED) {
            return Optional.of("the audio of this recording was deleted"
                    + listening.deletedAt(r.id()).map(at -> " at " + at).orElse(""));
        }
        if (r.status() != RecordingStatus.FILED || r.filePath() == null || !Files.isRegularFile(Path.of(r.filePath()))) {
            return Optional.of("this recording has no audio to play (it is " + r.status().id() + ")");
        }
        if (window == null) {
            return Optional.of("no listening window has been granted on ticket " + ticket.reference());
        }
        Optional<String> closed = window.refusal(now);
        if (closed.isPresent()) {
            return closed;
        }
        if (needsPlays && listening.plays(window.id(), r.id()) >= window.playsPerSample()) {
            return Optional.of("the " + window.playsPerSample() + " plays of this sample in this listening window are used up");
        }
        return Optional.empty();
    }

    /** The window open now (the one lasting longest), else the next to open, else the last to close. */
    Optional<ListeningWindow> deciding(String ticketId, Instant now) {
        List<ListeningWindow> windows = listening.windowsOf(ticketId);
        Optional<ListeningWindow> open = windows.stream().filter(w -> w.openAt(now)).max(Comparator.comparing(ListeningWindow::until));
        if (open.isPresent()) {
            return open;
        }
        Optional<ListeningWindow> next = windows.stream().filter(w -> now.isBefore(w.from())).min(Comparator.comparing(ListeningWindow::from));
        return next.isPresent() ? next : windows.stream().max(Comparator.comparing(ListeningWindow::until));
    }

    private PlayDecision refused(String actor, String recordingId, String reason) {
        audit.append(actor, AuditAction.PLAY_REFUSED, recordingId, Map.of("via", "http", "reason", reason));
        audio.metrics().play("refused");
        return new PlayDecision.Refused(reason);
    }

    /** The provider's view of one sample of its open tickets, if it is one. */
    public Optional<Sample> sample(String provider, String recordingId) {
        return samples(provider).stream().filter(s -> s.recordingId().equals(recordingId)).findFirst();
    }

    private static String format(Recording r) {
        String path = r.filePath() == null ? "" : r.filePath();
        int dot = path.lastIndexOf('.');
        return dot < 0 ? "" : path.substring(dot + 1);
    }

    private static long length(Recording r) {
        Long millis = r.durationMillis();
        return millis == null ? 0 : millis;
    }

    static String seconds(long millis) {
        return java.math.BigDecimal.valueOf(millis, 3).stripTrailingZeros().toPlainString();
    }
}
