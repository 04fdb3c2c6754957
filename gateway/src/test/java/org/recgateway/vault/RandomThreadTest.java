package org.recgateway.vault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

/** Tink's random draws of sealing run on one platform thread, whichever (virtual) thread files. */
class RandomThreadTest {

    @Test
    void stepsFromManyVirtualThreadsRunOnOnePlatformThread() throws Exception {
        Set<Thread> ranOn = ConcurrentHashMap.newKeySet();
        try (ExecutorService filings = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Integer>> results = new java.util.ArrayList<>();
            for (int i = 0; i < 200; i++) {
                int n = i;
                results.add(filings.submit(() -> RandomThread.run(() -> {
                    ranOn.add(Thread.currentThread());
                    return n * 2;
                })));
            }
            for (int i = 0; i < results.size(); i++) {
                assertEquals(i * 2, results.get(i).get());
            }
        }
        assertEquals(1, ranOn.size(), "one thread, so Tink's per-thread SecureRandom is made once");
        assertFalse(ranOn.iterator().next().isVirtual());
    }

    @Test
    void aStepsFailureReachesTheCallerAsItself() {
        GeneralSecurityException security = new GeneralSecurityException("no key");
        assertSame(security, assertThrows(GeneralSecurityException.class, () -> RandomThread.run(() -> {
            throw security;
        })));
        IOException io = new IOException("disk");
        assertSame(io, assertThrows(IOException.class, () -> RandomThread.run(() -> {
            throw io;
        })));
        IllegalStateException bug = new IllegalStateException("bug");
        assertSame(bug, assertThrows(IllegalStateException.class, () -> RandomThread.run(() -> {
            throw bug;
        })));
    }
}
