package org.recgateway.diagnostics;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.recgateway.audit.AuditAction;
import org.recgateway.metrics.GatewayMetrics;
import org.recgateway.prompts.PromptLibrary;
import org.recgateway.recording.AuditNotes;
import org.recgateway.recording.Recording;
import org.recgateway.recording.RecordingFiler;
import org.recgateway.recording.RecordingFiles;
import org.recgateway.recording.RecordingStore;
import org.recgateway.recording.WorkClaims;

/**
 * The agent's switch for a short diagnostic recording of the current call (PRODUCT.md rule 4), and the one place its
 * parts are wired. A press is decided at once by {@link SwitchDecision} (the agent's channel, the caller's objection,
 * the ticket, a slot reserved in the store); a refusal is audited here. The start ({@link DiagnosticStart}: notice to
 * both parties, confirmation, MixMonitor) runs in the background; the stop ({@link DiagnosticStop}) is a persisted
 * stop-by time and a sweep; a slot whose start never confirmed it is given back by {@link ExpiredReservations}.
 */
public final class DiagnosticSwitch {
    static final String NOTICE = DiagnosticStart.NOTICE;

    /** How much longer than the notice's timeout a reservation is held: the notice's origination and the confirmation. */
    static final Duration HOLD_BEYOND_NOTICE = Duration.ofMinutes(1);

    private final DiagnosticStart starter;
    private final DiagnosticStop stopper;
    private final SwitchDecision decision;
    private final ExpiredReservations expired;
    private final LineQualitySampler lineQuality;
    private final FaultMarking marking;
    private final AgentDevices agents;
    private final CallLocator locator;
    private final GatewayMetrics metrics;
    private final AuditNotes audit;

    /**
     * @param asterisk   MixMonitor, the notice to both parties, the call locator, RTP statistics
     * @param timers     runs the stop sweep at each recording's stop-by time (the periodic sweep is the caller's)
     * @param background runs the start (the notice takes seconds; the key press returns at once)
     */
    public DiagnosticSwitch(DiagnosticsStore tickets, RecordingStore store, RecordingFiles files, RecordingFiler filer,
                            AsteriskSide asterisk, PromptLibrary prompts, ScheduledExecutorService timers, Clock clock,
                            GatewayMetrics metrics, Duration noticeTimeout, AgentDevices agents, Executor background) {
        WorkClaims claims = filer == null ? WorkClaims.local(clock) : filer.claims();
        this.lineQuality = new LineQualitySampler(tickets, store, asterisk.lineQuality(), clock, claims);
        this.stopper = new DiagnosticStop(tickets, store, asterisk.recorder(), clock, metrics, lineQuality::sample,
                filer == null ? id -> { } : filer::stopRequested, claims);
        this.starter = new DiagnosticStart(tickets, store, files, filer, asterisk.recorder(), asterisk.notice(), prompts, clock,
                metrics, noticeTimeout, at -> timers.schedule(stopper::sweep,
                        Math.max(0, Duration.between(clock.instant(), at).toMillis()), TimeUnit.MILLISECONDS));
        this.audit = filer == null ? null : filer.audit();
        this.marking = new FaultMarking(tickets, audit, clock, metrics);
        this.expired = new ExpiredReservations(tickets, audit, metrics, clock);
        this.decision = new SwitchDecision(tickets, store, agents, stopper, clock, metrics,
                filer == null ? server -> true : filer::isFirstServer,
                new DiagnosticsStore.Hold(noticeTimeout.plus(HOLD_BEYOND_NOTICE), claims.holder()),
                (t, slot) -> background.execute(() -> starter.start(t, slot)));
        this.agents = agents;
        this.locator = asterisk.locator();
        this.metrics = metrics;
    }

    /**
     * A press of the switch.
     *
     * @param agentChannel  the channel the switch was pressed on (MixMonitor runs there; it hears both parties)
     * @param callerChannel the other party in the bridge, when known
     * @param by            who pressed it and how
     * @param ticketId      the ticket to record for; null picks the one open ticket that can take a recording
     * @param server        the Asterisk server the call is on ({@code ami.servers[].name}, issue #17 item 3): the notice,
     *                      MixMonitor and every later stop and reading go there; null for a gateway's only server
     */
    public record Toggle(String agentChannel, String agentUniqueId, String linkedId, String callerChannel,
                         String callerNumber, String calledNumber, SwitchedBy by, String ticketId, String language,
                         String server) {
        /** A press on the gateway's only Asterisk server. */
        public Toggle(String agentChannel, String agentUniqueId, String linkedId, String callerChannel, String callerNumber,
                      String calledNumber, SwitchedBy by, String ticketId, String language) {
            this(agentChannel, agentUniqueId, linkedId, callerChannel, callerNumber, calledNumber, by, ticketId, language, null);
        }
    }

    /** What the switch did: {@code starting}, {@code stopped} or {@code refused} (with the reason). */
    public record Outcome(String action, String recordingId, String reason) {
        static Outcome refused(String reason) {
            return new Outcome("refused", "", reason);
        }
    }

    /** What a fault marker press did. */
    public sealed interface MarkOutcome {
        /** The marker is stored and audited. */
        record Marked(FaultMarker marker) implements MarkOutcome { }

        /** No marker; the reason says why. */
        record Refused(String reason) implements MarkOutcome { }
    }

    /**
     * Decides at once (the agent's feature code must return quickly so that the agent's channel is back
     * in the bridge before the notice plays); a start then continues in the background.
     */
    public Outcome toggle(Toggle t) {
        Outcome outcome = decision.decide(t);
        if ("refused".equals(outcome.action()) && audit != null) {
            // A refused *8 is evidence too: who pressed it, on which channel, why nothing started.
            audit.note(t.by().actor(), AuditAction.FEATURE_CODE_REFUSED, null, Map.of("switch", "diagnostic",
                    "channel", t.agentChannel() == null ? "" : t.agentChannel(), "reason", outcome.reason(),
                    "ticket", t.ticketId() == null ? "" : t.ticketId()));
        }
        return outcome;
    }

    /** Starts on a reserved slot in the calling thread (for tests of the whole switch). */
    DiagnosticStart.Result startNow(Toggle t, Reservation.Reserved slot) {
        return starter.start(t, slot);
    }

    /**
     * The switch pressed from outside the call (the HTTP API): finds the agent's bridged call over AMI (on every
     * Asterisk server; the call found names its server), then toggles as the feature code does.
     *
     * @param agent an agent device ({@code PJSIP/agent}) or channel; matched exactly, never by prefix
     */
    public Outcome toggleFor(String agent, String ticketId, SwitchedBy by) {
        if (!agents.knows(agent)) {
            return refuse(agent + " is not a configured agent device (diagnostics.agents)");
        }
        Optional<CallLocator.AgentCall> call;
        try {
            call = locator.find(agent);
        } catch (Exception e) {
            return refuse("could not look up the calls of " + agent + " in Asterisk: " + e.getMessage());
        }
        if (call.isEmpty()) {
            return refuse(agent + " is not in a bridged call");
        }
        CallLocator.AgentCall c = call.get();
        // The recording carries the caller's number (the bridge peer), so the caller can find and erase it.
        return toggle(new Toggle(c.agentChannel(), c.agentUniqueId(), c.linkedId(), c.callerChannel(),
                c.callerNumber() == null ? "" : c.callerNumber(), c.agentNumber() == null ? "" : c.agentNumber(), by,
                ticketId, c.language(), c.server()));
    }

    /** The fault marker pressed on {@code channel}: only an agent's channel, only into the call's running recording. */
    public MarkOutcome mark(String linkedId, String channel, SwitchedBy by) {
        return mark(linkedId, null, channel, by);
    }

    /** As {@link #mark(String, String, SwitchedBy)}, for a call on the Asterisk server {@code server} (null: any). */
    public MarkOutcome mark(String linkedId, String server, String channel, SwitchedBy by) {
        if (channel != null && !agents.knows(channel)) {
            metrics.recording("marker-refused");
            return new MarkOutcome.Refused(channel + " is not an agent's channel; only the agent marks a fault");
        }
        Optional<Recording> running = runningIn(linkedId, server);
        if (running.isEmpty()) {
            return new MarkOutcome.Refused("no diagnostic recording is running in this call; a marker goes into a running one");
        }
        return marking.mark(running.get(), by);
    }

    /** The line-quality sampler, for the periodic sampling of running recordings. */
    public LineQualitySampler lineQuality() {
        return lineQuality;
    }

    /** The stopping side, for the periodic sweep. */
    public DiagnosticStop stopper() {
        return stopper;
    }

    /** The release of reservations whose start never confirmed them, for the periodic sweep (and at start-up). */
    public ExpiredReservations expiredReservations() {
        return expired;
    }

    /** The agent's device of a channel; see {@link AgentDevices#deviceOf(String)}. */
    public static String deviceOf(String channel) {
        return AgentDevices.deviceOf(channel);
    }

    /** The configured agents. */
    public AgentDevices agents() {
        return agents;
    }

    /** The diagnostic recording running in this call, if any. */
    public Optional<Recording> runningIn(String linkedId) {
        return runningIn(linkedId, null);
    }

    /**
     * The diagnostic recording running in this call on the Asterisk server {@code server} (null: any), if any: two
     * servers' linkedids may be equal (issue #17 item 3).
     */
    public Optional<Recording> runningIn(String linkedId, String server) {
        return decision.runningIn(linkedId, server);
    }

    private Outcome refuse(String reason) {
        return decision.refuse(reason);
    }
}
