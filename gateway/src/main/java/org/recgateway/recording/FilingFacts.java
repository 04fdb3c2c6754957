package org.recgateway.recording;

import java.util.Optional;

/**
 * One recording's {@link RecordingStore.CallFacts}, read at most once in one filing (issue 13: whether its call was
 * ever bridged and, for the length check, since when were two reads of the same row per filed call). Read on first
 * use, so a filing that needs neither reads nothing. Used by the one thread that files the recording, under its claim.
 */
final class FilingFacts {
    private final RecordingStore store;
    private final String recordingId;
    private Optional<RecordingStore.CallFacts> read;

    FilingFacts(RecordingStore store, String recordingId) {
        this.store = store;
        this.recordingId = recordingId;
    }

    /** The facts, read from the store on the first call; empty when there is no such recording. */
    Optional<RecordingStore.CallFacts> get() {
        if (read == null) {
            read = store.callFacts(recordingId);
        }
        return read;
    }
}
