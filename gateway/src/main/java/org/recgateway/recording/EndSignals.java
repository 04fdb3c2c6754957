package org.recgateway.recording;

import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the filer remembers of recordings' ends between Asterisk's signals: the MixMonitors the gateway itself asked
 * to stop (so the next MixMonitorStop on the channel is its own; the event does not say which MixMonitor stopped), and
 * when Asterisk said a call hung up while its filing has not yet succeeded (kept for the retry). Thread-safe.
 */
final class EndSignals {
    private final Set<String> stopping = ConcurrentHashMap.newKeySet();
    private final Map<String, Instant> hungUpAt = new ConcurrentHashMap<>();

    /** The gateway is about to stop this recording's MixMonitor. */
    void stopRequested(String recordingId) {
        stopping.add(recordingId);
    }

    /** Whether the gateway asked to stop any MixMonitor that has not stopped yet. */
    boolean anyStopRequested() {
        return !stopping.isEmpty();
    }

    /** Takes back a requested stop: true when the gateway had asked to stop this recording. */
    boolean stopped(String recordingId) {
        return stopping.remove(recordingId);
    }

    /**
     * When the recording's call hung up: {@code now} (Asterisk's Hangup time, remembered for a retry) when not null,
     * else the time a signal before gave, else null (unknown: the file's last write counts).
     */
    Instant hungUp(String recordingId, Instant now) {
        if (now == null) {
            return hungUpAt.get(recordingId);
        }
        hungUpAt.putIfAbsent(recordingId, now);
        return now;
    }

    /** The recording left the active state: nothing more to remember of it. */
    void ended(String recordingId) {
        stopping.remove(recordingId);
        hungUpAt.remove(recordingId);
    }
}
