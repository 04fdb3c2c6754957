package org.recgateway.recording;

import java.util.Collection;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The channels (uniqueids) and calls (linkedids) that may have an active recording, kept in memory so
 * that a Hangup or BridgeEnter of one of the many calls the gateway does not record costs no store query
 * (issue 13: a store read per Hangup was a tenth of a filed call's CPU). A superset, never a subset, of
 * what the store holds as active for this gateway: a recording is noted here <em>before</em> its row is
 * inserted, so no Hangup can arrive between the insert and the note; entries are dropped when the channel
 * hangs up. Recordings that another gateway (or a run before a restart) left active come in with
 * {@link #refresh}, which the reconciliation runs with the store's active recordings, and which also drops
 * entries that were neither started since nor are active any more. Until the first refresh it cannot know
 * what an earlier run left active, so it answers "may record" for everything (the store is asked). Thread-safe.
 */
public final class RecordedChannels {
    private final Map<String, Long> channels = new ConcurrentHashMap<>();
    private final Map<String, Long> calls = new ConcurrentHashMap<>();
    private final AtomicLong clock = new AtomicLong();
    private volatile long previousMark;
    private volatile boolean refreshed;

    /** A recording of this channel and call is about to be stored as active (call before the insert). */
    public void starting(String uniqueId, String linkedId) {
        long now = clock.incrementAndGet();
        if (uniqueId != null) {
            channels.put(uniqueId, now);
        }
        if (linkedId != null) {
            calls.put(linkedId, now);
        }
    }

    /** Whether the channel may have an active recording (false: certainly none the store knew at the last refresh). */
    public boolean mayRecord(String uniqueId) {
        return uniqueId != null && (!refreshed || channels.containsKey(uniqueId));
    }

    /** Whether the call may have an active recording. */
    public boolean mayRecordCall(String linkedId) {
        return linkedId != null && (!refreshed || calls.containsKey(linkedId));
    }

    /** The channel hung up: it records nothing any more (its call may go on in other channels). */
    public void hungUp(String uniqueId) {
        if (uniqueId != null) {
            channels.remove(uniqueId);
        }
    }

    /** A mark to pass to {@link #refresh}: taken before the store's active recordings are read. */
    public long mark() {
        return clock.incrementAndGet();
    }

    /**
     * The store's active recordings, read after {@code mark} was taken: notes each of them, and drops every
     * entry that is not among them and was noted before the <em>previous</em> refresh (its recording was
     * filed, or never stored). Entries noted since then are kept: their insert may not have been committed
     * when the store was read. (An insert still not committed a whole reconciliation interval later loses
     * its entry; its recording is then filed by the reconciliation once its channel is gone.)
     */
    public void refresh(long mark, Collection<RecordingStore.Summary> active) {
        long dropBefore = previousMark;
        previousMark = mark;
        Set<String> activeChannels = new HashSet<>();
        Set<String> activeCalls = new HashSet<>();
        for (RecordingStore.Summary r : active) {
            if (r.uniqueId() != null) {
                activeChannels.add(r.uniqueId());
                channels.merge(r.uniqueId(), mark, Math::max);
            }
            if (r.linkedId() != null) {
                activeCalls.add(r.linkedId());
                calls.merge(r.linkedId(), mark, Math::max);
            }
        }
        channels.entrySet().removeIf(e -> e.getValue() < dropBefore && !activeChannels.contains(e.getKey()));
        calls.entrySet().removeIf(e -> e.getValue() < dropBefore && !activeCalls.contains(e.getKey()));
        refreshed = true;
    }

    /** Entries held now (channels, calls), for tests and the size of the index. */
    int size() {
        return channels.size() + calls.size();
    }
}
