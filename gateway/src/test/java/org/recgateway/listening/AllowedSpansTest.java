package org.recgateway.listening;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.recgateway.diagnostics.FaultMarker;

class AllowedSpansTest {
    private static final Instant T = Instant.parse("2025-06-02T10:00:00Z");

    private static ListeningWindow window(int before, int after, int first) {
        return new ListeningWindow("w", "t", "kpn", T, T.plusSeconds(3600), 2, Duration.ofSeconds(before),
                Duration.ofSeconds(after), Duration.ofSeconds(first), "token:admin", T);
    }

    private static FaultMarker at(long millis) {
        return new FaultMarker("r", millis, T, "agent");
    }

    @Test
    void theTicketsCapOnAudibleSecondsHoldsHoweverManyMarkers() {
        List<FaultMarker> twenty = new java.util.ArrayList<>();
        for (int i = 0; i < 20; i++) {
            twenty.add(at(30_000L * i + 15_000));
        }
        List<Span> spans = AllowedSpans.of(window(15, 15, 30), twenty, 600_000, Duration.ofSeconds(60));
        assertEquals(60_000, spans.stream().mapToLong(Span::lengthMillis).sum(), spans.toString());
        assertEquals(List.of(new Span(0, 60_000)), spans, "the earliest stretch, cut at the cap");
        assertEquals(List.of(new Span(45_000, 20_000)),
                AllowedSpans.of(window(15, 15, 30), List.of(at(60_000), at(100_000)), 120_000, Duration.ofSeconds(20)));
        assertEquals(List.of(new Span(0, 10_000)), AllowedSpans.of(window(15, 15, 30), List.of(), 120_000, Duration.ofSeconds(10)));
    }

    @Test
    void aMarkerAllowsFifteenSecondsEitherSideByDefault() {
        assertEquals(List.of(new Span(45_000, 30_000)), AllowedSpans.of(window(15, 15, 30), List.of(at(60_000)), 120_000));
    }

    @Test
    void withoutMarkersOnlyTheBeginningIsAllowed() {
        assertEquals(List.of(new Span(0, 30_000)), AllowedSpans.of(window(15, 15, 30), List.of(), 120_000));
        assertEquals(List.of(new Span(0, 10_000)), AllowedSpans.of(window(15, 15, 30), List.of(), 10_000));
    }

    @Test
    void spansAreClampedToTheRecording() {
        assertEquals(List.of(new Span(0, 20_000), new Span(105_000, 15_000)),
                AllowedSpans.of(window(15, 15, 30), List.of(at(5_000), at(120_000)), 120_000));
    }

    @Test
    void overlappingSpansAreMerged() {
        assertEquals(List.of(new Span(45_000, 40_000)),
                AllowedSpans.of(window(15, 15, 30), List.of(at(70_000), at(60_000)), 120_000));
    }

    @Test
    void aRecordingWithoutAudioAllowsNothing() {
        assertEquals(List.of(), AllowedSpans.of(window(15, 15, 30), List.of(at(1_000)), 0));
    }

    @Test
    void aWindowMustOpenBeforeItCloses() {
        assertThrows(IllegalArgumentException.class, () -> new ListeningWindow("w", "t", "kpn", T, T, 2,
                Duration.ofSeconds(15), Duration.ofSeconds(15), Duration.ofSeconds(30), "token:admin", T));
    }

    @Test
    void aWindowRefusesBeforeItOpensAndAfterItCloses() {
        ListeningWindow w = window(15, 15, 30);
        assertEquals("the listening window opens at " + T, w.refusal(T.minusSeconds(1)).orElseThrow());
        assertEquals(true, w.refusal(T).isEmpty());
        assertEquals("the listening window closed at " + T.plusSeconds(3600), w.refusal(T.plusSeconds(3600)).orElseThrow());
    }
}
