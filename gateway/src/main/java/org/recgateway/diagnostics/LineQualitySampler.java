package org.recgateway.diagnostics;

import java.time.Clock;
import java.util.Optional;

import org.recgateway.recording.Recording;
import org.recgateway.recording.RecordingStatus;
import org.recgateway.recording.RecordingStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the line-quality evidence of running diagnostic recordings: every few seconds, and right before
 * a stop, it reads both legs' RTP statistics from Asterisk and stores them with their time.
 */
public final class LineQualitySampler {
    private static final Logger LOG = LoggerFactory.getLogger(LineQualitySampler.class);

    private final DiagnosticsStore tickets;
    private final RecordingStore store;
    private final LineQualityProbe probe;
    private final Clock clock;
    private final org.recgateway.recording.WorkClaims claims;
    /** The work name of one round's line-quality reading of a recording. */
    static final String SAMPLE = "line-quality";
    /**
     * How long one gateway's reading of a recording excludes the others' (issue #17: every gateway runs the 5-s round):
     * a little under the round, so one reading per round is stored, whichever gateway takes it.
     */
    static final java.time.Duration ROUND = java.time.Duration.ofSeconds(4);

    public LineQualitySampler(DiagnosticsStore tickets, RecordingStore store, LineQualityProbe probe, Clock clock) {
        this(tickets, store, probe, clock, org.recgateway.recording.WorkClaims.local(clock));
    }

    /** A sampler among several gateways: each round's reading of a recording is taken by the gateway that claims it. */
    public LineQualitySampler(DiagnosticsStore tickets, RecordingStore store, LineQualityProbe probe, Clock clock,
                              org.recgateway.recording.WorkClaims claims) {
        this.claims = claims;
        this.tickets = tickets;
        this.store = store;
        this.probe = probe;
        this.clock = clock;
    }

    /** Samples every running diagnostic recording; returns the readings stored. Never throws. */
    public int sampleRunning() {
        int stored = 0;
        try {
            for (String id : tickets.unstoppedRecordings()) {
                if (claims.claim(SAMPLE, id, ROUND)) {  // not released: the claim's expiry is the round
                    stored += sample(id);
                }
            }
        } catch (RuntimeException e) {
            LOG.warn("sampling line quality failed, retrying shortly: {}", e.toString());
        }
        return stored;
    }

    /** Samples one recording's legs (agent and caller) now; returns the readings stored. */
    public int sample(String recordingId) {
        Optional<Recording> recording = store.byId(recordingId).filter(r -> r.status() == RecordingStatus.ACTIVE);
        Optional<DiagnosticRecording> link = tickets.linkOf(recordingId);
        if (recording.isEmpty() || link.isEmpty()) {
            return 0;
        }
        // The legs are on the Asterisk server the recording came from, and asked there only (issue #17 item 3).
        LineQualityProbe on = probe.on(recording.get().call().server());
        return leg(on, recordingId, "agent", link.get().agentChannel()) + leg(on, recordingId, "caller", link.get().callerChannel());
    }

    private int leg(LineQualityProbe probe, String recordingId, String leg, String channel) {
        if (channel == null || channel.isBlank()) {
            return 0;
        }
        try {
            Optional<LineQualityProbe.Reading> reading = probe.read(channel);
            Optional<LineQuality> quality = reading.flatMap(r -> LineQuality.parse(recordingId, leg, clock.instant(), r.codec(), r.rtpqos()));
            quality.ifPresent(tickets::addLineQuality);
            return quality.isPresent() ? 1 : 0;
        } catch (Exception e) {
            LOG.debug("could not read the line quality of {} for {}: {}", leg, recordingId, e.toString());
            return 0;
        }
    }
}
