package org.recgateway.agi;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Lets one log line through per interval and counts what it held back, so that a flood of bad
 * connections leaves a readable log ("and 9,998 more like it") instead of one line per connection.
 * Thread-safe.
 */
final class Throttle {
    private final long intervalNanos;
    private final AtomicLong next = new AtomicLong(Long.MIN_VALUE);
    private final AtomicLong held = new AtomicLong();

    Throttle(java.time.Duration interval) {
        this.intervalNanos = interval.toNanos();
    }

    /**
     * Whether to log now; when yes, {@code -1} is not returned and the value is how many lines were
     * held back since the last one; when no, returns {@code -1}.
     */
    long pass() {
        long now = System.nanoTime();
        long due = next.get();
        if ((due == Long.MIN_VALUE || now - due >= 0) && next.compareAndSet(due, now + intervalNanos)) {
            return held.getAndSet(0);
        }
        held.incrementAndGet();
        return -1;
    }
}
