package org.recgateway.diagnostics;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.recgateway.audit.Actors;
import org.recgateway.audit.AuditAction;
import org.recgateway.metrics.GatewayMetrics;
import org.recgateway.policy.LegalBasis;
import org.recgateway.policy.Purpose;
import org.recgateway.prompts.NoticePrompt;
import org.recgateway.prompts.PromptLibrary;
import org.recgateway.recording.NoticeEvidence;
import org.recgateway.recording.RecordedPurpose;
import org.recgateway.recording.Recorder;
import org.recgateway.recording.Recording;
import org.recgateway.recording.RecordingFiler;
import org.recgateway.recording.RecordingFiles;
import org.recgateway.recording.RecordingQuery;
import org.recgateway.recording.RecordingStatus;
import org.recgateway.recording.RecordingStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent's switch for a short diagnostic recording of the current call (PRODUCT.md rule 4):
 * only for an open ticket within its limits, at most one per call at a time; both parties hear the
 * diagnostic notice before any audio is recorded, and if it cannot reach both, nothing is recorded;
 * it stops by itself at the ticket's maximum length. The same switch stops it.
 */
public final class DiagnosticSwitch {
    static final String NOTICE = "notice-diagnostic";
    private static final Logger LOG = LoggerFactory.getLogger(DiagnosticSwitch.class);

    private final DiagnosticsStore tickets;
    private final RecordingStore store;
    private final RecordingFiles files;
    private final RecordingFiler filer;
    private final Recorder recorder;
    private final BothPartiesNotice notice;
    private final PromptLibrary prompts;
    private final ScheduledExecutorService timers;
    private final Clock clock;
    private final GatewayMetrics metrics;
    private final Duration noticeTimeout;
    private final Set<String> switching = ConcurrentHashMap.newKeySet();
    private final CallLocator locator;
    private final java.util.concurrent.Executor background;

    public DiagnosticSwitch(DiagnosticsStore tickets, RecordingStore store, RecordingFiles files, RecordingFiler filer,
                            Recorder recorder, BothPartiesNotice notice, PromptLibrary prompts,
                            ScheduledExecutorService timers, Clock clock, GatewayMetrics metrics, Duration noticeTimeout) {
        this(tickets, store, files, filer, recorder, notice, prompts, timers, clock, metrics, noticeTimeout, agent -> {
            throw new IllegalStateException("this gateway cannot look up calls (AMI is not configured)");
        }, Runnable::run);
    }

    /** With {@code locator} and {@code background} for the switch pressed from outside the call ({@link #toggleFor(String, String)}). */
    public DiagnosticSwitch(DiagnosticsStore tickets, RecordingStore store, RecordingFiles files, RecordingFiler filer,
                            Recorder recorder, BothPartiesNotice notice, PromptLibrary prompts,
                            ScheduledExecutorService timers, Clock clock, GatewayMetrics metrics, Duration noticeTimeout,
                            CallLocator locator, java.util.concurrent.Executor background) {
        this.locator = locator;
        this.background = background;
        this.tickets = tickets;
        this.store = store;
        this.files = files;
        this.filer = filer;
        this.recorder = recorder;
        this.notice = notice;
        this.prompts = prompts;
        this.timers = timers;
        this.clock = clock;
        this.metrics = metrics;
        this.noticeTimeout = noticeTimeout;
    }

    /**
     * The agent pressed the switch.
     *
     * @param agentChannel  the agent's channel (MixMonitor runs there; it hears both parties)
     * @param callerChannel the other party in the bridge, when known
     * @param ticketId      the ticket to record for; null picks the one open ticket that can take a recording
     */
    public record Toggle(String agentChannel, String agentUniqueId, String linkedId, String callerChannel,
                         String callerNumber, String calledNumber, String agent, String ticketId, String language) { }

    /** What the switch did: {@code starting}, {@code stopped} or {@code refused} (with the reason). */
    public record Outcome(String action, String recordingId, String reason) {
        static Outcome refused(String reason) {
            return new Outcome("refused", "", reason);
        }
    }

    /**
     * Decides at once (the agent's feature code must return quickly so that the agent's channel is
     * back in the bridge before the notice plays); a start then continues in the background.
     */
    public Outcome toggle(Toggle t, java.util.concurrent.Executor background) {
        Optional<Recording> running = runningIn(t.linkedId());
        if (running.isPresent()) {
            stop(running.get().id(), "the agent switched it off");
            return new Outcome("stopped", running.get().id(), "");
        }
        if (!switching.add(t.linkedId())) {
            metrics.recording("diagnostic-refused");
            return Outcome.refused("a diagnostic recording is being switched on for this call already");
        }
        Optional<DiagnosticTicket> ticket;
        try {
            ticket = chooseTicket(t.ticketId());
        } catch (IllegalStateException refusal) {
            switching.remove(t.linkedId());
            metrics.recording("diagnostic-refused");
            return Outcome.refused(refusal.getMessage());
        }
        DiagnosticTicket chosen = ticket.orElseThrow();
        background.execute(() -> {
            try {
                start(t, chosen);
            } finally {
                switching.remove(t.linkedId());
            }
        });
        return new Outcome("starting", "", "ticket " + chosen.reference());
    }

    private Optional<DiagnosticTicket> chooseTicket(String ticketId) {
        Instant now = clock.instant();
        if (ticketId != null && !ticketId.isBlank()) {
            DiagnosticTicket t = tickets.ticket(ticketId).orElseThrow(() -> new IllegalStateException("no ticket " + ticketId));
            t.refusal(tickets.recordingsOf(t.id()).size(), now).ifPresent(r -> {
                throw new IllegalStateException(r);
            });
            return Optional.of(t);
        }
        List<DiagnosticTicket> open = tickets.openTickets();
        if (open.isEmpty()) {
            throw new IllegalStateException("there is no open diagnostic ticket; an administrator opens one for the provider first");
        }
        List<DiagnosticTicket> usable = open.stream()
                .filter(t -> t.refusal(tickets.recordingsOf(t.id()).size(), now).isEmpty()).toList();
        if (usable.isEmpty()) {
            throw new IllegalStateException(open.getFirst().refusal(tickets.recordingsOf(open.getFirst().id()).size(), now).orElseThrow());
        }
        if (usable.size() > 1) {
            throw new IllegalStateException(usable.size() + " open tickets can take a recording; name the ticket");
        }
        return Optional.of(usable.getFirst());
    }

    private void start(Toggle t, DiagnosticTicket ticket) {
        String language = t.language() == null || prompts.find(NOTICE, t.language()).isEmpty() ? "nl" : t.language();
        NoticePrompt prompt = prompts.find(NOTICE, language).orElseThrow();
        BothPartiesNotice.Result heard = notice.play(t.agentChannel(), prompt.playbackName(), noticeTimeout);
        boolean both = heard.heardBy().contains(t.agentChannel())
                && (t.callerChannel() == null || t.callerChannel().isBlank() || heard.heardBy().contains(t.callerChannel()));
        if (!heard.playedToEnd() || !both) {
            metrics.recording("diagnostic-refused");
            LOG.warn("diagnostic recording for ticket {} not started on {}: {} (heard by {})", ticket.reference(),
                    t.agentChannel(), heard.detail(), heard.heardBy());
            return;
        }
        NoticeEvidence evidence = new NoticeEvidence(prompt.id(), prompt.language(), prompt.version(), prompt.textSha256(),
                prompt.audioSha256(), heard.started(), heard.ended(), true, prompt.durationSamples(), prompt.durationSamples());
        String id = RecordingFiles.newId();
        Instant started = clock.instant();
        // Diagnostic audio ends at its purpose's maximum even while the ticket stays open without a window.
        Duration keep = Purpose.PROVIDER_DIAGNOSTICS.maxRetention();
        Recording recording = new Recording(id, t.agentUniqueId(), t.linkedId(), t.agentChannel(), t.callerNumber(),
                t.calledNumber(), Purpose.PROVIDER_DIAGNOSTICS, LegalBasis.LEGITIMATE_INTEREST, "ticket:" + ticket.reference(),
                keep, evidence, started, null, null, files.localPath(id, started).toString(), null, null,
                RecordingStatus.ACTIVE, List.of(new RecordedPurpose(Purpose.PROVIDER_DIAGNOSTICS, LegalBasis.LEGITIMATE_INTEREST, keep)),
                null);
        store.insert(recording);
        tickets.linkRecording(new DiagnosticRecording(id, ticket.id(), t.agent(), t.agentChannel(), t.callerChannel(),
                heard.heardBy()));
        try {
            recorder.start(t.agentChannel(), files.asteriskPath(id, started));
        } catch (Exception e) {
            LOG.warn("diagnostic recording {} could not start on {}: {}", id, t.agentChannel(), e.toString());
            filer.file(recording);
            return;
        }
        metrics.recording("diagnostic-started");
        filer.audit().note(Actors.agent(t.agent()), AuditAction.RECORDING_STARTED, id, Map.of("ticket", ticket.reference(),
                "purposes", Purpose.PROVIDER_DIAGNOSTICS.id(), "noticeHeardBy", String.join(" ", heard.heardBy()),
                "maxLengthSeconds", Long.toString(ticket.maxLength().toSeconds())));
        LOG.info("diagnostic recording {} started for ticket {} on {}, stops by itself after {} s", id, ticket.reference(),
                t.agentChannel(), ticket.maxLength().toSeconds());
        timers.schedule(() -> stop(id, "the ticket's maximum length was reached"), ticket.maxLength().toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Stops a running diagnostic recording; the filer files it when MixMonitor reports the stop. */
    public void stop(String recordingId, String why) {
        Optional<Recording> r = store.byId(recordingId).filter(x -> x.status() == RecordingStatus.ACTIVE);
        if (r.isEmpty()) {
            return;
        }
        try {
            recorder.stop(r.get().channel());
            LOG.info("diagnostic recording {} stopped: {}", recordingId, why);
        } catch (Exception e) {
            LOG.warn("could not stop diagnostic recording {} ({}): {}", recordingId, why, e.toString());
        }
    }

    /**
     * The switch pressed from outside the call (the HTTP API): finds the agent's bridged call over
     * AMI, then toggles as the feature code does.
     *
     * @param agent an agent channel or device, e.g. {@code PJSIP/agent}
     */
    public Outcome toggleFor(String agent, String ticketId, CallLocator locator, java.util.concurrent.Executor background) {
        Optional<CallLocator.AgentCall> call;
        try {
            call = locator.find(agent);
        } catch (Exception e) {
            return Outcome.refused("could not look up the calls of " + agent + " in Asterisk: " + e.getMessage());
        }
        if (call.isEmpty()) {
            return Outcome.refused(agent + " is not in a bridged call");
        }
        CallLocator.AgentCall c = call.get();
        String device = deviceOf(c.agentChannel());
        // The recording carries the caller's number (the bridge peer), so the caller can find and erase it.
        return toggle(new Toggle(c.agentChannel(), c.agentUniqueId(), c.linkedId(), c.callerChannel(),
                c.callerNumber() == null ? "" : c.callerNumber(), c.agentNumber() == null ? "" : c.agentNumber(), device,
                ticketId, c.language()), background);
    }

    /** {@link #toggleFor(String, String, CallLocator, java.util.concurrent.Executor)} with this switch's locator. */
    public Outcome toggleFor(String agent, String ticketId) {
        return toggleFor(agent, ticketId, locator, background);
    }

    /** The agent marks "now it happens" in the call's running diagnostic recording. */
    public Optional<FaultMarker> mark(String linkedId, String by) {
        return runningIn(linkedId).map(r -> {
            Instant now = clock.instant();
            FaultMarker marker = new FaultMarker(r.id(), Math.max(0, Duration.between(r.started(), now).toMillis()), now, by);
            tickets.addMarker(marker);
            return marker;
        });
    }

    /** The agent's device: the channel name without Asterisk's per-call suffix, e.g. PJSIP/agent-0000002a -> PJSIP/agent. */
    public static String deviceOf(String channel) {
        return channel == null ? "" : channel.replaceFirst("-[0-9a-fA-F]+$", "");
    }

    /** The diagnostic recording running in this call, if any. */
    public Optional<Recording> runningIn(String linkedId) {
        return store.find(RecordingQuery.byLinkedId(linkedId)).stream().filter(r -> r.status() == RecordingStatus.ACTIVE)
                .filter(r -> r.purpose() == Purpose.PROVIDER_DIAGNOSTICS).findFirst();
    }
}
