package org.recgateway.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

import org.recgateway.metrics.GatewayMetrics;
import org.recgateway.policy.LegalBasis;
import org.recgateway.policy.Purpose;
import org.recgateway.privacy.Erasure;
import org.recgateway.recording.AuditNotes;
import org.recgateway.recording.PhoneNumbers;
import org.recgateway.recording.Pseudonyms;
import org.recgateway.recording.Recording;
import org.recgateway.recording.RecordingStatus;
import org.recgateway.recording.RetentionSweep;
import org.recgateway.store.JdbcAuditTrail;
import org.recgateway.store.JdbcRecordingStore;

/**
 * The retention sweep over a store of {@code rows} recordings (a tenth of them past their deadline),
 * while 16 writers file new recordings as calls do (insert ACTIVE, update FILED); then erasure by one
 * number on that store. Rows are seeded with SQL in one transaction (filing a million through the API
 * would take minutes and measure filing, not the sweep); their files do not exist, so the sweep
 * measures the store's side of deleting (rows, purposes, audit trail), not the disk's.
 */
final class RetentionBench {
    private static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");
    private static final int NUMBERS = 100_000;

    private RetentionBench() {
    }

    static String run(Path dir, int rows) throws Exception {
        Files.createDirectories(dir);
        Path db = dir.resolve("retention.db");
        for (String suffix : new String[] {"", "-wal", "-shm"}) {
            Files.deleteIfExists(Path.of(db + suffix));
        }
        PhoneNumbers nl = PhoneNumbers.withDefaultRegion("NL");
        JdbcRecordingStore.open(db, nl).close();  // the schema
        long seedStart = System.nanoTime();
        seed(db, rows);
        double seedSeconds = (System.nanoTime() - seedStart) / 1e9;
        StringBuilder s = new StringBuilder("### retention sweep and erasure\n\n");
        Clock clock = Clock.fixed(NOW, java.time.ZoneOffset.UTC);
        try (JdbcRecordingStore store = JdbcRecordingStore.open(db, nl)) {
            JdbcAuditTrail trail = store.auditTrail(clock);
            AuditNotes notes = new AuditNotes(trail);
            org.recgateway.recording.AudioEraser deletion = org.recgateway.recording.AudioEraser.plaintext(store, notes, clock);
            RetentionSweep sweep = new RetentionSweep(store, deletion, notes, clock);

            long[] idle = filing(store, 16, Duration.ofSeconds(5));
            AtomicBoolean sweeping = new AtomicBoolean(true);
            long[][] during = new long[1][];
            Thread callers = Thread.ofPlatform().start(() -> during[0] = filingUntil(store, 16, sweeping));
            long t0 = System.nanoTime();
            RetentionSweep.Sweep done = sweep.run();
            double sweepSeconds = (System.nanoTime() - t0) / 1e9;
            sweeping.set(false);
            callers.join();

            s.append(String.format("Store: %,d recordings under %,d numbers, %,d past their deadline (seeded in %.1f s).%n%n",
                    rows, NUMBERS, rows / 10, seedSeconds));
            s.append("| what | result |\n|---|---|\n");
            s.append(String.format("| sweep | %,d purposes ended, %,d recordings deleted (tombstones, audited) in %.1f s: %,.0f recordings/s |%n",
                    done.purposesEnded(), done.deleted().size(), sweepSeconds, done.deleted().size() / sweepSeconds));
            s.append(String.format("| filing before the sweep (16 writers) | %s |%n", summary(idle, 5)));
            s.append(String.format("| filing during the sweep (16 writers) | %s |%n", summary(during[0], sweepSeconds)));
            long t1 = System.nanoTime();
            RetentionSweep.Sweep again = sweep.run();
            s.append(String.format("| second sweep (nothing due) | %.3f s, %d deleted |%n", (System.nanoTime() - t1) / 1e9,
                    again.deleted().size()));

            Erasure erasure = new Erasure(store, deletion, trail, new Pseudonyms(new byte[32], nl), clock);
            String number = "06 " + String.format("%08d", 12_345);
            long t2 = System.nanoTime();
            int found = store.ofNumber(number).size();
            double findMs = (System.nanoTime() - t2) / 1e6;
            long t3 = System.nanoTime();
            Erasure.Report report = erasure.byNumber(number, "bench");
            double eraseMs = (System.nanoTime() - t3) / 1e6;
            s.append(String.format("| find every recording of one number (written `%s`) | %d recordings in %.1f ms |%n", number, found, findMs));
            s.append(String.format("| erasure by that number | %d deleted, %d kept (contract), %d already deleted, in %.1f ms |%n",
                    report.count("deleted"), report.count("kept"), report.count("already-deleted"), eraseMs));
        }
        return s.toString();
    }

    /** One transaction of raw inserts: every tenth recording is past its quality deadline, one in five is a contract. */
    private static void seed(Path db, int rows) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db)) {
            c.setAutoCommit(false);
            try (PreparedStatement r = c.prepareStatement("INSERT INTO recordings (id, unique_id, linked_id, channel,"
                    + " caller_number, called_number, purpose, legal_basis, rule_name, retention_days, started, ended,"
                    + " retention_until, file_path, size_bytes, sha256, status, caller_key, called_key, retention_seconds)"
                    + " VALUES (?, ?, ?, 'PJSIP/agent-1', ?, '1001', ?, ?, 'bench', ?, ?, ?, ?, ?, 480044, ?, 'filed', ?, '1001', ?)");
                 PreparedStatement p = c.prepareStatement("INSERT INTO recording_purposes (recording_id, position, purpose,"
                         + " legal_basis, retention_days, retention_seconds, due) VALUES (?, 0, ?, ?, ?, ?, ?)")) {
                String hash = "0".repeat(64);
                for (int i = 0; i < rows; i++) {
                    boolean due = i % 10 == 0;
                    Purpose purpose = i % 5 == 1 ? Purpose.CONTRACT_EVIDENCE : Purpose.QUALITY;
                    Duration keep = purpose == Purpose.QUALITY ? Duration.ofDays(30) : Duration.ofDays(365);
                    Instant ended = due ? NOW.minus(Duration.ofDays(31)) : NOW.minus(Duration.ofDays(1));
                    String id = "b" + i;
                    int n = i % NUMBERS;
                    String digits = String.format("%08d", n);
                    r.setString(1, id);
                    r.setString(2, "u" + i);
                    r.setString(3, "l" + i);
                    r.setString(4, i % 2 == 0 ? "06" + digits : "+316" + digits);
                    r.setString(5, purpose.id());
                    r.setString(6, purpose.defaultBasis().id());
                    r.setLong(7, keep.toDays());
                    r.setString(8, ended.minusSeconds(120).toString());
                    r.setString(9, ended.toString());
                    r.setString(10, ended.plus(keep).toString());
                    r.setString(11, "/nonexistent/bench/" + id + ".wav");
                    r.setString(12, hash);
                    r.setString(13, "+316" + digits);
                    r.setLong(14, keep.toSeconds());
                    r.addBatch();
                    p.setString(1, id);
                    p.setString(2, purpose.id());
                    p.setString(3, purpose.defaultBasis().id());
                    p.setLong(4, keep.toDays());
                    p.setLong(5, keep.toSeconds());
                    p.setString(6, timestamp(ended.plus(keep)));
                    p.addBatch();
                    if (i % 10_000 == 9_999) {
                        r.executeBatch();
                        p.executeBatch();
                    }
                }
                r.executeBatch();
                p.executeBatch();
            }
            c.commit();
            try (Statement st = c.createStatement()) {
                st.execute("ANALYZE");
            }
        }
    }

    /** The store's fixed-width timestamp text (see store/Timestamps). */
    private static String timestamp(Instant t) {
        return java.time.format.DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSSSS'Z'")
                .withZone(java.time.ZoneOffset.UTC).format(t);
    }

    private static long[] filing(JdbcRecordingStore store, int writers, Duration length) throws Exception {
        AtomicBoolean running = new AtomicBoolean(true);
        Thread stopper = Thread.ofPlatform().start(() -> {
            try {
                Thread.sleep(length.toMillis());
            } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
            }
            running.set(false);
        });
        long[] result = filingUntil(store, writers, running);
        stopper.join();
        return result;
    }

    /** Files recordings from {@code writers} threads while {@code running}; returns each filing's latency in ns. */
    private static long[] filingUntil(JdbcRecordingStore store, int writers, AtomicBoolean running) {
        List<long[]> all = new ArrayList<>();
        int[] counts = new int[writers];
        List<Thread> threads = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            long[] mine = new long[200_000];
            all.add(mine);
            int me = w;
            threads.add(Thread.ofPlatform().start(() -> {
                while (running.get() && counts[me] < mine.length) {
                    long t0 = System.nanoTime();
                    Instant now = Instant.now();
                    String id = UUID.randomUUID().toString();
                    Recording active = Recording.active(id, new org.recgateway.recording.RecordedCall("u" + id, "l" + id, "PJSIP/a-1", "0612345678", "1001"), new org.recgateway.recording.Evidence("bench", null, null), new org.recgateway.recording.PurposeSet(Purpose.QUALITY, LegalBasis.LEGITIMATE_INTEREST, Duration.ofDays(30), null, java.util.List.of()), "/nonexistent/" + id + ".wav", now);
                    store.insert(active);
                    store.update(active.filed(now, 480_044, "0".repeat(64), RecordingStatus.FILED));
                    mine[counts[me]++] = System.nanoTime() - t0;
                }
            }));
        }
        for (Thread t : threads) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        int total = Arrays.stream(counts).sum();
        long[] merged = new long[total];
        int at = 0;
        for (int w = 0; w < writers; w++) {
            System.arraycopy(all.get(w), 0, merged, at, counts[w]);
            at += counts[w];
        }
        return merged;
    }

    private static String summary(long[] latencies, double seconds) {
        if (latencies.length == 0) {
            return "none filed";
        }
        long[] sorted = latencies.clone();
        Arrays.sort(sorted);
        return String.format("%,.0f filed/s; filing p50 %.1f ms, p99 %.1f ms, max %.1f ms", latencies.length / seconds,
                sorted[sorted.length / 2] / 1e6, sorted[(int) (sorted.length * 0.99)] / 1e6, sorted[sorted.length - 1] / 1e6);
    }
}
