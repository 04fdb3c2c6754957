package org.recgateway.testing;

import java.util.ArrayList;
import java.util.List;

import org.recgateway.recording.RecordedParties;
import org.recgateway.recording.RecordedParty;

/** Recorded parties in memory, with the store's rule: the first row per recording and channel counts. */
public final class InMemoryRecordedParties implements RecordedParties {
    private final List<RecordedParty> rows = new ArrayList<>();

    @Override
    public synchronized void add(RecordedParty party) {
        if (rows.stream().noneMatch(p -> p.recordingId().equals(party.recordingId()) && p.channel().equals(party.channel()))) {
            rows.add(party);
        }
    }

    @Override
    public synchronized List<RecordedParty> of(String recordingId) {
        return rows.stream().filter(p -> p.recordingId().equals(recordingId)).toList();
    }
}
