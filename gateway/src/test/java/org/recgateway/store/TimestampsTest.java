package org.recgateway.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/** The store's timestamps read back as the instants written, and as {@code Instant.parse} reads any other text. */
class TimestampsTest {

    @Test
    void whatIsWrittenReadsBackToTheSameInstant() {
        SplittableRandom random = new SplittableRandom(13);
        for (int i = 0; i < 20_000; i++) {
            // 0001-01-01 to 9999-12-31, any nanosecond
            Instant at = Instant.ofEpochSecond(random.nextLong(-62_135_596_800L, 253_402_300_800L), random.nextInt(1_000_000_000));
            String text = Timestamps.format(at);
            assertEquals(at, Timestamps.parse(text), text);
            assertEquals(Instant.parse(text), Timestamps.parse(text), text);
        }
        assertEquals(Instant.EPOCH, Timestamps.parse("1970-01-01T00:00:00.000000000Z"));
        assertEquals(Instant.parse("2024-02-29T23:59:59.999999999Z"), Timestamps.parse("2024-02-29T23:59:59.999999999Z"));
        assertNull(Timestamps.parse(null));
    }

    @Test
    void otherIsoFormsReadAsInstantParseReadsThem() {
        for (String text : new String[] {"2025-01-31T09:00:00Z", "2025-01-31T09:00:00.5Z", "2025-01-31T09:00:00.123456Z",
                "+12025-01-31T09:00:00.000000000Z", "2025-01-31T09:00:00.000000000+01:00",
                "2025-01-31T24:00:00.000000000Z", "2016-12-31T23:59:60.000000000Z"}) {
            assertEquals(Instant.parse(text), Timestamps.parse(text), text);
        }
    }

    @Test
    void textThatIsNoInstantIsRefusedAsInstantParseRefusesIt() {
        for (String text : new String[] {"2025-02-30T09:00:00.000000000Z", "2025-13-01T09:00:00.000000000Z",
                "2025-01-31T09:60:00.000000000Z", "2025-01-31T09:00:00.00000000xZ",
                "2025-01-31 09:00:00.000000000Z", "20x5-01-31T09:00:00.000000000Z", "", "yesterday"}) {
            assertThrows(DateTimeParseException.class, () -> Instant.parse(text), text);
            assertThrows(DateTimeParseException.class, () -> Timestamps.parse(text), text);
        }
    }
}
