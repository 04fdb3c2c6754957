package org.recgateway;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.recgateway.health.DiskFloor;
import org.recgateway.recording.RecordingReason;
import org.recgateway.recording.StartConditions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway's {@link StartConditions}: the store writes (else {@code store-unavailable}) and the recordings
 * disk is above its floor (else {@code recordings-disk-low}). While the store is unavailable a call asks it,
 * at most once per {@link #PROBE_EVERY}, to write a probe row, so recording resumes by itself at the first call
 * after the cause is gone. Each turn of the disk condition is logged once.
 */
final class RecordingGate implements StartConditions {
    private static final Logger LOG = LoggerFactory.getLogger(RecordingGate.class);
    static final Duration PROBE_EVERY = Duration.ofSeconds(1);

    private final Supplier<Optional<String>> storeUnavailable;
    private final Consumer<Instant> probeWrite;
    private final DiskFloor disk;
    private final Clock clock;
    private volatile Instant lastProbe = Instant.MIN;
    private volatile boolean diskLow;

    /**
     * @param storeUnavailable why the store cannot write now, or empty while it writes
     * @param probeWrite       writes a probe row at the given instant (throws while the store still cannot write)
     * @param disk             the recordings disk and its floor
     */
    RecordingGate(Supplier<Optional<String>> storeUnavailable, Consumer<Instant> probeWrite, DiskFloor disk, Clock clock) {
        this.storeUnavailable = storeUnavailable;
        this.probeWrite = probeWrite;
        this.disk = disk;
        this.clock = clock;
    }

    @Override
    public Optional<Refusal> refusal() {
        if (storeUnavailable.get().isPresent()) {
            Instant now = clock.instant();
            if (Duration.between(lastProbe, now).compareTo(PROBE_EVERY) >= 0) {
                lastProbe = now;
                try {
                    probeWrite.accept(now);
                } catch (RuntimeException stillDown) {
                    // reported below with the store's own reason
                }
            }
            Optional<String> why = storeUnavailable.get();
            if (why.isPresent()) {
                return Optional.of(new Refusal(RecordingReason.STORE_UNAVAILABLE, "the recording store cannot write: " + why.get()));
            }
        }
        Optional<String> low = disk.problem();  // a missing or unreadable directory is a problem too, with its fix
        if (low.isPresent() != diskLow) {
            diskLow = low.isPresent();
            if (diskLow) {
                LOG.error("ALARM recordings disk low: {}; new calls are not recorded (RECORDING_REASON=recordings-disk-low)", low.get());
            } else {
                LOG.info("recordings disk above its floor again: new calls are recorded");
            }
        }
        return low.map(why -> new Refusal(RecordingReason.RECORDINGS_DISK_LOW, why));
    }
}
