package org.recgateway.diagnostics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class LineQualityTest {
    private static final Instant T = Instant.parse("2026-03-02T09:00:00Z");

    @Test
    void asterisksRtpqosTextIsReadInMillisecondsAndPackets() {
        LineQuality q = LineQuality.parse("r1", "agent", T, "alaw",
                "ssrc=1842105371;themssrc=2990413003;lp=5;rxjitter=0.002500;rxcount=245;txjitter=0.000125;txcount=250;"
                        + "rlp=1;rtt=0.045000;rxmes=0.000000;txmes=0.000000").orElseThrow();
        assertEquals(245, q.receivedPackets());
        assertEquals(250, q.sentPackets());
        assertEquals(5, q.lostPackets());
        assertEquals(1, q.remoteLostPackets());
        assertEquals(2.5, q.receiveJitterMillis(), 1e-9);
        assertEquals(0.125, q.transmitJitterMillis(), 1e-9);
        assertEquals(45.0, q.roundTripMillis(), 1e-9);
        assertEquals(2.0, q.lossPercent(), 1e-9);
        assertEquals("alaw", q.codec());
    }

    @Test
    void whatIsNotAnRtpqosTextGivesNoReading() {
        assertEquals(Optional.empty(), LineQuality.parse("r1", "agent", T, "", ""));
        assertEquals(Optional.empty(), LineQuality.parse("r1", "agent", T, "", null));
        assertEquals(Optional.empty(), LineQuality.parse("r1", "agent", T, "", "lp=x;rxcount=1"));
        assertEquals(Optional.empty(), LineQuality.parse("r1", "agent", T, "", "rxcount=" + "9".repeat(3000)));
        assertTrue(LineQuality.parse("r1", "caller", T, "", "rxcount=0;lp=0").isPresent());
        assertEquals(0.0, LineQuality.parse("r1", "caller", T, "", "rxcount=0;lp=0").orElseThrow().lossPercent());
    }
}
