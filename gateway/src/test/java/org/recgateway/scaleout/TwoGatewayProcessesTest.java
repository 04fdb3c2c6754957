package org.recgateway.scaleout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recgateway.audit.AuditAction;
import org.recgateway.audit.AuditEvent;
import org.recgateway.diagnostics.DiagnosticTicket;
import org.recgateway.listening.ListeningWindow;
import org.recgateway.policy.Purpose;
import org.recgateway.recording.Evidence;
import org.recgateway.recording.PhoneNumbers;
import org.recgateway.recording.PurposeSet;
import org.recgateway.recording.Recording;
import org.recgateway.recording.RecordingStatus;
import org.recgateway.recording.TestRecordings;
import org.recgateway.store.Database;
import org.recgateway.store.JdbcAuditTrail;
import org.recgateway.testing.PostgresRig;

/**
 * Issue #17 item 2: two gateway PROCESSES (two JVMs, {@link RacingGateway}) on one PostgreSQL database
 * ({@link PostgresRig}), started together on the same work, so that nothing but the database (transactions, row
 * locks, advisory locks, the {@code work_claims} table) keeps them apart: the ticket limit, the play budget, a single
 * deletion, a single filing, the disk audit of a shared recordings directory, and one audit chain that verifies.
 */
class TwoGatewayProcessesTest {
    private static final AtomicInteger DATABASES = new AtomicInteger();

    @TempDir
    Path dir;
    private Database database;
    private String url;
    private JdbcAuditTrail trail;

    private String testName;

    @BeforeEach
    void open(org.junit.jupiter.api.TestInfo info) {
        testName = info.getTestMethod().map(java.lang.reflect.Method::getName).orElse("test");
        url = PostgresRig.get().database("two_gateways_" + ProcessHandle.current().pid() + "_" + DATABASES.incrementAndGet());
        database = Database.postgresql(url, PostgresRig.USER, PostgresRig.PASSWORD, 2, PhoneNumbers.international());
        // the chain's key exists before the gateways start (they share it, as gateways on one database must)
        trail = database.auditTrail(Clock.systemUTC(), dir.resolve("audit-chain.key"), dir.resolve("head-test.json"));
    }

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void aTicketsLimitHoldsWhenTwoGatewayProcessesRaceForTheLastSlots() throws Exception {
        int tickets = 25;
        for (int t = 0; t < tickets; t++) {
            database.diagnostics().insertTicket(new DiagnosticTicket("ticket-" + t, "KPN-" + t, "kpn", "", 2, Duration.ofSeconds(120),
                    Instant.now().plusSeconds(3600), Instant.now(), null));
        }

        List<Integer> reserved = race(List.of("slots", "" + tickets, "3", "a-"), List.of("slots", "" + tickets, "3", "b-"));

        assertEquals(2 * tickets, reserved.get(0) + reserved.get(1), "reserved by the two gateways: " + reserved);
        for (int t = 0; t < tickets; t++) {
            assertEquals(2, database.diagnostics().slotsUsed("ticket-" + t), "slots of ticket-" + t);
        }
    }

    @Test
    void aPlayBudgetCannotBeExceededByPlayingFromTwoGatewayProcessesAtOnce() throws Exception {
        Instant now = Instant.now();
        database.diagnostics().insertTicket(new DiagnosticTicket("t1", "KPN-1", "kpn", "", 2, Duration.ofSeconds(120),
                now.plusSeconds(3600), now, null));
        database.recordings().insert(TestRecordings.active("r1", 0, "+31", "200", Purpose.PROVIDER_DIAGNOSTICS));
        database.listening().insertWindow(new ListeningWindow("w1", "t1", "kpn", now.minusSeconds(60), now.plusSeconds(3600), 2,
                Duration.ofSeconds(10), Duration.ofSeconds(20), Duration.ofSeconds(30), "token:admin", now));

        List<Integer> played = race(List.of("plays", "w1", "r1", "10"), List.of("plays", "w1", "r1", "10"));

        assertEquals(2, played.get(0) + played.get(1), "plays granted to the two gateways: " + played);
        assertEquals(2, database.listening().plays("w1", "r1"));
    }

    @Test
    void auditAppendsFromTwoGatewayProcessesFormOneVerifiableChain() throws Exception {
        List<Integer> appended = race(List.of("audit", "60"), List.of("audit", "60"));

        assertEquals(List.of(60, 60), appended);
        List<AuditEvent> events = trail.since(0, 1_000);
        assertEquals(120, events.size());
        for (int i = 0; i < events.size(); i++) {
            assertEquals(i + 1, events.get(i).sequence(), "one order: no gaps, no sequence twice");
        }
        assertTrue(trail.verify().intact(), trail.verify().toString());
    }

    @Test
    void anEndedCallIsFiledOnceAlthoughBothGatewaysSeeItsHangup() throws Exception {
        List<String> uniqueIds = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            Recording r = recent("call" + i, dir.resolve("call" + i + ".wav"));
            Files.write(Path.of(r.filePath()), new byte[16_000 * 40]);  // 40 s of 8 kHz 16-bit audio: whole for its call
            database.recordings().insert(r);
            uniqueIds.add(r.uniqueId());
            ids.add(r.id());
        }
        List<String> one = new ArrayList<>(List.of("file"));
        one.addAll(uniqueIds);
        List<String> two = new ArrayList<>(List.of("file"));
        two.addAll(uniqueIds.reversed());

        race(one, two);

        Map<String, Integer> filed = count(AuditAction.RECORDING_FILED);
        for (String id : ids) {
            assertEquals(RecordingStatus.FILED, database.recordings().byId(id).orElseThrow().status(), id);
            assertEquals(1, filed.getOrDefault(id, 0), "recording-filed events of " + id + ": " + filed);
        }
        assertTrue(trail.verify().intact(), trail.verify().toString());
    }

    @Test
    void aRecordingPastItsRetentionIsDeletedOnceWhenBothGatewaysSweep() throws Exception {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            Path file = dir.resolve("old" + i + ".wav");
            Files.write(file, new byte[2_000]);
            Recording active = TestRecordings.active("old" + i, i, "+3120" + i, "200", Purpose.QUALITY).keptIn(file.toString());
            database.recordings().insert(active);
            Recording r = TestRecordings.filed(active);
            database.recordings().update(r);  // filing sets each purpose's due time: long past
            ids.add(r.id());
        }

        List<Integer> deleted = race(List.of("sweep"), List.of("sweep"));

        assertEquals(12, deleted.get(0) + deleted.get(1), "deleted by the two gateways: " + deleted);
        Map<String, Integer> events = count(AuditAction.RECORDING_DELETED);
        Map<String, Integer> ended = count(AuditAction.PURPOSE_ENDED);
        for (String id : ids) {
            assertEquals(1, ended.getOrDefault(id, 0), "purpose-ended events of " + id + ": " + ended);
            assertEquals(RecordingStatus.DELETED, database.recordings().byId(id).orElseThrow().status(), id);
            assertEquals(1, events.getOrDefault(id, 0), "recording-deleted events of " + id + ": " + events);
        }
        try (var left = Files.list(dir)) {
            assertFalse(left.anyMatch(p -> p.getFileName().toString().startsWith("old")), "every deleted file is gone");
        }
        assertTrue(trail.verify().intact(), trail.verify().toString());
    }

    @Test
    void twoGatewaysAuditingOneDirectoryQuarantineOnlyWhatNoRecordingAccountsForAndEachFileOnce() throws Exception {
        Path shared = Files.createDirectories(dir.resolve("recordings"));
        for (int i = 0; i < 8; i++) {  // recorded by either gateway: rows in the shared store
            Recording r = recent("known" + i, shared.resolve("known" + i + ".wav"));
            Files.write(Path.of(r.filePath()), new byte[3_000]);
            database.recordings().insert(i % 2 == 0 ? r : r.filed(Instant.now(), 3_000, "c".repeat(64), RecordingStatus.FILED));
        }
        for (int i = 0; i < 5; i++) {
            Files.write(shared.resolve("stray" + i + ".wav"), new byte[500 + i]);
        }

        List<Integer> quarantined = race(List.of("diskaudit", shared.toString()), List.of("diskaudit", shared.toString()));

        assertEquals(5, quarantined.get(0) + quarantined.get(1), "quarantined by the two gateways: " + quarantined);
        Map<String, Integer> events = count(AuditAction.RECORDING_QUARANTINED);
        assertEquals(5, events.size(), "one quarantine per stray file: " + events);
        List<Recording> rows = database.recordings().idsWithStatus(RecordingStatus.QUARANTINED).stream()
                .map(id -> database.recordings().byId(id).orElseThrow()).toList();
        assertEquals(5, rows.size());
        assertTrue(rows.stream().allMatch(r -> Path.of(r.filePath()).getFileName().toString().startsWith("stray")),
                "no file a recording accounts for is quarantined: " + rows.stream().map(Recording::filePath).toList());
    }

    /** An active recording of a call that started two seconds ago, its audio in {@code file}. */
    private static Recording recent(String id, Path file) {
        Recording r = TestRecordings.active(id, 0, "+31201234567", "200", Purpose.QUALITY);
        return Recording.active(id, r.call(), new Evidence(r.ruleName(), r.notice(), null), PurposeSet.of(r.purposes()),
                file.toString(), Instant.now().minusSeconds(2));
    }

    /** Events of {@code action} in the shared trail, by recording id. */
    private Map<String, Integer> count(AuditAction action) {
        Map<String, Integer> counts = new TreeMap<>();
        for (AuditEvent e : trail.since(0, 1_000)) {
            if (e.action() == action) {
                counts.merge(e.recordingId(), 1, Integer::sum);
            }
        }
        return counts;
    }

    /**
     * Starts one {@link RacingGateway} per argument list, waits until both are ready, starts them together and
     * returns each one's result; a process that fails fails the test with its output.
     */
    private List<Integer> race(List<String> one, List<String> two) throws Exception {
        List<Process> processes = new ArrayList<>();
        List<BufferedReader> outputs = new ArrayList<>();
        int n = 0;
        for (List<String> work : List.of(one, two)) {
            n++;
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx128m", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                    RacingGateway.class.getName(), url, dir.resolve("audit-chain.key").toString(),
                    dir.resolve("head-" + n + ".json").toString()));
            command.addAll(work);
            Process p = new ProcessBuilder(command).redirectError(logFile(n).toFile()).start();
            processes.add(p);
            outputs.add(new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8)));
        }
        try {
            for (int i = 0; i < 2; i++) {
                expect(outputs.get(i), "ready", i + 1);
            }
            for (Process p : processes) {
                Writer go = new java.io.OutputStreamWriter(p.getOutputStream(), StandardCharsets.UTF_8);
                go.write("go\n");
                go.flush();
            }
            List<Integer> results = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                results.add(Integer.parseInt(expect(outputs.get(i), "result ", i + 1).substring("result ".length())));
                assertTrue(processes.get(i).waitFor(60, TimeUnit.SECONDS), "gateway " + (i + 1) + " did not exit");
                assertEquals(0, processes.get(i).exitValue(), log(i + 1));
            }
            return results;
        } finally {
            processes.forEach(Process::destroyForcibly);
        }
    }

    private String expect(BufferedReader output, String prefix, int gateway) throws IOException {
        for (String line; (line = output.readLine()) != null; ) {
            if (line.startsWith(prefix)) {
                return line;
            }
        }
        throw new AssertionError("gateway process " + gateway + " ended without '" + prefix + "': " + log(gateway));
    }

    /** Where gateway process {@code n} of the running test logs (kept under target/ for a failure's reader). */
    private Path logFile(int n) throws IOException {
        return Files.createDirectories(Path.of("target", "two-gateway-processes")).resolve(testName + "-gateway-" + n + ".log");
    }

    private String log(int gateway) {
        try {
            String text = Files.readString(logFile(gateway));
            return text.length() > 4000 ? text.substring(text.length() - 4000) : text;
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }
}
