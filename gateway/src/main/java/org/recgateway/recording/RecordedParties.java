package org.recgateway.recording;

import java.util.List;

/** The parties each recording holds (table {@code recorded_parties}); implemented by the store. */
public interface RecordedParties {

    /** Adds a party; a second row for the same recording and channel is ignored (the first notice counts). */
    void add(RecordedParty party);

    /** The recording's parties in the order they joined; empty for an unknown recording. */
    List<RecordedParty> of(String recordingId);
}
