package org.recgateway.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.recgateway.policy.Purpose;
import org.recgateway.recording.Recording;
import org.recgateway.recording.TestRecordings;

/**
 * Issue 13, the warm-up stall: a new recording's ACTIVE row, which a live call waits for before MixMonitor starts,
 * goes ahead of the writes already queued, so a backlog of writes nobody waits for (MixMonitor ids, audit events,
 * filings) cannot hold a call until its caller gives up. Every other write keeps the one queue's order, and a wait for
 * what is queued covers both queues without a transaction of its own. The tests hold
 * the writer (the connection lock) while they queue, so that what is queued and in which order is exact.
 */
@Timeout(120)  // a guard against a hung writer, not a timing assertion
class WriteFirstTest {

    @TempDir
    Path dir;

    private JdbcRecordingStore store;
    private final List<Throwable> failures = new CopyOnWriteArrayList<>();

    @BeforeEach
    void open() {
        store = TestStores.open(dir.resolve("recordings.db"));
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void aNewRecordingsRowIsCommittedBeforeEveryWriteQueuedAheadOfIt() {
        int backlog = 2 * GroupCommitWriter.MAX_BATCH + 7;  // more than one batch: the row must not wait for them all
        List<Boolean> sawTheRow = new CopyOnWriteArrayList<>();
        AtomicReference<Throwable> inserted = new AtomicReference<>();
        long commitsBefore = store.commits();

        store.locked("hold the writer", c -> {
            for (int i = 0; i < backlog; i++) {
                store.queue("backlog " + i, w -> sawTheRow.add(rowExists(w, "new")), null, failures::add);
            }
            Background.run(() -> store.insert(active("new")), inserted);
            Background.waitUntil(() -> store.queuedWrites() == backlog + 1);
            return null;
        });
        Background.waitUntil(() -> inserted.get() != null);
        store.awaitQueuedWrites();

        assertEquals(Background.OK, inserted.get());
        assertEquals(List.of(), failures);
        assertEquals(backlog, sawTheRow.size());
        assertTrue(sawTheRow.stream().allMatch(Boolean::booleanValue),
                "every write queued before the insert ran after it: " + sawTheRow.indexOf(false) + " did not");
        // the backlog fills the rest of the insert's batch, so the whole lot takes the fewest transactions
        assertEquals(commitsBefore + 3, store.commits(), "batches of " + GroupCommitWriter.MAX_BATCH);
    }

    @Test
    void everyOtherWriteKeepsTheOrderItWasQueuedIn() {
        List<String> ran = new CopyOnWriteArrayList<>();
        List<AtomicReference<Throwable>> updates = new ArrayList<>();
        Recording existing = active("existing");
        store.insert(existing);

        store.locked("hold the writer", c -> {
            store.queue("a", w -> ran.add("a"), null, failures::add);
            // a waited update of an existing row is an ordinary write: it stays behind "a"
            AtomicReference<Throwable> update = new AtomicReference<>();
            updates.add(update);
            Background.run(() -> store.write("update existing", w -> ran.add("update")), update);
            Background.waitUntil(() -> store.queuedWrites() == 2);
            store.queue("b", w -> ran.add("b"), null, failures::add);
            return null;
        });
        store.awaitQueuedWrites();
        Background.waitUntil(() -> updates.getFirst().get() != null);

        assertEquals(Background.OK, updates.getFirst().get());
        assertEquals(List.of(), failures);
        assertEquals(List.of("a", "update", "b"), ran);
    }

    @Test
    void writesQueuedAfterTheInsertReturnedRunAfterItAndSeeIt() throws Exception {
        List<Boolean> sawTheRow = new CopyOnWriteArrayList<>();
        store.insert(active("r1"));
        store.queue("after the insert", w -> sawTheRow.add(rowExists(w, "r1")), null, failures::add);

        store.awaitQueuedWrites();

        assertEquals(List.of(true), sawTheRow);
        assertEquals(List.of(), failures);
    }

    @Test
    @Tag("sqlite-only")  // reads SQLite's rowid; the order is the writer's, the same whatever the database
    void newRowsKeepTheirOwnOrderAmongThemselves() {
        List<AtomicReference<Throwable>> inserts = new ArrayList<>();
        List<String> orderSeen = new CopyOnWriteArrayList<>();
        store.locked("hold the writer", c -> {
            store.queue("backlog", w -> orderSeen.add(idsInInsertOrder(w)), null, failures::add);
            for (int i = 0; i < 5; i++) {
                AtomicReference<Throwable> outcome = new AtomicReference<>();
                inserts.add(outcome);
                String id = "n" + i;
                Background.run(() -> store.insert(active(id)), outcome);
                int expected = i + 2;
                Background.waitUntil(() -> store.queuedWrites() == expected);
            }
            return null;
        });
        Background.waitUntil(() -> inserts.stream().allMatch(o -> o.get() != null));
        store.awaitQueuedWrites();

        inserts.forEach(o -> assertEquals(Background.OK, o.get()));
        assertEquals(List.of("n0 n1 n2 n3 n4"), orderSeen, "inserted in the order they were queued, before the backlog");
    }

    @Test
    void closingCommitsBothQueues() {
        List<AtomicReference<Throwable>> inserts = new ArrayList<>();
        List<String> ran = new CopyOnWriteArrayList<>();
        Thread[] closer = new Thread[1];
        store.locked("hold the writer", c -> {
            store.queue("queued", w -> ran.add("queued"), null, failures::add);
            AtomicReference<Throwable> outcome = new AtomicReference<>();
            inserts.add(outcome);
            Background.run(() -> store.insert(active("q")), outcome);
            Background.waitUntil(() -> store.queuedWrites() == 2);
            closer[0] = Thread.ofVirtual().start(store::close);
            Background.waitUntil(() -> !store.acceptsWrites());
            return null;
        });
        join(closer[0]);
        Background.waitUntil(() -> inserts.getFirst().get() != null);

        assertEquals(Background.OK, inserts.getFirst().get());
        assertEquals(List.of("queued"), ran);
        store = TestStores.open(dir.resolve("recordings.db"));
        assertTrue(store.byId("q").isPresent());
    }

    @Test
    void waitingForTheQueuedWritesWaitsForBothQueuesAndCommitsNothingItself() throws Exception {
        List<String> ran = new CopyOnWriteArrayList<>();
        AtomicReference<Throwable> inserted = new AtomicReference<>();
        AtomicReference<Throwable> waited = new AtomicReference<>();
        long commitsBefore = store.commits();

        store.locked("hold the writer", c -> {
            store.queue("queued", w -> ran.add("queued"), null, failures::add);
            Background.run(() -> store.insert(active("w")), inserted);
            Background.waitUntil(() -> store.queuedWrites() == 2);
            Background.run(store::awaitQueuedWrites, waited);
            Background.sleep(200);  // not a timing assertion: with the writer held, the wait cannot have returned, however long
            assertEquals(null, waited.get(), "returned while both writes were still queued");
            return null;
        });
        Background.waitUntil(() -> waited.get() != null);

        assertEquals(Background.OK, waited.get());
        assertEquals(List.of("queued"), ran);
        assertTrue(store.byId("w").isPresent());
        assertEquals(commitsBefore + 1, store.commits(), "the two writes in one transaction, none for the wait");
        store.awaitQueuedWrites();  // nothing queued: returns at once, with no transaction
        assertEquals(commitsBefore + 1, store.commits());
        assertEquals(List.of(), failures);
    }

    private static Recording active(String id) {
        return TestRecordings.active(id, 0, "100", "200", Purpose.QUALITY);
    }

    private static boolean rowExists(Connection c, String id) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT 1 FROM recordings WHERE id = ?")) {
            s.setString(1, id);
            try (ResultSet r = s.executeQuery()) {
                return r.next();
            }
        }
    }

    /** The ids of the recordings starting with "n", in the order their rows were inserted (SQLite's rowid). */
    private static String idsInInsertOrder(Connection c) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT id FROM recordings WHERE id LIKE 'n%' ORDER BY rowid");
             ResultSet r = s.executeQuery()) {
            List<String> ids = new ArrayList<>();
            while (r.next()) {
                ids.add(r.getString(1));
            }
            return String.join(" ", ids);
        }
    }

    private static void join(Thread t) {
        try {
            t.join(TimeUnit.SECONDS.toMillis(60));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
