package org.recgateway.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.recgateway.diagnostics.DiagnosticTicket;
import org.recgateway.policy.Purpose;
import org.recgateway.recording.Recording;
import org.recgateway.recording.RecordingStatus;
import org.recgateway.recording.TestRecordings;

/** Group commit: many callers' writes in one transaction, each failing alone, all durable when acknowledged. */
@Timeout(120)  // a guard against a hung writer, not a timing assertion
class GroupCommitTest {

    @TempDir
    Path dir;

    private Path dbFile;
    private JdbcRecordingStore store;

    @BeforeEach
    void open() {
        dbFile = dir.resolve("recordings.db");
        store = TestStores.open(dbFile);
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void manyThreadsInsertingAndUpdatingConcurrentlyAllSucceedAndSurviveReopening() throws Exception {
        int threads = 32;
        int each = 40;
        ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
        List<Thread> started = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int me = t;
            started.add(Thread.ofVirtual().start(() -> {
                try {
                    for (int i = 0; i < each; i++) {
                        Recording active = TestRecordings.active("t" + me + "-" + i, i, "100", "200", Purpose.QUALITY);
                        store.insert(active);
                        store.update(TestRecordings.filed(active));
                    }
                } catch (Throwable e) {
                    failures.add(e);
                }
            }));
        }
        for (Thread t : started) {
            t.join();
        }
        assertEquals(List.of(), List.copyOf(failures));
        assertTrue(store.commits() <= 2L * threads * each, "commits: " + store.commits());
        store.close();

        store = TestStores.open(dbFile);
        for (int t = 0; t < threads; t++) {
            for (int i = 0; i < each; i++) {
                Recording expected = TestRecordings.filed(TestRecordings.active("t" + t + "-" + i, i, "100", "200",
                        Purpose.QUALITY));
                assertEquals(expected, store.byId(expected.id()).orElseThrow());
            }
        }
        assertEquals(List.of(), store.active());
        int rows = store.locked("count", c -> {
            try (var s = c.createStatement(); var count = s.executeQuery("SELECT COUNT(*) FROM recordings")) {
                count.next();
                return count.getInt(1);
            }
        });
        assertEquals(threads * each, rows);
    }

    @Test
    void aDuplicateInsertInTheMiddleOfABatchFailsOnlyItself() throws Exception {
        Recording existing = TestRecordings.active("dup", 0, "100", "200", Purpose.QUALITY);
        store.insert(existing);
        Recording first = TestRecordings.active("first", 1, "100", "200", Purpose.QUALITY);
        Recording last = TestRecordings.active("last", 2, "100", "200", Purpose.QUALITY);
        Recording duplicate = TestRecordings.filed(existing);
        List<AtomicReference<Throwable>> outcomes = new ArrayList<>();
        long commitsBefore = store.commits();

        store.locked("hold the writer", c -> {
            for (Recording r : List.of(first, duplicate, last)) {
                outcomes.add(insertInBackground(r));
                int queued = outcomes.size();
                Background.waitUntil(() -> store.queuedWrites() == queued);
            }
            return null;
        });
        Background.waitUntil(() -> outcomes.stream().allMatch(o -> o.get() != null));

        assertEquals(Background.OK, outcomes.get(0).get());
        IllegalArgumentException e = assertInstanceOf(IllegalArgumentException.class, outcomes.get(1).get());
        assertTrue(e.getMessage().contains("dup") && e.getMessage().contains("already exists"), e.getMessage());
        assertEquals(Background.OK, outcomes.get(2).get());
        assertEquals(commitsBefore + 1, store.commits(), "the three inserts are one transaction");
        assertEquals(first, store.byId("first").orElseThrow());
        assertEquals(last, store.byId("last").orElseThrow());
        assertEquals(existing, store.byId("dup").orElseThrow());
    }

    @Test
    void closeCommitsQueuedWritesAndRefusesLaterOnes() throws Exception {
        List<AtomicReference<Throwable>> outcomes = new ArrayList<>();
        AtomicReference<Throwable> late = new AtomicReference<>();
        Thread[] closer = new Thread[1];

        store.locked("hold the writer", c -> {
            for (int i = 0; i < 5; i++) {
                outcomes.add(insertInBackground(TestRecordings.active("q" + i, i, "100", "200", Purpose.QUALITY)));
            }
            Background.waitUntil(() -> store.queuedWrites() == 5);
            closer[0] = Thread.ofVirtual().start(store::close);
            Background.waitUntil(() -> !store.acceptsWrites());
            late.set(Background.joined(insertInBackground(TestRecordings.active("late", 9, "100", "200", Purpose.QUALITY))));
            return null;
        });
        closer[0].join();
        // each caller records its outcome after its write returned: wait for that, not only for close()
        Background.waitUntil(() -> outcomes.stream().allMatch(o -> o.get() != null));

        for (AtomicReference<Throwable> outcome : outcomes) {
            assertEquals(Background.OK, outcome.get());
        }
        IllegalStateException e = assertInstanceOf(IllegalStateException.class, late.get());
        assertTrue(e.getMessage().contains("closed") && e.getMessage().contains("late"), e.getMessage());
        store = TestStores.open(dbFile);
        for (int i = 0; i < 5; i++) {
            assertTrue(store.byId("q" + i).isPresent(), "q" + i);
        }
        assertEquals(Optional.empty(), store.byId("late"));
    }

    @Test
    void writesAfterCloseFailWithTheClosedMessage() {
        store.close();

        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> store.insert(TestRecordings.active("r1", 0, "100", "200", Purpose.QUALITY)));
        assertTrue(e.getMessage().contains("is closed; cannot insert recording r1"), e.getMessage());
    }

    @Test
    void readsDoNotWaitForTheWriter() {
        Recording active = TestRecordings.active("r1", 0, "100", "200", Purpose.QUALITY);
        store.insert(active);

        Recording read = store.locked("hold the writer", c -> store.byId("r1").orElseThrow());

        assertEquals(active, read);
    }

    @Test
    void aWriteInsideLockedWorkIsRefusedInsteadOfDeadlocking() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> store.locked("hold the writer",
                c -> {
                    store.insert(TestRecordings.active("r1", 0, "100", "200", Purpose.QUALITY));
                    return null;
                }));

        assertTrue(e.getMessage().contains("insert recording r1"), e.getMessage());
        assertEquals(Optional.empty(), store.byId("r1"));
    }

    @Test
    void diagnosticsStillWorkBesideGroupCommits() {
        JdbcDiagnosticsStore diagnostics = store.diagnostics();
        DiagnosticTicket ticket = new DiagnosticTicket("t1", "KPN-1", "kpn", "one-way audio", 2, Duration.ofSeconds(60),
                TestRecordings.T0.plusSeconds(3600), TestRecordings.T0, null);
        store.insert(TestRecordings.active("r1", 0, "100", "200", Purpose.QUALITY));
        diagnostics.insertTicket(ticket);

        assertEquals(ticket, diagnostics.ticket("t1").orElseThrow());
        assertNull(diagnostics.ticket("t1").orElseThrow().closedAt());
        assertFalse(diagnostics.openTickets().isEmpty());
        assertEquals(RecordingStatus.ACTIVE, store.byId("r1").orElseThrow().status());
    }

    /** Inserts {@code r} on a virtual thread; what it ended with: {@link Background#OK} or its exception. */
    private AtomicReference<Throwable> insertInBackground(Recording r) {
        return Background.run(() -> store.insert(r));
    }
}
