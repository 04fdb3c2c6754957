package org.recgateway.recording;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * Files the active recordings of an Asterisk server whose channel that server no longer reports live: after an AMI
 * (re)connect, a restart and periodically, for the Hangups that were lost or whose filing failed. The AMI adapter
 * decides from its channel lists which channels are gone and since when; this class walks the store's active
 * recordings (narrowly: {@link RecordingStore#activeSummaries}) and hands each gone one to {@link RecordingFiler#fileAt}. Thread-safe: filing is claimed per recording, so
 * concurrent reconciliations, and other gateways', file each recording once.
 */
public final class Reconciliation {
    private final RecordingFiler filer;
    private final RecordingStore store;
    private final AsteriskServers servers;
    private final RecordedChannels channels;

    Reconciliation(RecordingFiler filer, RecordingStore store, AsteriskServers servers, RecordedChannels channels) {
        this.filer = filer;
        this.store = store;
        this.servers = servers;
        this.channels = channels;
    }

    /**
     * Files every active recording of the Asterisk server {@code server} ({@link AsteriskServers#ANY}: of every server)
     * whose channel is not among {@code liveUniqueIds}, the uniqueids that server reports live, and that started before
     * {@code startedBefore}; never another server's recordings (whose channels these are not). A recording started at
     * or after it is left for a later list: the list cannot speak for a channel it may have been taken before. Also
     * tells the channel index ({@link RecordedChannels}) every active recording, including those another gateway or an
     * earlier run left.
     *
     * @param startedBefore the instant the channels' absence is known from ({@link Instant#MAX}: every recording)
     * @return how many recordings this call took out of the active state; one that a concurrent reconciliation or
     *         another gateway filed, or whose filing failed again (the store still full), is not counted
     */
    public int reconcile(String server, Set<String> liveUniqueIds, Instant startedBefore) {
        int filed = 0;
        long mark = channels.mark();
        // Narrow (issue 13): every active recording is read at every reconciliation; only those it files are read whole.
        List<RecordingStore.Summary> active = store.activeSummaries();
        channels.refresh(mark, active);  // recordings another gateway or an earlier run left active are watched too
        for (RecordingStore.Summary r : active) {
            if (servers.serves(r, server) && !liveUniqueIds.contains(r.uniqueId())
                    && (r.started() == null || r.started().isBefore(startedBefore)) && filer.fileAt(r.id(), null)) {
                filed++;
            }
        }
        return filed;
    }

    /** {@link #reconcile(String, Set, Instant)} for every recording, whenever it started. */
    public int reconcile(String server, Set<String> liveUniqueIds) {
        return reconcile(server, liveUniqueIds, Instant.MAX);
    }
}
