package org.recgateway.ami;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** The reconciliation's two-list rule on its own: which channels count as gone, and for recordings started when. */
class TwoListsTest {
    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

    private final TwoLists lists = new TwoLists();

    @Test
    void theFirstListAloneFilesNothing() {
        assertEquals(Optional.empty(), lists.listed(Set.of(), T0), "one list may have overtaken a call's late events");
    }

    @Test
    void aChannelIsGoneOnlyWhenTwoListsInARowMissItAndOnlyForRecordingsStartedBeforeTheFirst() {
        lists.listed(Set.of("1.1", "2.1"), T0);

        TwoLists.Gone gone = lists.listed(Set.of("2.1", "3.1"), T0.plusSeconds(10)).orElseThrow();

        assertEquals(Set.of("1.1", "2.1", "3.1"), gone.live(), "live in either list: 1.1 was still in the first, so not gone yet");
        assertEquals(T0, gone.startedBefore(), "a recording started after the first list is not judged by it");
    }

    @Test
    void eachListIsJudgedAgainstTheOneJustBeforeIt() {
        lists.listed(Set.of("1.1"), T0);
        lists.listed(Set.of("2.1"), T0.plusSeconds(10));

        TwoLists.Gone gone = lists.listed(Set.of(), T0.plusSeconds(20)).orElseThrow();

        assertEquals(Set.of("2.1"), gone.live(), "1.1 missed two lists in a row: gone; 2.1 missed only this one");
        assertEquals(T0.plusSeconds(10), gone.startedBefore());
    }

    @Test
    void aListAskedNoLaterThanThePreviousOneNeitherJudgesNorReplacesIt() {
        lists.listed(Set.of("1.1"), T0.plusSeconds(10));

        assertEquals(Optional.empty(), lists.listed(Set.of(), T0), "an older list that finished late");
        assertEquals(Optional.empty(), lists.listed(Set.of(), T0.plusSeconds(10)), "a list asked at the same instant");

        TwoLists.Gone gone = lists.listed(Set.of(), T0.plusSeconds(20)).orElseThrow();
        assertTrue(gone.live().contains("1.1"), "judged against the newest list, which still had 1.1");
        assertEquals(T0.plusSeconds(10), gone.startedBefore());
    }

    @Test
    void theVerdictDoesNotChangeWithTheCallersSet() {
        Set<String> live = new HashSet<>(Set.of("1.1"));
        lists.listed(live, T0);
        live.clear();  // a caller that reuses its set must not empty the previous list

        TwoLists.Gone gone = lists.listed(Set.of(), T0.plusSeconds(10)).orElseThrow();

        assertEquals(Set.of("1.1"), gone.live());
    }
}
