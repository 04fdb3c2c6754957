package org.recgateway.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recgateway.audit.Actors;
import org.recgateway.audit.AuditAction;
import org.recgateway.audit.AuditEvent;
import org.recgateway.diagnostics.DiagnosticTicket;
import org.recgateway.diagnostics.Reservation;
import org.recgateway.listening.ListeningWindow;
import org.recgateway.listening.Play;
import org.recgateway.listening.Span;
import org.recgateway.policy.Purpose;
import org.recgateway.recording.TestRecordings;

/**
 * Two gateways on one database: two stores, each with its own connections and its own in-process locks,
 * so only the database (transactions, row locks, triggers, advisory locks) can keep the limits. Threads of
 * both race for the same last slots, the same play budget and the same audit chain. Runs on SQLite and,
 * in the store-on-postgresql execution, on PostgreSQL.
 */
class CrossInstanceRaceTest {
    private static final Instant T = Instant.parse("2026-03-02T09:00:00Z");
    private static final int PER_GATEWAY = 12;

    @TempDir
    Path dir;
    private JdbcRecordingStore one;
    private JdbcRecordingStore two;

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
    void aTicketsLimitHoldsWhenTwoGatewaysRaceForTheLastSlots() throws Exception {
        one.diagnostics().insertTicket(new DiagnosticTicket("t1", "KPN-1", "kpn", "", 3, Duration.ofSeconds(120),
                T.plusSeconds(3600), T, null));
        List<Callable<Boolean>> presses = new ArrayList<>();
        for (int i = 0; i < PER_GATEWAY; i++) {
            String call = "call-" + i;
            presses.add(() -> one.diagnostics().reserve("t1", call + "-a", T) instanceof Reservation.Reserved);
            presses.add(() -> two.diagnostics().reserve("t1", call + "-b", T) instanceof Reservation.Reserved);
        }

        long reserved = race(presses).stream().filter(b -> b).count();

        assertEquals(3, reserved);
        assertEquals(3, one.diagnostics().slotsUsed("t1"));
        assertEquals(3, two.diagnostics().slotsUsed("t1"));
    }

    @Test
    void aPlayBudgetCannotBeExceededByPlayingFromTwoGatewaysAtOnce() throws Exception {
        one.diagnostics().insertTicket(new DiagnosticTicket("t1", "KPN-1", "kpn", "", 2, Duration.ofSeconds(120),
                T.plusSeconds(3600), T, null));
        one.insert(TestRecordings.active("r1", 0, "+31", "200", Purpose.PROVIDER_DIAGNOSTICS));
        JdbcListeningStore.of(one).insertWindow(new ListeningWindow("w1", "t1", "kpn", T, T.plusSeconds(3600), 2,
                Duration.ofSeconds(10), Duration.ofSeconds(20), Duration.ofSeconds(30), "token:admin", T));
        Play play = new Play("w1", "r1", "kpn", T, new Span(45_000, 30_000));
        List<Callable<Boolean>> plays = new ArrayList<>();
        for (int i = 0; i < PER_GATEWAY; i++) {
            plays.add(() -> JdbcListeningStore.of(one).recordPlay(play, 2).isPresent());
            plays.add(() -> JdbcListeningStore.of(two).recordPlay(play, 2).isPresent());
        }

        long played = race(plays).stream().filter(b -> b).count();

        assertEquals(2, played);
        assertEquals(2, JdbcListeningStore.of(two).plays("w1", "r1"));
    }

    @Test
    void auditAppendsFromTwoGatewaysFormOneVerifiableChain() throws Exception {
        JdbcAuditTrail a = one.auditTrail(Clock.systemUTC(), dir.resolve("audit-chain.key"), dir.resolve("head-one.json"));
        JdbcAuditTrail b = two.auditTrail(Clock.systemUTC(), dir.resolve("audit-chain.key"), dir.resolve("head-two.json"));
        List<Callable<AuditEvent>> appends = new ArrayList<>();
        for (int i = 0; i < PER_GATEWAY; i++) {
            appends.add(() -> a.append(Actors.GATEWAY, AuditAction.RECORDING_READ, "r1", Map.of("by", "one")));
            appends.add(() -> b.append(Actors.GATEWAY, AuditAction.RECORDING_READ, "r1", Map.of("by", "two")));
        }

        List<Long> sequences = race(appends).stream().map(AuditEvent::sequence).sorted().toList();

        List<Long> expected = new ArrayList<>();
        for (long s = 1; s <= 2L * PER_GATEWAY; s++) {
            expected.add(s);
        }
        assertEquals(expected, sequences);
        assertTrue(a.verify().intact(), a.verify().toString());
        assertTrue(b.verify().intact(), b.verify().toString());
        assertEquals(Optional.of(2L * PER_GATEWAY), Optional.of((long) a.since(0, 1000).size()));
    }

    /** Runs every task at once (released together) and returns their results; a task's failure fails the test. */
    private static <T> List<T> race(List<Callable<T>> tasks) throws Exception {
        CountDownLatch go = new CountDownLatch(1);
        try (ExecutorService pool = Executors.newFixedThreadPool(tasks.size())) {
            List<Future<T>> futures = new ArrayList<>();
            for (Callable<T> task : tasks) {
                futures.add(pool.submit(() -> {
                    go.await();
                    return task.call();
                }));
            }
            go.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> f : futures) {
                results.add(f.get());
            }
            return results;
        }
    }
}
