package org.recgateway.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DurationsTest {

    @Test
    void shortFormsAndIso8601AreAccepted() {
        assertEquals(Duration.ofDays(30), Durations.parse("30d"));
        assertEquals(Duration.ofHours(12), Durations.parse("12h"));
        assertEquals(Duration.ofMinutes(90), Durations.parse("90m"));
        assertEquals(Duration.ofSeconds(45), Durations.parse("45s"));
        assertEquals(Duration.ofMillis(500), Durations.parse("500ms"));
        assertEquals(Duration.ofDays(30), Durations.parse("P30D"));
        assertEquals(Duration.ofHours(12), Durations.parse("pt12h"));
        assertEquals(Duration.ofMinutes(61), Durations.parse("P0DT1H1M"));
    }

    @Test
    void unitsWithoutFixedLengthAndOtherFormsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> Durations.parse("P1Y"));
        assertThrows(IllegalArgumentException.class, () -> Durations.parse("P2W"));
        assertThrows(IllegalArgumentException.class, () -> Durations.parse("30 d"));
        assertThrows(IllegalArgumentException.class, () -> Durations.parse("-5s"));
        assertThrows(IllegalArgumentException.class, () -> Durations.parse("9999999999d"));
    }

    @Test
    void durationsAreShownInTheirShortestForm() {
        assertEquals("365d", Durations.format(Duration.ofDays(365)));
        assertEquals("36h", Durations.format(Duration.ofHours(36)));
        assertEquals("1500ms", Durations.format(Duration.ofMillis(1500)));
    }
}
