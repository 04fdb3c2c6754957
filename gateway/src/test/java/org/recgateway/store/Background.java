package org.recgateway.store;

import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;

/** Writes run on a virtual thread while a test holds the store's writer, and what they ended with. */
final class Background {
    /** Marks a write that returned normally. */
    static final Throwable OK = new Throwable("ok", null, false, false) { };

    private Background() {
    }

    /** Runs {@code write} on a new virtual thread; the result holds {@link #OK} or its exception once it ended. */
    static AtomicReference<Throwable> run(Runnable write) {
        AtomicReference<Throwable> outcome = new AtomicReference<>();
        run(write, outcome);
        return outcome;
    }

    /** As {@link #run(Runnable)}, into a given {@code outcome} (e.g. one a lambda declared before had to capture). */
    static void run(Runnable write, AtomicReference<Throwable> outcome) {
        Thread.ofVirtual().start(() -> {
            try {
                write.run();
                outcome.set(OK);
            } catch (Throwable e) {
                outcome.set(e);
            }
        });
    }

    /** What {@code outcome} ended with, once it has. */
    static Throwable joined(AtomicReference<Throwable> outcome) {
        waitUntil(() -> outcome.get() != null);
        return outcome.get();
    }

    /** Polls every millisecond until {@code condition} holds (the test's own timeout guards a hang). */
    static void waitUntil(BooleanSupplier condition) {
        while (!condition.getAsBoolean()) {
            sleep(1);
        }
    }

    /** Sleeps; an interrupt fails the test. */
    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting", e);
        }
    }
}
