package org.recgateway.recording;

import java.util.LinkedHashMap;
import java.util.Map;

import org.recgateway.audit.Actors;
import org.recgateway.audit.AuditAction;
import org.recgateway.metrics.GatewayMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The safe default for transfers (PRODUCT.md: a party who joins by transfer is told first): when a
 * recorded call is blind- or attended-transferred, the party it goes to heard no notice from the
 * gateway, so the call's recording stops (by its MixMonitor id) and is filed with end reason
 * {@code transferred}. If the call is transferred into a recorded context, {@code AGI(record)} there
 * notices and records afresh. The recording so far is kept: everyone in it was told. {@link NewParties}
 * decides which of a call's recordings stop; this class stops one.
 */
public final class TransferStop {
    private static final Logger LOG = LoggerFactory.getLogger(TransferStop.class);
    /** End reason of a recording stopped because its call was transferred. */
    public static final String TRANSFERRED = "transferred";
    /**
     * End reason of a recording stopped because a called party was about to be bridged into it without having heard
     * its notice to the end (a recorded call put through to an outside number, {@link CalledPartyNotice}).
     */
    public static final String CALLED_PARTY_NOT_TOLD = "called-party-not-told";

    /** The {@code gateway.recordings} event counted when Asterisk did not stop a recording this class asked to stop. */
    static final String STOP_FAILED = "transfer-stop-failed";
    /**
     * The {@code gateway.recordings} event counted when a recording to be stopped has no MixMonitor id stored, so the
     * gateway cannot stop it without touching another MixMonitor on its channel.
     */
    static final String STOP_NO_ID = "transfer-stop-no-id";

    private final RecordingStore store;
    private final RecordingFiler filer;
    private final Recorder recorder;
    private final GatewayMetrics metrics;

    /**
     * @param metrics counts each stop Asterisk refused or did not answer ({@value #STOP_FAILED}) and each recording that
     *                could not be stopped for want of its MixMonitor id ({@value #STOP_NO_ID})
     */
    public TransferStop(RecordingStore store, RecordingFiler filer, Recorder recorder, GatewayMetrics metrics) {
        this.store = store;
        this.filer = filer;
        this.recorder = recorder;
        this.metrics = metrics;
    }

    /**
     * Stops one running recording by its MixMonitor id and files it with end reason {@code transferred}.
     *
     * @param how     {@code blind}, {@code attended} or {@code joined}, for the audit trail
     * @param details more audit details (e.g. the party who joined, why)
     * @return whether Asterisk stopped it; false when no MixMonitor id is stored or Asterisk did not stop it (it is
     *         filed when the call ends; counted and alarmed as {@link #stop(Recording, String, String, Map)} says)
     */
    boolean stop(Recording r, String how, Map<String, String> details) {
        return stop(r, how, TRANSFERRED, details);
    }

    /**
     * Stops one running recording by its MixMonitor id and files it with {@code endReason}.
     *
     * @param how       {@code blind}, {@code attended}, {@code joined} or {@code called-party}, for the audit trail
     * @param endReason the recording's end reason, {@link #TRANSFERRED} or {@link #CALLED_PARTY_NOT_TOLD}
     * @param details   more audit details (e.g. the party who joined, why)
     * @return whether Asterisk stopped it; false when no MixMonitor id is stored or Asterisk did not stop it: then
     *         neither the end reason nor the stop request stays marked (the recording runs on, and its call's bridge
     *         still counts), and the failure is counted ({@value #STOP_NO_ID} or {@value #STOP_FAILED}) and alarmed in
     *         the log: the recording runs on with a party who was not told
     */
    boolean stop(Recording r, String how, String endReason, Map<String, String> details) {
        String mixMonitorId = store.mixMonitorId(r.id());  // waits for the queued writes when none is stored yet
        if (mixMonitorId == null) {
            metrics.recording(STOP_NO_ID);
            LOG.error("ALARM recording {}: the call was transferred ({}) but no MixMonitor id is stored for it, so the gateway"
                    + " did not stop it (a stop without the id could end another MixMonitor on {}); it keeps recording the call"
                    + " and is filed when the call ends: check gateway.writes.failed and the log for the failed write, and"
                    + " stop it in Asterisk", r.id(), how, r.channel());
            return false;
        }
        // Marked before the stop: Asterisk's MixMonitorStop event may be handled before the stop action returns, and it
        // files the recording only when a stop was requested, with the end reason stored by then.
        store.endReason(r.id(), endReason);
        filer.stopRequested(r.id());
        try {
            recorder.on(r.call().server()).stop(r.channel(), mixMonitorId);
        } catch (Exception e) {
            boolean withdrawn = filer.withdrawStop(r.id());
            metrics.recording(STOP_FAILED);
            LOG.error("ALARM recording {}: the call was transferred ({}) but Asterisk did not stop MixMonitor {} ({}); it keeps"
                    + " recording the call on {}{}: check AMI and stop it in Asterisk", r.id(), how, mixMonitorId, e.toString(),
                    r.channel(), withdrawn ? " and is filed when the call ends, without an end reason" : "");
            return false;
        }
        Map<String, String> audit = new LinkedHashMap<>(Map.of("transfer", how, "channel", r.channel(),
                "purpose", r.purpose() == null ? "" : r.purpose().id(), "endReason", endReason));
        audit.putAll(details);
        filer.audit().note(Actors.GATEWAY, AuditAction.RECORDING_STOPPED_FOR_TRANSFER, r.id(), audit);
        LOG.info("recording {} stopped: the call was transferred ({}): {}", r.id(), how, audit);
        return true;
    }
}
