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
    private final Map<String, CallFacts> facts = new ConcurrentHashMap<>();
    private final InMemoryLegalHolds holds = new InMemoryLegalHolds();
    private final InMemoryRecordedParties parties = new InMemoryRecordedParties();

    @Override
    public org.recgateway.recording.RecordedParties parties() {
        return parties;
    }

    /** Holds in memory: place one here and every deletion through {@code AudioEraser} is paused by it. */
    @Override
    public InMemoryLegalHolds legalHolds() {
        return holds;
    }

    @Override
    public void insert(Recording recording) {
        if (failUpdates) {
            throw new IllegalStateException("the store cannot write (a test's failing store)");
        }
        if (recordings.putIfAbsent(recording.id(), recording) != null) {
            throw new IllegalStateException("recording " + recording.id() + " exists");
        }
    }

    private volatile boolean failUpdates;

    /** While true every insert and update fails, as a full or locked store's would. */
    public void failUpdates(boolean fail) {
        failUpdates = fail;
    }

    @Override
    public void update(Recording recording) {
        if (failUpdates) {
            throw new IllegalStateException("the store cannot write (a test's failing store)");
        }
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
    public List<String> idsWithStatus(org.recgateway.recording.RecordingStatus status) {
        return recordings.values().stream().filter(r -> r.status() == status)
                .sorted(java.util.Comparator.comparing(Recording::started, java.util.Comparator.nullsFirst(java.util.Comparator.naturalOrder())))
                .map(Recording::id).toList();
    }

    @Override
    public boolean knowsFile(String filePath) {
        return recordings.values().stream().anyMatch(r -> filePath.equals(r.filePath())
                && r.status() != org.recgateway.recording.RecordingStatus.MISSING && r.status() != org.recgateway.recording.RecordingStatus.DELETED);
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

    @Override
    public void mixMonitorStarted(String recordingId, String mixMonitorId) {
        change(recordingId, f -> new CallFacts(mixMonitorId, f.bridgedAt(), f.endReason()));
    }

    @Override
    public void bridged(String recordingId, java.time.Instant at) {
        if (recordings.containsKey(recordingId)) {
            facts.merge(recordingId, new CallFacts(null, at, null),
                    (f, n) -> f.bridgedAt() != null ? f : new CallFacts(f.mixMonitorId(), at, f.endReason()));
        }
    }

    @Override
    public void endReason(String recordingId, String reason) {
        change(recordingId, f -> new CallFacts(f.mixMonitorId(), f.bridgedAt(), reason));
    }

    @Override
    public Optional<CallFacts> callFacts(String recordingId) {
        return recordings.containsKey(recordingId)
                ? Optional.of(facts.getOrDefault(recordingId, new CallFacts(null, null, null))) : Optional.empty();
    }

    private void change(String recordingId, java.util.function.UnaryOperator<CallFacts> how) {
        if (!recordings.containsKey(recordingId)) {
            throw new IllegalArgumentException("no recording " + recordingId);
        }
        facts.compute(recordingId, (k, f) -> how.apply(f == null ? new CallFacts(null, null, null) : f));
    }

    public List<Recording> all() {
        return List.copyOf(recordings.values());
    }

    @Override
    public void close() {
    }
}
