package org.recgateway.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.LongStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.recgateway.audit.Actors;
import org.recgateway.audit.AuditAction;
import org.recgateway.audit.AuditEvent;
import org.recgateway.audit.HashChain;
import org.recgateway.audit.Verification;
import org.recgateway.policy.Purpose;
import org.recgateway.recording.TestRecordings;

class JdbcAuditTrailTest {

    private static final Instant T0 = Instant.parse("2025-03-14T09:26:53.589793238Z");

    @TempDir
    Path dir;

    private Path dbFile;
    private JdbcRecordingStore store;
    private JdbcAuditTrail trail;

    @BeforeEach
    void open() {
        dbFile = dir.resolve("recordings.db");
        store = TestStores.open(dbFile);
        trail = store.auditTrail(Clock.fixed(T0, ZoneOffset.UTC));
    }

    private HashChain keyBesideTheDatabase() {
        try {
            return org.recgateway.audit.ChainKeyFile.load(dir.resolve("audit-chain.key"), false);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void eventsAreNumberedFromOneAndEachLinksToThePrevious() {
        AuditEvent first = trail.append(Actors.GATEWAY, AuditAction.RECORDING_STARTED, "r1", Map.of());
        AuditEvent second = trail.append(Actors.token("dpo"), AuditAction.RECORDING_READ, "r1", Map.of("via", "http"));

        assertEquals(1, first.sequence());
        assertEquals(HashChain.GENESIS, first.previousHash());
        assertEquals(2, second.sequence());
        assertEquals(first.hash(), second.previousHash());
        assertEquals(keyBesideTheDatabase().hashOf(second), second.hash());
        assertEquals(T0, second.at());
    }

    @Test
    void eventsReadBackExactlyAsAppended() {
        AuditEvent started = trail.append(Actors.GATEWAY, AuditAction.RECORDING_STARTED, "r1", Map.of());
        AuditEvent listed = trail.append(Actors.CLI, AuditAction.RECORDING_LISTED, null,
                Map.of("number", "+31201111111", "count", "2", "quote", "\"{'\\\u00e9"));
        AuditEvent read = trail.append(Actors.CLI, AuditAction.RECORDING_READ, "r1", Map.of());

        assertEquals(List.of(started, listed, read), trail.since(0, 10));
        assertEquals(List.of(started, read), trail.forRecording("r1"));
        assertEquals(List.of(listed), trail.since(1, 1));
        assertEquals(List.of(), trail.forRecording("r2"));
    }

    @Test
    void untouchedTrailVerifiesWithCountAndLastHash() {
        AuditEvent last = appendSome(5).getLast();

        assertEquals(new Verification.Intact(5, last.hash()), trail.verify());
    }

    @Test
    void verificationReadsPastOnePage() {
        AuditEvent last = appendSome(AuditVerification.PAGE * 2 + 3).getLast();

        assertEquals(new Verification.Intact(AuditVerification.PAGE * 2 + 3, last.hash()), trail.verify());
    }

    @Test
    void emptyTrailVerifies() {
        assertEquals(new Verification.Intact(0, HashChain.GENESIS), trail.verify());
    }

    @Test
    void aPlainUpdateOrDeleteIsRefusedByTheDatabase() throws Exception {
        appendSome(3);

        try (Connection c = TestStores.connect(dbFile); Statement s = c.createStatement()) {
            SQLException update = assertThrows(SQLException.class,
                    () -> s.executeUpdate("UPDATE audit_events SET actor = 'x' WHERE sequence = 2"));
            SQLException delete = assertThrows(SQLException.class,
                    () -> s.executeUpdate("DELETE FROM audit_events WHERE sequence = 2"));
            assertTrue(update.getMessage().contains("append-only"), update.getMessage());
            assertTrue(delete.getMessage().contains("append-only"), delete.getMessage());
        }
        assertTrue(trail.verify().intact());
    }

    static Stream<Arguments> edits() {
        return Stream.of(
                Arguments.of("at = '2025-03-14T09:00:00.000000000Z'", Verification.Problem.EDITED, 3),
                Arguments.of("at = 'yesterday'", Verification.Problem.EDITED, 3),
                Arguments.of("actor = 'token:mallory'", Verification.Problem.EDITED, 3),
                Arguments.of("action = 'recording-listed'", Verification.Problem.EDITED, 3),
                Arguments.of("action = 'recording-eaten'", Verification.Problem.EDITED, 3),
                Arguments.of("recording_id = 'r9'", Verification.Problem.EDITED, 3),
                Arguments.of("recording_id = NULL", Verification.Problem.EDITED, 3),
                Arguments.of("details = '{\"n\":\"4\"}'", Verification.Problem.EDITED, 3),
                Arguments.of("details = '{}'", Verification.Problem.EDITED, 3),
                Arguments.of("details = '[1]'", Verification.Problem.EDITED, 3),
                Arguments.of("previous_hash = '" + "1".repeat(64) + "'", Verification.Problem.EDITED, 3),
                Arguments.of("hash = '" + "f".repeat(64) + "'", Verification.Problem.EDITED, 3),
                Arguments.of("hash = 'nonsense'", Verification.Problem.EDITED, 3),
                Arguments.of("sequence = 1000", Verification.Problem.MISSING, 3));
    }

    @ParameterizedTest
    @MethodSource("edits")
    void editingAnyColumnOfOneRowBreaksTheChainThere(String assignment, Verification.Problem problem, long at)
            throws Exception {
        appendSome(5);

        raw("DROP TRIGGER audit_events_no_update", "UPDATE audit_events SET " + assignment + " WHERE sequence = 3");

        Verification.Broken broken = (Verification.Broken) trail.verify();
        assertEquals(at, broken.sequence(), broken.reason());
        assertEquals(problem, broken.problem(), broken.reason());
        assertEquals(2, broken.verified());
    }

    @Test
    void deletingARowIsAGap() throws Exception {
        appendSome(5);

        raw("DROP TRIGGER audit_events_no_delete", "DELETE FROM audit_events WHERE sequence = 4");

        Verification.Broken broken = (Verification.Broken) trail.verify();
        assertEquals(4, broken.sequence());
        assertEquals(Verification.Problem.MISSING, broken.problem());
        assertTrue(broken.reason().contains("event 3 is followed by 5"), broken.reason());
    }

    @Test
    void anEditedRowThatNoLongerReadsIsReportedOnRead() throws Exception {
        appendSome(3);
        raw("DROP TRIGGER audit_events_no_update", "UPDATE audit_events SET action = 'x' WHERE sequence = 2");

        StoreException e = assertThrows(StoreException.class, () -> trail.since(0, 10));
        assertTrue(e.getMessage().contains("audit event 2") && e.getMessage().contains("audit verify"),
                e.getMessage());
    }

    @Test
    void appendsFromManyThreadsFormOneLinearChain() throws Exception {
        List<AuditEvent> appended = appendConcurrently(List.of(trail), 8, 50);

        assertEquals(400, appended.size());
        assertEquals(LongStream.rangeClosed(1, 400).boxed().toList(),
                trail.since(0, 1000).stream().map(AuditEvent::sequence).toList());
        assertTrue(trail.verify().intact(), trail.verify().toString());
    }

    @Test
    void appendsFromTwoConnectionsToOneFileFormOneChain() throws Exception {
        // The gateway and a command line process share the file: each has its own connection.
        try (JdbcRecordingStore other = TestStores.open(dbFile)) {
            JdbcAuditTrail cli = other.auditTrail(Clock.systemUTC());

            appendConcurrently(List.of(trail, cli), 4, 40);

            assertEquals(new Verification.Intact(160, trail.since(159, 1).getFirst().hash()), cli.verify());
        }
    }

    @Test
    void theChainContinuesAfterReopening() {
        AuditEvent before = appendSome(2).getLast();
        store.close();
        store = TestStores.open(dbFile);
        trail = store.auditTrail(Clock.systemUTC());

        AuditEvent after = trail.append(Actors.GATEWAY, AuditAction.RECORDING_FILED, "r1", Map.of());

        assertEquals(3, after.sequence());
        assertEquals(before.hash(), after.previousHash());
        assertTrue(trail.verify().intact());
    }

    @Tag("sqlite-only")
    @Test
    void aDatabaseWithoutTheAuditTrailGainsItWhenOpened() throws Exception {
        store.close();
        Files.delete(dbFile);
        try (Connection c = TestStores.connect(dbFile); Statement s = c.createStatement()) {
            LegacySchema.migrate(c, 3);  // as a gateway before the audit trail (and before Flyway) left it
            s.execute("INSERT INTO recordings (id, retention_days, status) VALUES ('r1', 30, 'active')");
        }

        store = TestStores.open(dbFile);
        trail = store.auditTrail(Clock.systemUTC());

        assertTrue(store.byId("r1").isPresent());
        assertEquals(1, trail.append(Actors.GATEWAY, AuditAction.RECORDING_FILED, "r1", Map.of()).sequence());
        assertThrows(SQLException.class, () -> raw("UPDATE audit_events SET actor = 'x'"));
    }

    @Test
    void invalidInputIsRefusedAndNothingIsWritten() {
        assertThrows(IllegalArgumentException.class,
                () -> trail.append("", AuditAction.RECORDING_READ, "r1", Map.of()));
        assertThrows(IllegalArgumentException.class,
                () -> trail.append(Actors.CLI, AuditAction.RECORDING_READ, "r1", Map.of("Bad key", "v")));
        assertThrows(IllegalArgumentException.class, () -> trail.since(0, 0));

        assertEquals(1, trail.append(Actors.CLI, AuditAction.RECORDING_READ, "r1", Map.of()).sequence());
    }

    private List<AuditEvent> appendSome(int count) {
        List<AuditEvent> events = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            events.add(trail.append(Actors.token("dpo"), AuditAction.RECORDING_READ, "r" + (i % 3),
                    Map.of("n", Integer.toString(i))));
        }
        return events;
    }

    private static List<AuditEvent> appendConcurrently(List<JdbcAuditTrail> trails, int threads, int each)
            throws Exception {
        List<Callable<List<AuditEvent>>> tasks = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            JdbcAuditTrail target = trails.get(t % trails.size());
            String actor = Actors.agent(Integer.toString(t));
            tasks.add(() -> {
                List<AuditEvent> mine = new ArrayList<>();
                for (int i = 0; i < each; i++) {
                    mine.add(target.append(actor, AuditAction.AUDIO_PLAYED, "r1", Map.of("i", Integer.toString(i))));
                }
                return mine;
            });
        }
        List<AuditEvent> all = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            for (Future<List<AuditEvent>> f : pool.invokeAll(tasks)) {
                all.addAll(f.get());
            }
        }
        return all;
    }

    private void raw(String... statements) throws SQLException {
        try (Connection c = TestStores.connect(dbFile); Statement s = c.createStatement()) {
            for (String sql : statements) {
                // PostgreSQL names the table a trigger belongs to
                s.execute(TestStores.onPostgres() ? sql.replaceAll("^DROP TRIGGER (\\w+)$", "DROP TRIGGER $1 ON audit_events") : sql);
            }
        }
    }
}
