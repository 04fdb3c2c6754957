package org.recgateway.recording;

import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asterisk's signals about a recorded channel, turned into filings: a hangup files the channel's active recordings of
 * its server; a MixMonitorStop files only a recording the gateway itself asked to stop; a stop Asterisk did not carry
 * out is taken back. The filing itself is {@link RecordingFiler}'s; a lost signal is made up for by
 * {@link Reconciliation}.
 */
final class ChannelSignals {
    private static final Logger LOG = LoggerFactory.getLogger(ChannelSignals.class);

    private final RecordingFiler filer;
    private final RecordingStore store;
    private final AsteriskServers servers;
    private final EndSignals signals;
    private final RecordedChannels channels;

    ChannelSignals(RecordingFiler filer, RecordingStore store, AsteriskServers servers, EndSignals signals,
                   RecordedChannels channels) {
        this.filer = filer;
        this.store = store;
        this.servers = servers;
        this.signals = signals;
        this.channels = channels;
    }

    /**
     * The channel with this uniqueid on the Asterisk server {@code server} ({@link AsteriskServers#ANY}: whichever) hung
     * up at {@code at} (Asterisk's Hangup event; null when unknown): files that server's active recordings of the
     * channel with that end time. A file that stopped growing before the call ended (a full disk) is then measured
     * against the whole call, not against its own last write. Two servers' uniqueids may be equal; a recording of
     * another server is left alone.
     */
    void callEnded(String server, String uniqueId, Instant at) {
        // Called for every hangup on the PBX: no store read for a channel that records nothing (RecordedChannels),
        // else an indexed lookup of this channel, not a scan of all active recordings.
        if (!channels.mayRecord(uniqueId)) {
            return;
        }
        boolean anotherServers = false;
        // Narrow (issue 13): the filing reads the recording whole under its claim; here only id, status and server count.
        for (RecordingStore.Summary r : store.summariesOfChannel(uniqueId)) {
            if (r.status() == RecordingStatus.ACTIVE && servers.serves(r, server)) {
                filer.fileAt(r.id(), at);
            } else if (r.status() == RecordingStatus.ACTIVE) {
                anotherServers = true;  // the same uniqueid on another server: its own hangup is still to come
            }
        }
        if (!anotherServers) {
            channels.hungUp(uniqueId);  // a filing that failed is retried by the reconciliation, which reads the store
        }
    }

    /**
     * Asterisk reported that a MixMonitor on the channel with this uniqueid of the server {@code server}
     * ({@link AsteriskServers#ANY}: whichever) stopped. The event does not say which MixMonitor (ASTERISK-FACTS: it
     * carries only the channel), so it files only the recordings whose MixMonitor the gateway itself stopped
     * ({@link RecordingFiler#stopRequested}); a running recording of the gateway is never filed because some other
     * MixMonitor on its channel stopped: it is filed when its call ends.
     */
    void mixMonitorStopped(String server, String uniqueId) {
        if (!signals.anyStopRequested() || !channels.mayRecord(uniqueId)) {
            return;  // the gateway stopped no MixMonitor: nothing to file, and no store read for every call's stop
        }
        for (RecordingStore.Summary r : store.summariesOfChannel(uniqueId)) {
            if (r.status() != RecordingStatus.ACTIVE || !servers.serves(r, server)) {
                continue;
            }
            if (signals.stopped(r.id())) {
                filer.fileAt(r.id(), null);
            } else {
                LOG.debug("a MixMonitor stopped on {} that the gateway did not stop; recording {} runs on and is filed when the call ends",
                        r.channel(), r.id());
            }
        }
    }

    /**
     * Takes back a stop the gateway requested ({@link RecordingFiler#stopRequested}) that Asterisk did not carry out,
     * with the end reason stored for it, while the recording is still active: its next MixMonitorStop is not the
     * gateway's own, and it is filed when its call ends. Under the recording's claim, so that a filing under way (the stop did happen after all)
     * is not undone.
     *
     * @return true when taken back; false when the recording is being or was filed (its stop went through)
     */
    boolean withdrawStop(String recordingId) {
        if (!filer.claim(recordingId)) {
            return false;
        }
        try {
            if (store.summary(recordingId).map(RecordingStore.Summary::status).orElse(null) != RecordingStatus.ACTIVE) {
                return false;
            }
            signals.stopped(recordingId);
            store.endReason(recordingId, null);
            return true;
        } finally {
            filer.release(recordingId);
        }
    }
}
