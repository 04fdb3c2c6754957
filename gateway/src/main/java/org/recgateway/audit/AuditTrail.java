package org.recgateway.audit;

import java.util.List;
import java.util.Map;

/**
 * The append-only, hash-chained record of every access to and change of a recording. Appends are
 * serialised, so the events form one linear chain; an event is durable when {@link #append} returns.
 * Implementations throw an unchecked exception when the trail cannot be written: a caller that must
 * not act unaudited (e.g. serving a recording) lets it propagate.
 */
public interface AuditTrail {

    /** The most events one {@link #since} call returns. */
    int MAX_LIMIT = 1000;

    /**
     * Appends one event, stamped with the trail's clock and linked to the last event.
     *
     * @param actor       who, see {@link Actors}
     * @param recordingId the recording it concerns, or null
     * @param details     a few flat facts (keys: 1-64 of A-Z a-z 0-9 . _ -, starting lowercase); {@code Map.of()} for none
     * @return the event as stored, with its sequence number and hash
     * @throws IllegalArgumentException when actor, recording id or details are not valid
     */
    AuditEvent append(String actor, AuditAction action, String recordingId, Map<String, String> details);

    /**
     * As {@link #append}, but returns once the event is queued, without waiting for it to be durable (issue 13: the
     * FastAGI session need not wait a group commit for its {@code recording-started} event). The chain order is the
     * queue order: the event is linked after every event and store write queued before this call and before every one
     * queued after it (e.g. the recording's {@code recording-filed}). {@code failed} is told why when it could not be
     * appended, on the trail's writing thread (it logs and counts; it must not write to the trail). A trail without a
     * write queue appends at once.
     */
    default void appendLater(String actor, AuditAction action, String recordingId, Map<String, String> details,
                             java.util.function.Consumer<? super RuntimeException> failed) {
        try {
            append(actor, action, recordingId, details);
        } catch (RuntimeException e) {
            failed.accept(e);
        }
    }

    /** Every event about this recording, oldest first. */
    List<AuditEvent> forRecording(String recordingId);

    /**
     * Up to {@code limit} events with a sequence number above {@code sequence}, oldest first; page
     * through the trail by passing the last sequence number seen ({@code 0} starts at the beginning).
     *
     * @throws IllegalArgumentException when limit is not between 1 and {@link #MAX_LIMIT}
     */
    List<AuditEvent> since(long sequence, int limit);

    /** Recomputes every hash and link from the first event and reports the first break, if any. */
    Verification verify();

    /** Checks a {@link #since} limit. */
    static void checkLimit(int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT + ", was " + limit);
        }
    }
}
