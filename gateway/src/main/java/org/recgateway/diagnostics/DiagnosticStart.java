package org.recgateway.diagnostics;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import org.recgateway.metrics.GatewayMetrics;
import org.recgateway.policy.Languages;
import org.recgateway.policy.LegalBasis;
import org.recgateway.policy.Purpose;
import org.recgateway.prompts.NoticePrompt;
import org.recgateway.prompts.PromptLibrary;
import org.recgateway.recording.NoticeEvidence;
import org.recgateway.recording.Recorder;
import org.recgateway.recording.Evidence;
import org.recgateway.recording.PurposeSet;
import org.recgateway.recording.RecordedCall;
import org.recgateway.recording.Recording;
import org.recgateway.recording.RecordingFiler;
import org.recgateway.recording.RecordingFiles;
import org.recgateway.recording.RecordingQuery;
import org.recgateway.recording.RecordingStart;
import org.recgateway.recording.RecordingStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts a diagnostic recording on a reserved slot: both parties hear the notice (if it cannot reach
 * both, the slot is released and nothing is recorded); the store confirms the slot again (the ticket
 * may have closed or passed its deadline while the notice played) and persists the stop-by time; the
 * recording is filed as active, MixMonitor starts, and the start is audited with who switched it on. The notice and
 * MixMonitor go to the Asterisk server the call is on ({@link DiagnosticSwitch.Toggle#server()}), and the recording
 * names it.
 */
final class DiagnosticStart {
    static final String NOTICE = "notice-diagnostic";
    private static final Logger LOG = LoggerFactory.getLogger(DiagnosticStart.class);

    private final DiagnosticsStore tickets;
    private final RecordingStore store;
    private final RecordingFiles files;
    private final RecordingFiler filer;
    private final Recorder recorder;
    private final BothPartiesNotice notice;
    private final PromptLibrary prompts;
    private final Clock clock;
    private final GatewayMetrics metrics;
    private final Duration noticeTimeout;
    private final java.util.function.Consumer<Instant> sweepAt;

    DiagnosticStart(DiagnosticsStore tickets, RecordingStore store, RecordingFiles files, RecordingFiler filer, Recorder recorder,
                    BothPartiesNotice notice, PromptLibrary prompts, Clock clock, GatewayMetrics metrics, Duration noticeTimeout,
                    java.util.function.Consumer<Instant> sweepAt) {
        this.tickets = tickets;
        this.store = store;
        this.files = files;
        this.filer = filer;
        this.recorder = recorder;
        this.notice = notice;
        this.prompts = prompts;
        this.clock = clock;
        this.metrics = metrics;
        this.noticeTimeout = noticeTimeout;
        this.sweepAt = sweepAt;
    }

    /** Plays the notice and starts; returns the recording id, or the reason nothing was recorded. Never throws for a refusal. */
    Result start(DiagnosticSwitch.Toggle t, Reservation.Reserved slot) {
        try {
            return startOn(t, slot);
        } catch (RuntimeException e) {
            tickets.release(slot.slotId(), "the start failed: " + e);
            throw e;
        }
    }

    /** The recording started ({@code recordingId}), or why not. */
    record Result(String recordingId, String refusal) {
        boolean started() {
            return refusal.isEmpty();
        }
    }

    /**
     * The language the caller hears the diagnostic notice in: the language of the notice the gateway
     * already played to the caller in this call when there is one (the switch runs on the agent's channel,
     * whose language is the agent's), else the toggle's; matched to the notice's languages
     * ({@link Languages}: {@code nl_NL} plays {@code nl}), Dutch when none fits.
     */
    private String callersLanguage(DiagnosticSwitch.Toggle t) {
        String heard = t.linkedId() == null ? null : store.find(RecordingQuery.byLinkedId(t.linkedId())).stream()
                .filter(r -> r.purpose() != Purpose.PROVIDER_DIAGNOSTICS && r.notice() != null && r.call().isOn(t.server()))
                .map(r -> r.notice().language()).findFirst().orElse(null);
        return Languages.match(heard != null ? heard : t.language(), prompts.languagesOf(NOTICE)).orElse("nl");
    }

    private Result startOn(DiagnosticSwitch.Toggle t, Reservation.Reserved slot) {
        DiagnosticTicket ticket = slot.ticket();
        NoticePrompt prompt = prompts.find(NOTICE, callersLanguage(t)).orElseThrow();
        BothPartiesNotice.Result heard = notice.on(t.server()).play(t.agentChannel(), prompt.playbackName(), noticeTimeout);
        boolean both = heard.heardBy().contains(t.agentChannel())
                && (t.callerChannel() == null || t.callerChannel().isBlank() || heard.heardBy().contains(t.callerChannel()));
        if (!heard.playedToEnd() || !both) {
            String why = "the notice did not reach both parties: " + heard.detail() + " (heard by " + heard.heardBy() + ")";
            tickets.release(slot.slotId(), why);
            return refused(ticket, t, why);
        }
        String id = RecordingFiles.newId();
        Instant started = clock.instant();
        Instant stopBy = started.plus(ticket.maxLength());
        Optional<String> refusal = tickets.confirm(slot.slotId(), new DiagnosticRecording(id, ticket.id(),
                AgentDevices.deviceOf(t.agentChannel()), t.agentChannel(), t.callerChannel(), heard.heardBy(), t.by().actor(),
                t.by().how().id()), started, stopBy);
        if (refusal.isPresent()) {
            return refused(ticket, t, refusal.get());
        }
        NoticeEvidence evidence = new NoticeEvidence(prompt.id(), prompt.language(), prompt.version(), prompt.textSha256(),
                prompt.audioSha256(), heard.started(), heard.ended(), true, prompt.durationSamples(), prompt.durationSamples());
        // Diagnostic audio ends at its purpose's maximum even while the ticket stays open without a window.
        java.time.Duration keep = Purpose.PROVIDER_DIAGNOSTICS.maxRetention();
        Recording recording = Recording.active(id,
                new RecordedCall(t.agentUniqueId(), t.linkedId(), t.agentChannel(), t.callerNumber(), t.calledNumber(), t.server()),
                new Evidence("ticket:" + ticket.reference(), evidence, null),
                PurposeSet.of(Purpose.PROVIDER_DIAGNOSTICS, LegalBasis.LEGITIMATE_INTEREST, keep),
                files.localPath(id, started).toString(), started);
        RecordingStart start = new RecordingStart(store, files, filer, metrics);
        try {
            start.fileActiveThenStart(recording, file -> Optional.of(recorder.on(t.server()).start(t.agentChannel(), file)));
            // Started only on an agent's bridged call: it reached a person.
            store.bridged(id, started);
        } catch (Exception e) {
            LOG.warn("diagnostic recording {} could not start on {}: {}", id, t.agentChannel(), e.toString());
            metrics.recording("start-failed");
            filer.file(recording);  // idempotent: already filed when MixMonitor itself failed to start
            tickets.stopConfirmed(id, clock.instant());
            return new Result(id, "MixMonitor did not start: " + e.getMessage());
        }
        start.audited(recording, "diagnostic-started", t.by().actor(), Map.of("ticket", ticket.reference(),
                "purposes", Purpose.PROVIDER_DIAGNOSTICS.id(), "noticeHeardBy", String.join(" ", heard.heardBy()),
                "switchedBy", t.by().actor(), "how", t.by().how().id(), "agent", AgentDevices.deviceOf(t.agentChannel()),
                "maxLengthSeconds", Long.toString(ticket.maxLength().toSeconds()), "stopBy", stopBy.toString()));
        metrics.diagnosticSwitch("started");
        LOG.info("diagnostic recording {} started for ticket {} on {}, stops by {}", id, ticket.reference(), t.agentChannel(), stopBy);
        sweepAt.accept(stopBy);
        return new Result(id, "");
    }

    private Result refused(DiagnosticTicket ticket, DiagnosticSwitch.Toggle t, String why) {
        metrics.recording("diagnostic-refused");
        metrics.diagnosticSwitch("refused");
        LOG.warn("diagnostic recording for ticket {} not started on {}: {}", ticket.reference(), t.agentChannel(), why);
        return new Result("", why);
    }
}
