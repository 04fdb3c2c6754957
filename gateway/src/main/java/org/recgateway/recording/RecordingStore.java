package org.recgateway.recording;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import org.recgateway.policy.Purpose;

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
     * The few columns of one recording that the per-call paths and the reconciliation decide on (issue 13: a full read, every column plus the
     * purposes and the consent evidence, was ~6 % of the gateway's CPU at the hangup, the bridge and the FastAGI start
     * where only these were used). Read from the same row as {@link #byId} and {@link #callFacts}: the two agree.
     *
     * @param id        the recording's id
     * @param status    where it is in its life
     * @param uniqueId  Asterisk uniqueid of the recorded channel; null for a quarantined file
     * @param linkedId  Asterisk linkedid of the call; null for a quarantined file
     * @param channel   Asterisk channel name; null for a quarantined file
     * @param server    the Asterisk server it was stored with, or null (stored before servers were named)
     * @param purpose   the main purpose; null for a quarantined file
     * @param started   when MixMonitor was started
     * @param bridgedAt as {@link CallFacts#bridgedAt}
     * @param endReason as {@link CallFacts#endReason}
     */
    record Summary(String id, RecordingStatus status, String uniqueId, String linkedId, String channel, String server,
                   Purpose purpose, Instant started, Instant bridgedAt, String endReason) {

        /** The summary of {@code r} with its call's {@code facts} (null: none stored), as a full read gives them. */
        public static Summary of(Recording r, CallFacts facts) {
            CallFacts f = facts == null ? new CallFacts(null, null, null) : facts;
            return new Summary(r.id(), r.status(), r.uniqueId(), r.linkedId(), r.channel(), r.call().server(), r.purpose(),
                    r.started(), f.bridgedAt(), f.endReason());
        }

        /** As {@link RecordedCall#isOn}: true when {@code server} or its own server is not known, or they are equal. */
        public boolean isOn(String server) {
            return server == null || this.server == null || server.equals(this.server);
        }
    }

    /**
     * The {@link Summary} of one recording, or empty when there is no such recording. This default reads it whole
     * ({@link #byId}, {@link #callFacts}); a store that can read fewer columns overrides it.
     */
    default Optional<Summary> summary(String id) {
        return byId(id).map(r -> Summary.of(r, callFacts(id).orElse(null)));
    }

    /**
     * The {@link Summary summaries} of every recording of one call (by Asterisk linkedid) in the order and up to the
     * limit of {@link #find} with {@link RecordingQuery#byLinkedId}: newest start first. This default reads them whole.
     */
    default List<Summary> summariesOfCall(String linkedId) {
        return summarised(find(RecordingQuery.byLinkedId(linkedId)));
    }

    /**
     * The {@link Summary summaries} of every recording of one channel (by Asterisk uniqueid), as {@link #find} with
     * {@link RecordingQuery#byUniqueId} orders and limits them. This default reads them whole.
     */
    default List<Summary> summariesOfChannel(String uniqueId) {
        return summarised(find(RecordingQuery.byUniqueId(uniqueId)));
    }

    /**
     * The {@link Summary summaries} of every recording still {@link RecordingStatus#ACTIVE}, in the order of
     * {@link #active}: for the periodic reconciliation, which reads them all. This default reads them whole.
     */
    default List<Summary> activeSummaries() {
        return summarised(active());
    }

    private List<Summary> summarised(List<Recording> recordings) {
        return recordings.stream().map(r -> Summary.of(r, callFacts(r.id()).orElse(null))).toList();
    }

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
