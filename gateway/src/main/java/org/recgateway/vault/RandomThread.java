package org.recgateway.vault;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.security.GeneralSecurityException;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * One platform thread for the steps of sealing that draw random bytes from Tink: a data key's bytes and
 * key id, its wrap's nonce, and an encrypting channel's salt and nonce prefix ({@link NewDataKeys#makeAndStart},
 * one hop per recording). Tink keeps one {@link java.security.SecureRandom} per thread (a {@code ThreadLocal}),
 * and every filing runs on a new virtual thread, so each sealing made and seeded a new {@code SecureRandom},
 * looking for Conscrypt by reflection each time (JFR of a filing load, issue 13: 6 % of the gateway's CPU
 * samples). On this one thread Tink makes it once. Tink draws a channel's salt in the same constructor that
 * derives its segment key (HKDF) and makes its cipher instance, with no public way to part them, so those
 * run here too; reading, hashing, encrypting and writing the audio stay on the caller's thread.
 */
final class RandomThread {
    private static final ExecutorService THREAD = Executors.newSingleThreadExecutor(
            Thread.ofPlatform().name("vault-random").daemon(true).factory());
    private static final java.util.concurrent.atomic.AtomicLong HOPS = new java.util.concurrent.atomic.AtomicLong();

    private RandomThread() {
    }

    /** How many steps have been run here since the JVM started (each a hand-over to this thread and back); for tests. */
    static long hops() {
        return HOPS.get();
    }

    /** A step that may fail as Tink's steps fail. */
    @FunctionalInterface
    interface Step<T> {
        T run() throws GeneralSecurityException, IOException;
    }

    /**
     * Runs {@code step} on the random thread and waits for it.
     *
     * @throws GeneralSecurityException what the step threw
     * @throws IOException              what the step threw, or {@link InterruptedIOException} when the caller was interrupted
     */
    static <T> T run(Step<T> step) throws GeneralSecurityException, IOException {
        HOPS.incrementAndGet();
        Future<T> result = THREAD.submit((Callable<T>) step::run);
        try {
            return result.get();
        } catch (InterruptedException e) {
            result.cancel(false);
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while the vault's random thread made a key");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof GeneralSecurityException g) {
                throw g;
            }
            if (cause instanceof IOException io) {
                throw io;
            }
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(cause);
        }
    }
}
