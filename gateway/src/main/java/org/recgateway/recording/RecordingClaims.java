package org.recgateway.recording;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A recording's exclusive handling (filing it, or stopping it at someone's request) among the threads of this gateway
 * and the gateways on the same store (issue #17 item 2), on top of {@link WorkClaims}. A claim a dead gateway left
 * expires after {@link RecordingFiler#HANDLING}.
 */
final class RecordingClaims {
    private static final Logger LOG = LoggerFactory.getLogger(RecordingClaims.class);
    /** The work name of a recording's claim. */
    static final String HANDLE = "recording";

    private final WorkClaims claims;

    RecordingClaims(WorkClaims claims) {
        this.claims = claims;
    }

    /**
     * Takes the recording; false when someone else has it (another thread or gateway), or the store could not be asked
     * (logged; the next signal or the periodic reconciliation tries again).
     */
    boolean take(String recordingId) {
        try {
            return claims.claim(HANDLE, recordingId, RecordingFiler.HANDLING);
        } catch (RuntimeException e) {
            LOG.warn("could not claim recording {} for filing or stopping ({}); the periodic reconciliation tries again",
                    recordingId, e.toString());
            return false;
        }
    }

    /** Gives the recording back (the holder's work is done or failed). */
    void release(String recordingId) {
        claims.release(HANDLE, recordingId);
    }

    /** The underlying claims, for other work every gateway watching a call could do (new parties, diagnostics). */
    WorkClaims shared() {
        return claims;
    }
}
