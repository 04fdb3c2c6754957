package org.recgateway.store;

import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

import org.recgateway.recording.Recording;
import org.recgateway.recording.RecordingStatus;

/**
 * The number keys an active recording's insert computed, reused by its updates while its numbers stay the same: the
 * filing update used to run libphonenumber's parse again for numbers that never change after the insert (2.8 % of a
 * 1,000 calls/s run's samples, issue 13, BENCHMARKS.md session 7). It also keeps the recording as inserted, so that
 * an update whose columns outside {@link ChangingColumns#NAMES} are the same as the insert wrote sets only the changing
 * ones. An entry lives from the insert of an {@link RecordingStatus#ACTIVE ACTIVE} row to the first update that is
 * not active (filing, missing, erasure); a recording whose numbers or key function changed is keyed afresh. Only a
 * shortcut: with no entry (a restart, a row inserted in another status, more than {@link #MAX} active rows) the keys
 * are computed and every column written as before, so the stored bytes do not depend on it. Thread-safe.
 */
final class InsertedKeys {
    /**
     * Entries kept at most; past it the memo starts again empty. An entry is about 200 bytes besides the inserted
     * recording, which its call holds anyway while it records.
     */
    static final int MAX = 65_536;

    private record Entry(Recording inserted, UnaryOperator<String> key, RecordingRows.Keys keys) {
    }

    /**
     * What an update of a recording binds.
     *
     * @param keys            its number keys
     * @param fixedAsInserted true when the columns outside {@link ChangingColumns#NAMES} would be written with what
     *                        this store's insert wrote to them (same numbers, key function and fixed values)
     */
    record Update(RecordingRows.Keys keys, boolean fixedAsInserted) {
    }

    private final ConcurrentHashMap<String, Entry> byId = new ConcurrentHashMap<>();

    /** The keys of a row about to be inserted, computed with {@code key}; remembered with the row while it is active. */
    RecordingRows.Keys atInsert(UnaryOperator<String> key, Recording r) {
        RecordingRows.Keys keys = RecordingRows.Keys.of(key, r);
        if (r.status() == RecordingStatus.ACTIVE) {
            if (byId.size() >= MAX) {
                byId.clear();
            }
            byId.put(r.id(), new Entry(r, key, keys));
        }
        return keys;
    }

    /**
     * What the update of {@code r}'s row binds: the keys of its insert when its numbers and the key function are the
     * same, else keys computed with {@code key}; and whether its fixed columns are as inserted. An update that leaves
     * the active status forgets the entry.
     */
    Update atUpdate(UnaryOperator<String> key, Recording r) {
        Entry e = r.status() == RecordingStatus.ACTIVE ? byId.get(r.id()) : byId.remove(r.id());
        if (e != null && e.key() == key && Objects.equals(e.inserted().callerNumber(), r.callerNumber())
                && Objects.equals(e.inserted().calledNumber(), r.calledNumber())) {
            return new Update(e.keys(), ChangingColumns.fixedAsInserted(e.inserted(), r));
        }
        return new Update(RecordingRows.Keys.of(key, r), false);
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
