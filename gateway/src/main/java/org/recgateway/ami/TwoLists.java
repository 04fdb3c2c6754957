package org.recgateway.ami;

import java.time.Instant;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * The rule by which the AMI reconciliation decides that a channel is gone: only when two CoreShowChannels lists in a
 * row miss it, and only for recordings started before the first of the two. asterisk-java hands a list's answer to
 * the asking thread at once but passes events through its own queue, so a list can overtake the BridgeEnter and Hangup
 * of a call that just ended (issue #13, session 6: bridged calls' audio deleted as never bridged); by the next list
 * those events have been handled. A recording that started after a list is not judged by it: the list may have been
 * taken before its channel existed.
 *
 * <p>Pure: no clock, no I/O, java.* only; it keeps the previous list and nothing else. Thread-safe: reconciliations
 * on a (re)connect and on the periodic schedule may overlap, and a list that finishes after a newer one neither judges
 * nor replaces it.
 */
final class TwoLists {
    /**
     * What one list allows the reconciliation to file: the active recordings whose channel is not in {@code live} and
     * that started before {@code startedBefore}.
     *
     * @param live          the uniqueids live in this list or the previous one (a channel in either is not gone)
     * @param startedBefore when the previous list was asked for
     */
    record Gone(Set<String> live, Instant startedBefore) {
        /** Copies {@code live}, so the caller's set may change afterwards. */
        Gone {
            live = Set.copyOf(live);
        }
    }

    /** A list's live uniqueids and when it was asked for. */
    private record Listed(Set<String> live, Instant at) {
    }

    private Listed previous;

    /**
     * Takes a list of live channels, asked for at {@code asked}: the rule's verdict against the previous list, or empty
     * when it is the first list or not newer than the previous one (then it is kept only if it is the first).
     *
     * @param live  the uniqueids CoreShowChannels reported live
     * @param asked when the list was asked for (before its answer arrived)
     */
    synchronized Optional<Gone> listed(Set<String> live, Instant asked) {
        Listed before = previous;
        if (before != null && !asked.isAfter(before.at())) {
            return Optional.empty();  // an older list that finished late: the newer one already spoke
        }
        previous = new Listed(Set.copyOf(live), asked);
        if (before == null) {
            return Optional.empty();  // one list is not enough: a channel missing now is judged by the next one
        }
        Set<String> liveInEither = new HashSet<>(live);
        liveInEither.addAll(before.live());
        return Optional.of(new Gone(liveInEither, before.at()));
    }
}
