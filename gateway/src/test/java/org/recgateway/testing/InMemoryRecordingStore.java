package org.recgateway.testing;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.recgateway.recording.Recording;
import org.recgateway.recording.RecordingQuery;
import org.recgateway.recording.RecordingStatus;
import org.recgateway.recording.RecordingStore;

/** A {@link RecordingStore} in memory, for tests of the lifecycle that do not need SQLite. */
public final class InMemoryRecordingStore implements RecordingStore {
    private final Map<String, Recording> recordings = new ConcurrentHashMap<>();

    @Override
    public void insert(Recording recording) {
        if (recordings.putIfAbsent(recording.id(), recording) != null) {
            throw new IllegalStateException("recording " + recording.id() + " exists");
        }
    }

    @Override
    public void update(Recording recording) {
        if (recordings.replace(recording.id(), recording) == null) {
            throw new IllegalStateException("no recording " + recording.id());
        }
    }

    @Override
    public Optional<Recording> byId(String id) {
        return Optional.ofNullable(recordings.get(id));
    }

    @Override
    public List<Recording> find(RecordingQuery query) {
        return recordings.values().stream()
                .filter(r -> query.uniqueId().map(u -> u.equals(r.uniqueId())).orElse(true))
                .filter(r -> query.linkedId().map(u -> u.equals(r.linkedId())).orElse(true))
                .filter(r -> query.number().map(n -> n.equals(r.callerNumber()) || n.equals(r.calledNumber())).orElse(true))
                .filter(r -> query.purpose().map(p -> p == r.purpose()).orElse(true))
                .sorted(Comparator.comparing(Recording::started, Comparator.nullsLast(Comparator.reverseOrder())))
                .limit(query.limit())
                .toList();
    }

    @Override
    public List<Recording> active() {
        return recordings.values().stream().filter(r -> r.status() == RecordingStatus.ACTIVE).toList();
    }

    @Override
    public boolean knowsFile(String filePath) {
        return recordings.values().stream().anyMatch(r -> filePath.equals(r.filePath()));
    }

    @Override
    public List<String> overdue(Instant now, int limit) {
        return recordings.values().stream()
                .filter(r -> r.status() == RecordingStatus.FILED || r.status() == RecordingStatus.MISSING)
                .filter(r -> r.purposes().stream().anyMatch(p -> p.overdue(now)))
                .map(Recording::id).limit(limit).toList();
    }

    @Override
    public List<Recording> unfinishedDeletions() {
        return recordings.values().stream().filter(r -> r.deletion() != null && !r.deletion().done()).toList();
    }

    @Override
    public List<Recording> ofNumber(String number) {
        return recordings.values().stream().filter(r -> number.equals(r.callerNumber()) || number.equals(r.calledNumber()))
                .toList();
    }

    public List<Recording> all() {
        return List.copyOf(recordings.values());
    }

    @Override
    public void close() {
    }
}
