package org.recgateway.recording;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Whether a recording's call reached a person: marks the recordings of a call that was bridged to another party, and
 * tells when an ended recording's call was certainly never bridged. Certain only when the gateway watched its Asterisk
 * server's bridge events without a gap since the recording started: after an AMI outage it cannot tell. Thread-safe.
 */
final class BridgeWatch {
    private final RecordingStore store;
    private final AsteriskServers servers;
    private final RecordedChannels channels;
    /** Since when each server's bridge events are watched without a gap, by server name. */
    private final Map<String, Instant> since = new ConcurrentHashMap<>();

    BridgeWatch(RecordingStore store, AsteriskServers servers, RecordedChannels channels) {
        this.store = store;
        this.servers = servers;
        this.channels = channels;
    }

    /** The server's bridge events are watched without a gap since {@code at} (AMI logged in). */
    void watching(String server, Instant at) {
        since.put(server, at);
    }

    /** The server's bridge events are not watched (AMI is down or disabled). */
    void notWatching(String server) {
        since.remove(server);
    }

    /**
     * A channel of the call with this linkedid on {@code server} entered a bridge with another party: marks every
     * active recording of the call, durably; not one that was already stopped (an end reason stored) before its call
     * was ever bridged, e.g. for a called party who did not hear its notice: its MixMonitor heard nobody of that bridge.
     */
    void callBridged(String server, String linkedId, Instant at) {
        if (!channels.mayRecordCall(linkedId)) {
            return;  // no store read for a call that records nothing
        }
        // Narrow (issue 13): id, status, server and the call's facts in one query, not the full rows and a facts read each.
        for (RecordingStore.Summary r : store.summariesOfCall(linkedId)) {
            if (r.status() == RecordingStatus.ACTIVE && servers.serves(r, server) && !stoppedBeforeBridge(r)) {
                store.bridged(r.id(), at);
            }
        }
    }

    /**
     * True when {@code r}'s call was certainly never bridged to another party: its server's bridge events were watched
     * without a gap since the recording started, and no bridge was stored.
     */
    boolean neverBridged(Recording r, FilingFacts facts) {
        String own = servers.of(r);
        Instant watched = own == null ? null : since.get(own);
        watched = watched != null ? watched : since.get(AsteriskServers.ANY);
        if (watched == null || r.started() == null || watched.isAfter(r.started())) {
            return false;
        }
        RecordingStore.CallFacts known = facts.get().orElse(null);
        return known != null && known.bridgedAt() == null;
    }

    private static boolean stoppedBeforeBridge(RecordingStore.Summary r) {
        return r.bridgedAt() == null && r.endReason() != null && !r.endReason().isBlank();
    }
}
