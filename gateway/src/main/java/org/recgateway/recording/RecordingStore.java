package org.recgateway.recording;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Where recording metadata lives. Implemented by the {@code store} adapter (embedded SQLite by
 * default). Every write is durable when the method returns, but for the {@code ...Later} writes, which return once
 * queued (in order with every other write) and report a failure to the callback they are given.
 */
public interface RecordingStore extends AutoCloseable {

    /** Inserts a new recording (normally {@link RecordingStatus#ACTIVE}); fails if the id exists. */
    void insert(Recording recording);

    /** Replaces the recording with the same id (e.g. when it is filed); fails if it does not exist. */
    void update(Recording recording);

    Optional<Recording> byId(String id);

    /** Recordings matching the query, newest start first. */
    List<Recording> find(RecordingQuery query);

    /** All recordings still {@link RecordingStatus#ACTIVE}: used to reconcile after a crash or an AMI outage. */
    List<Recording> active();

    /**
     * Ids of recordings that have a purpose in force whose deadline has come at {@code now} and that no
     * legal hold in force covers; at most {@code limit}.
     */
    List<String> overdue(Instant now, int limit);

    /** Recordings whose audio deletion began and did not finish (a crash, a file that would not go). */
    List<Recording> unfinishedDeletions();

    /**
     * Every recording with this number as caller or called number, in any notation ({@link PhoneNumbers}),
     * tombstones included, newest first, with no limit: for subject access and erasure.
     */
    List<Recording> ofNumber(String number);

    /**
     * The legal holds kept beside these recordings: every deletion of audio ({@link AudioEraser}) asks them
     * first, so a hold pauses it whatever caused it.
     */
    LegalHolds legalHolds();

    /** The ids of every recording in {@code status}, oldest first (e.g. to check every filed file). */
    List<String> idsWithStatus(RecordingStatus status);

    /**
     * True when a recording that accounts for a file ({@code filePath} is this path and it is neither
     * {@link RecordingStatus#MISSING} nor {@link RecordingStatus#DELETED}) names it: a file behind a missing or
     * deleted row is not accounted for.
     */
    boolean knowsFile(String filePath);

    /**
     * Stores the id Asterisk gave the MixMonitor the gateway started for this recording (MixMonitor
     * option {@code i(var)}, or the {@code MixMonitorID} of the AMI reply); every later stop names it.
     * Fails with an {@link IllegalArgumentException} when the recording does not exist.
     */
    void mixMonitorStarted(String recordingId, String mixMonitorId);

    /**
     * As {@link #mixMonitorStarted}, but returns once the write is queued, without waiting for it to be durable (issue
     * 13: the FastAGI session need not wait a group commit for it). It is ordered after every write this store queued
     * before it and before every later one, so {@link #mixMonitorId} finds it. {@code failed} is told why when it
     * could not be stored, on the store's writer thread (it logs and counts; it must not write to this store). A store
     * without a write queue stores it at once.
     */
    default void mixMonitorStartedLater(String recordingId, String mixMonitorId,
                                        Consumer<? super RuntimeException> failed) {
        try {
            mixMonitorStarted(recordingId, mixMonitorId);
        } catch (RuntimeException e) {
            failed.accept(e);
        }
    }

    /**
     * Returns once every write this store had queued when it was called is durable or has failed (e.g. a MixMonitor id
     * queued by {@link #mixMonitorStartedLater}). A store without a write queue has nothing to wait for.
     */
    default void awaitQueuedWrites() {
    }

    /**
     * The id of the gateway's MixMonitor for this recording, for a stop that must name it; null when none is stored.
     * When none is found at first, the writes this store queued are waited for and it is read again: a stop that comes
     * right after the session queued the id ({@link #mixMonitorStartedLater}) still finds it.
     */
    default String mixMonitorId(String recordingId) {
        String id = callFacts(recordingId).map(CallFacts::mixMonitorId).orElse(null);
        if (id != null) {
            return id;
        }
        awaitQueuedWrites();
        return callFacts(recordingId).map(CallFacts::mixMonitorId).orElse(null);
    }

    /** Marks that the recorded call was bridged to another party at {@code at}; the first mark wins. */
    void bridged(String recordingId, Instant at);

    /**
     * Stores why the recording ended as it did (e.g. {@code never-bridged}); a short fixed word, never caller input; null
     * clears it (a stop that Asterisk did not carry out).
     */
    void endReason(String recordingId, String reason);

    /** What the store knows about the recording's call beyond its evidence; empty when there is no such recording. */
    Optional<CallFacts> callFacts(String recordingId);

    /**
     * The call behind one recording.
     *
     * @param mixMonitorId the id of the gateway's MixMonitor, or null when it never started (or was started
     *                     by a gateway that did not store ids)
     * @param bridgedAt    when the recorded call was first bridged to another party, or null if never (so far)
     * @param endReason    why it ended as it did, or null when it ended normally or is still running
     */
    record CallFacts(String mixMonitorId, Instant bridgedAt, String endReason) { }

    /**
     * The parties each recording holds and the notice each heard (issue #11: transfers and conference joins add
     * parties); a store without that table knows none.
     */
    default RecordedParties parties() {
        return new RecordedParties() {
            @Override
            public void add(RecordedParty party) {
                // not kept
            }

            @Override
            public List<RecordedParty> of(String recordingId) {
                return List.of();
            }
        };
    }

    @Override
    void close();
}
