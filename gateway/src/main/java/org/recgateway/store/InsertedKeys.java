package org.recgateway.store;

import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

import org.recgateway.recording.Recording;
import org.recgateway.recording.RecordingStatus;

/**
 * The number keys an active recording's insert computed, reused by its updates while its numbers stay the same: the
 * filing update used to run libphonenumber's parse again for numbers that never change after the insert (2.8 % of a
 * 1,000 calls/s run's samples, issue 13, BENCHMARKS.md session 7). An entry lives from the insert of an
 * {@link RecordingStatus#ACTIVE ACTIVE} row to the first update that is not active (filing, missing, erasure); a
 * recording whose numbers or key function changed is keyed afresh. Only a shortcut: with no entry (a restart, a row
 * inserted in another status, more than {@link #MAX} active rows) the keys are computed as before, so the stored bytes
 * do not depend on it. Thread-safe.
 */
final class InsertedKeys {
    /** Entries kept at most (about 200 bytes each); past it the memo starts again empty. */
    static final int MAX = 65_536;

    private record Entry(String caller, String called, UnaryOperator<String> key, RecordingRows.Keys keys) {
    }

    private final ConcurrentHashMap<String, Entry> byId = new ConcurrentHashMap<>();

    /** The keys of a row about to be inserted, computed with {@code key}; remembered while the row is active. */
    RecordingRows.Keys atInsert(UnaryOperator<String> key, Recording r) {
        RecordingRows.Keys keys = RecordingRows.Keys.of(key, r);
        if (r.status() == RecordingStatus.ACTIVE) {
            if (byId.size() >= MAX) {
                byId.clear();
            }
            byId.put(r.id(), new Entry(r.callerNumber(), r.calledNumber(), key, keys));
        }
        return keys;
    }

    /**
     * The keys of {@code r}'s row about to be updated: those of its insert when its numbers and the key function are
     * the same, else computed with {@code key}. An update that leaves the active status forgets the entry.
     */
    RecordingRows.Keys atUpdate(UnaryOperator<String> key, Recording r) {
        Entry e = r.status() == RecordingStatus.ACTIVE ? byId.get(r.id()) : byId.remove(r.id());
        if (e != null && e.key() == key && Objects.equals(e.caller(), r.callerNumber())
                && Objects.equals(e.called(), r.calledNumber())) {
            return e.keys();
        }
        return RecordingRows.Keys.of(key, r);
    }

    /** Forgets {@code id} (its insert failed). */
    void forget(String id) {
        byId.remove(id);
    }

    /** How many recordings' keys are remembered now. */
    int size() {
        return byId.size();
    }
}
