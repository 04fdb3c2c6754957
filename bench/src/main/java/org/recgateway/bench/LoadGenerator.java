package org.recgateway.bench;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * Open-loop arrivals: call {@code i} starts at {@code start + i / rate} whether or not earlier calls
 * have finished, each on its own virtual thread with a blocking socket. Stops by itself: no call
 * starts after the arrival window, and calls still running {@code grace} after it are abandoned.
 */
final class LoadGenerator {
    private final List<AsteriskSide> sides;
    private final int rate;
    private final int seconds;
    private final AtomicInteger active = new AtomicInteger();
    private final AtomicInteger peak = new AtomicInteger();

    LoadGenerator(AsteriskSide side, int rate, int seconds) {
        this(List.of(side), rate, seconds);
    }

    /** Call {@code i} goes to {@code sides.get(i % sides.size())}: one arrival stream spread evenly over several servers. */
    LoadGenerator(List<AsteriskSide> sides, int rate, int seconds) {
        this.sides = List.copyOf(sides);
        this.rate = rate;
        this.seconds = seconds;
    }

    int active() {
        return active.get();
    }

    /** Runs the arrival window, waits at most {@code graceMillis} for the last calls, and returns what they measured. */
    LoadResult run(long graceMillis) throws InterruptedException {
        int calls = rate * seconds;
        AsteriskSide.Call[] results = new AsteriskSide.Call[calls];
        long[] lateNanos = new long[calls];
        CountDownLatch done = new CountDownLatch(calls);
        Thread[] threads = new Thread[calls];
        long start = System.nanoTime() + 10_000_000;
        long intervalNanos = 1_000_000_000L / rate;
        for (int i = 0; i < calls; i++) {
            long due = start + i * intervalNanos;
            long wait;
            while ((wait = due - System.nanoTime()) > 0) {
                LockSupport.parkNanos(wait);
            }
            lateNanos[i] = System.nanoTime() - due;
            int n = i;
            threads[i] = Thread.ofVirtual().start(() -> {
                try {
                    results[n] = sides.get(n % sides.size()).run(n, this::opened, active::decrementAndGet);
                } finally {
                    done.countDown();
                }
            });
        }
        long arrivalsEnded = System.nanoTime();
        boolean all = done.await(graceMillis, TimeUnit.MILLISECONDS);
        if (!all) {
            for (Thread t : threads) {
                t.interrupt();
            }
            done.await(5, TimeUnit.SECONDS);
        }
        long ended = System.nanoTime();
        return LoadResult.of(results, lateNanos, (arrivalsEnded - start) / 1e9, (ended - start) / 1e9, peak.get());
    }

    private void opened() {
        int now = active.incrementAndGet();
        peak.accumulateAndGet(now, Math::max);
    }
}
