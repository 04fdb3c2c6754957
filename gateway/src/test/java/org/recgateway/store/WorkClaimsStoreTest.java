package org.recgateway.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Claims in the shared database (issue #17): two gateways (two stores, each with its own connections and locks, on
 * one database) race for the same work; exactly one wins each piece; a dead holder's claim is taken over once it
 * expired and not before; only the holder releases. Runs on SQLite and, in store-on-postgresql, on PostgreSQL.
 */
class WorkClaimsStoreTest {
    private static final Instant T = Instant.parse("2026-03-02T09:00:00Z");

    @TempDir
    Path dir;
    private JdbcRecordingStore one;
    private JdbcRecordingStore two;
    private final AtomicReference<Instant> now = new AtomicReference<>(T);
    private final Clock clock = new Clock() {
        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    };

    @BeforeEach
    void open() {
        one = TestStores.open(dir.resolve("shared.db"));
        two = TestStores.open(dir.resolve("shared.db"));
    }

    @AfterEach
    void close() {
        one.close();
        two.close();
    }

    @Test
    void twoGatewaysRacingForTheSameWorkEachWinOnlyWhatTheOtherDidNot() throws Exception {
        JdbcWorkClaims a = new JdbcWorkClaims(one, clock, "gateway-a");
        JdbcWorkClaims b = new JdbcWorkClaims(two, clock, "gateway-b");
        int subjects = 40;
        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Boolean>> wins = new ArrayList<>();
        for (int i = 0; i < subjects; i++) {
            String subject = "rec-" + i;
            for (JdbcWorkClaims claims : List.of(a, b, a, b)) {
                wins.add(pool.submit(() -> {
                    go.await();
                    return claims.claim("filing", subject, Duration.ofMinutes(2));
                }));
            }
        }
        go.countDown();
        int won = 0;
        for (Future<Boolean> w : wins) {
            won += w.get() ? 1 : 0;
        }
        pool.shutdown();
        assertEquals(subjects, won, "each subject is claimed exactly once among four tries from two gateways");
    }

    @Test
    void aClaimHoldsUntilReleasedOrExpiredAndOnlyItsHolderReleasesIt() {
        JdbcWorkClaims a = new JdbcWorkClaims(one, clock, "gateway-a");
        JdbcWorkClaims b = new JdbcWorkClaims(two, clock, "gateway-b");
        assertTrue(a.claim("deletion", "r1", Duration.ofMinutes(2)));
        assertFalse(a.claim("deletion", "r1", Duration.ofMinutes(2)), "not twice, not even by its holder");
        assertFalse(b.claim("deletion", "r1", Duration.ofMinutes(2)));
        assertTrue(b.claim("filing", "r1", Duration.ofMinutes(2)), "another kind of work on the same subject is its own claim");

        b.release("deletion", "r1");  // not b's: changes nothing
        assertFalse(b.claim("deletion", "r1", Duration.ofMinutes(2)));

        now.set(T.plusSeconds(119));
        assertFalse(b.claim("deletion", "r1", Duration.ofMinutes(2)), "not before it expired");
        now.set(T.plusSeconds(121));
        assertTrue(b.claim("deletion", "r1", Duration.ofMinutes(2)), "the dead holder's claim is taken over once it expired");
        assertFalse(a.claim("deletion", "r1", Duration.ofMinutes(2)));

        b.release("deletion", "r1");
        assertTrue(a.claim("deletion", "r1", Duration.ofMinutes(2)), "released: free again");
    }
}
