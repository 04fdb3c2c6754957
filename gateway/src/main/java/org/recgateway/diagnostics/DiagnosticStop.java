package org.recgateway.diagnostics;

import java.time.Clock;
import java.util.Optional;

import org.recgateway.metrics.GatewayMetrics;
import org.recgateway.recording.Recorder;
import org.recgateway.recording.Recording;
import org.recgateway.recording.RecordingStatus;
import org.recgateway.recording.RecordingStore;
import org.recgateway.recording.RecordingFiler;
import org.recgateway.recording.WorkClaims;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stops diagnostic recordings at their persisted stop-by time: a sweep (run every second, and once at
 * start-up, so a restart changes nothing) asks Asterisk to stop every recording that is due and not yet
 * confirmed stopped, and asks again on the next sweep until Asterisk confirms or the recording has ended.
 * After {@link #ALARM_AFTER} failed attempts it raises an alarm: an ERROR log line and the metric
 * {@code gateway.recordings{event=diagnostic-stop-alarm}}.
 */
public final class DiagnosticStop {
    /** Failed stop attempts (about one a second) before the alarm. */
    public static final int ALARM_AFTER = 3;
    private static final Logger LOG = LoggerFactory.getLogger(DiagnosticStop.class);

    private final DiagnosticsStore tickets;
    private final RecordingStore store;
    private final Recorder recorder;
    private final Clock clock;
    private final GatewayMetrics metrics;
    private final java.util.function.Consumer<String> beforeStop;
    private final java.util.function.Consumer<String> stopping;
    private final WorkClaims claims;
    /** The work name of a stop's claim: one gateway sends StopMixMonitor although every gateway sweeps (issue #17). */
    static final String STOP = "diagnostic-stop";

    /**
     * @param beforeStop runs with the recording id right before the first StopMixMonitor (e.g. a last line-quality reading)
     * @param stopping   runs with the recording id right before every StopMixMonitor, so that the MixMonitorStop
     *                   Asterisk then reports is known as the gateway's own and the recording is filed
     */
    public DiagnosticStop(DiagnosticsStore tickets, RecordingStore store, Recorder recorder, Clock clock, GatewayMetrics metrics,
                          java.util.function.Consumer<String> beforeStop, java.util.function.Consumer<String> stopping) {
        this(tickets, store, recorder, clock, metrics, beforeStop, stopping, WorkClaims.local(clock));
    }

    /**
     * A stop sweep among several gateways on one store: each due recording is stopped by the one gateway that claims it.
     *
     * @param claims claims shared by the gateways watching the same calls
     */
    public DiagnosticStop(DiagnosticsStore tickets, RecordingStore store, Recorder recorder, Clock clock, GatewayMetrics metrics,
                          java.util.function.Consumer<String> beforeStop, java.util.function.Consumer<String> stopping,
                          WorkClaims claims) {
        this.claims = claims;
        this.stopping = stopping;
        this.beforeStop = beforeStop;
        this.tickets = tickets;
        this.store = store;
        this.recorder = recorder;
        this.clock = clock;
        this.metrics = metrics;
    }

    /** Brings the recording's stop-by time forward to now (the agent switched it off), then sweeps. */
    public void requestStop(String recordingId, String why) {
        LOG.info("diagnostic recording {} to stop: {}", recordingId, why);
        tickets.stopRequested(recordingId, clock.instant());
        sweep();
    }

    /**
     * Stops what is due; returns how many Asterisk confirmed stopped (or had ended already). Never
     * throws: a failure is counted, logged and retried by the next sweep.
     */
    public synchronized int sweep() {
        int stopped = 0;
        try {
            for (DiagnosticsStore.StopDue due : tickets.stopsDue(clock.instant())) {
                if (!claims.claim(STOP, due.recordingId(), RecordingFiler.HANDLING)) {
                    continue;  // another gateway is stopping it right now
                }
                try {
                    stopped += stopOne(due) ? 1 : 0;
                } finally {
                    claims.release(STOP, due.recordingId());
                }
            }
        } catch (RuntimeException e) {
            LOG.warn("the diagnostic stop sweep failed, retrying in a second: {}", e.toString());
        }
        return stopped;
    }

    private boolean stopOne(DiagnosticsStore.StopDue due) {
        if (tickets.stopsDue(clock.instant()).stream().noneMatch(d -> d.recordingId().equals(due.recordingId()))) {
            return true;  // stopped (and confirmed) by another gateway between the list and the claim
        }
        Optional<Recording> recording = store.byId(due.recordingId());
        if (recording.isEmpty() || recording.get().status() != RecordingStatus.ACTIVE) {
            tickets.stopConfirmed(due.recordingId(), clock.instant());
            return true;
        }
        try {
            if (due.attempts() == 0) {
                beforeStop.accept(due.recordingId());
            }
            String mixMonitorId = store.mixMonitorId(due.recordingId());  // waits for the queued writes when none is stored yet
            if (mixMonitorId == null) {
                // No id stored: stopping by channel could hit a MixMonitor the gateway did not start.
                throw new IllegalStateException("no MixMonitor id is stored for it, so it is not stopped by channel"
                        + " (another MixMonitor could be hit); it is filed when the call ends");
            }
            stopping.accept(due.recordingId());
            recorder.on(recording.get().call().server()).stop(recording.get().channel(), mixMonitorId);
            tickets.stopConfirmed(due.recordingId(), clock.instant());
            metrics.recording("diagnostic-stopped");
            metrics.diagnosticSwitch("stopped");
            LOG.info("diagnostic recording {} stopped at its stop-by time {} (Asterisk confirmed)", due.recordingId(), due.stopBy());
            return true;
        } catch (Exception e) {
            int attempts = tickets.stopFailed(due.recordingId());
            metrics.recording("diagnostic-stop-failed");
            if (attempts == ALARM_AFTER || (attempts > ALARM_AFTER && attempts % 60 == 0)) {
                metrics.recording("diagnostic-stop-alarm");
                LOG.error("ALARM: diagnostic recording {} is past its stop-by time {} and Asterisk has not stopped it after {}"
                        + " attempts ({}); it keeps recording the call on {}: check AMI and stop it in Asterisk",
                        due.recordingId(), due.stopBy(), attempts, e.toString(), recording.get().channel());
            } else {
                LOG.warn("could not stop diagnostic recording {} (attempt {}), retrying: {}", due.recordingId(), attempts, e.toString());
            }
            return false;
        }
    }
}
