package org.recgateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recgateway.health.DiskFloor;
import org.recgateway.listening.MutableClock;
import org.recgateway.recording.RecordingReason;
import org.recgateway.recording.StartConditions;

/** The start conditions through the store port: unavailable is a refusal, probed at most once per second, and healed by a probe. */
class RecordingGateTest {

    private static final Instant T = Instant.parse("2026-01-05T10:00:00Z");

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(T);
    private final AtomicReference<String> unavailable = new AtomicReference<>();
    private final List<Instant> probes = new ArrayList<>();
    private boolean probeHeals;

    private RecordingGate gate(long floorBytes) {
        return new RecordingGate(() -> Optional.ofNullable(unavailable.get()), now -> {
            probes.add(now);
            if (probeHeals) {
                unavailable.set(null);
            } else {
                throw new IllegalStateException("still full");
            }
        }, new DiskFloor(dir, floorBytes), clock);
    }

    @Test
    void aWritableStoreAndADiskAboveItsFloorLetARecordingStartWithoutProbing() {
        assertEquals(Optional.empty(), gate(0).refusal());
        assertTrue(probes.isEmpty(), "a writable store is not probed");
    }

    @Test
    void anUnavailableStoreRefusesWithItsReasonAndIsProbedAtMostOncePerInterval() {
        unavailable.set("[SQLITE_FULL] database or disk is full");
        RecordingGate gate = gate(0);
        StartConditions.Refusal refusal = gate.refusal().orElseThrow();
        assertEquals(RecordingReason.STORE_UNAVAILABLE, refusal.reason());
        assertEquals("the recording store cannot write: [SQLITE_FULL] database or disk is full", refusal.why());
        gate.refusal();
        clock.advance(RecordingGate.PROBE_EVERY.minusMillis(1));
        gate.refusal();
        assertEquals(List.of(T), probes, "one probe within the interval");
        clock.advance(Duration.ofMillis(1));
        gate.refusal();
        assertEquals(List.of(T, T.plus(RecordingGate.PROBE_EVERY)), probes);
    }

    @Test
    void aProbeThatWritesLetsThisVeryCallRecord() {
        unavailable.set("disk full");
        probeHeals = true;
        assertEquals(Optional.empty(), gate(0).refusal());
        assertEquals(List.of(T), probes);
    }

    @Test
    void aDiskBelowItsFloorRefusesWithTheFloorInTheReason() {
        StartConditions.Refusal refusal = gate(Long.MAX_VALUE).refusal().orElseThrow();
        assertEquals(RecordingReason.RECORDINGS_DISK_LOW, refusal.reason());
        assertTrue(refusal.why().contains("recordings.minFreeMegabytes"), refusal.why());
    }
}
