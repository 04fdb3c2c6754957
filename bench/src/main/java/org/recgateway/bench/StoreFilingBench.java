package org.recgateway.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

import org.recgateway.audit.Actors;
import org.recgateway.audit.AuditAction;
import org.recgateway.audit.AuditTrail;
import org.recgateway.audit.Verification;
import org.recgateway.policy.LegalBasis;
import org.recgateway.policy.Purpose;
import org.recgateway.recording.NoticeEvidence;
import org.recgateway.recording.PhoneNumbers;
import org.recgateway.recording.Recording;
import org.recgateway.recording.RecordingStatus;
import org.recgateway.store.Database;

/**
 * The store's part of filing a call, side by side on SQLite and on PostgreSQL with one and with two
 * gateways, in one run (issue 17 item 5): each filing makes the four group-committed writes a filed call
 * makes (insert ACTIVE, audit {@code recording-started}, update FILED, audit {@code recording-filed} with
 * its evidence digest), all durable on return. "Two gateways" are two store handles (two pools, two
 * group-commit writers, two head files) in this one JVM on the same database, sharing the callers half
 * and half, so they race for PostgreSQL's audit-chain lock as two gateway processes would; at the end the
 * one audit chain must verify. PostgreSQL is a private server started here (Debian's binaries, a cluster
 * in a temporary directory, loopback, <b>fsync on</b>), stopped at the end. Not measured here: sealing,
 * hashing and AMI (see the end-to-end rows).
 */
final class StoreFilingBench {
    private static final String USER = "gateway";

    private StoreFilingBench() {
    }

    /**
     * @param clusterParent where the PostgreSQL cluster goes (e.g. /dev/shm with {@code --store-dir}, beside the
     *                      SQLite file), or null for /tmp
     */
    static String run(Path dir, Path clusterParent, int seconds, int callers) throws Exception {
        Files.createDirectories(dir);
        StringBuilder s = new StringBuilder("### store filing: SQLite vs PostgreSQL, one and two gateways\n\n");
        s.append(String.format("%d concurrent callers in all, %d s per row, SQLite file in %s, PostgreSQL cluster in %s,"
                + " load average at start %s.%n%n", callers, seconds, dir, clusterParent == null ? "/tmp" : clusterParent,
                Files.readString(Path.of("/proc/loadavg")).trim()));
        s.append("| store | gateways | filed recordings/s (4 durable writes each) | vs SQLite | transactions/s | filing p50 / p99 / max ms | audit chain |\n");
        s.append("|---|---|---|---|---|---|---|\n");
        Row sqlite;
        try (Database db = Database.sqlite(dir.resolve("sqlite/recordings.db"), PhoneNumbers.international())) {
            sqlite = measure(List.of(db), dir.resolve("sqlite"), seconds, callers);
        }
        s.append(sqlite.line("SQLite", 1, sqlite.rate));
        try (PrivatePostgres pg = PrivatePostgres.start(clusterParent)) {
            for (int gateways : new int[] {1, 2}) {
                String url = pg.createDatabase("filing" + gateways);
                List<Database> handles = new ArrayList<>();
                try {
                    for (int g = 0; g < gateways; g++) {
                        handles.add(Database.postgresql(url, USER, "unused", 4, PhoneNumbers.international()));
                    }
                    Row row = measure(handles, dir.resolve("pg-" + gateways), seconds, callers);
                    s.append(row.line("PostgreSQL 15", gateways, sqlite.rate));
                } finally {
                    for (Database d : handles) {
                        d.close();
                    }
                }
            }
        }
        s.append(String.format("%nLoad average at the end: %s.%n", Files.readString(Path.of("/proc/loadavg")).trim()));
        return s.toString();
    }

    private record Row(double rate, double transactions, LoadResult.Percentiles latency, String chain) {
        String line(String store, int gateways, double baseline) {
            return String.format("| %s | %d | %.0f | %.2fx | %.0f | %.2f / %.2f / %.1f | %s |%n", store, gateways, rate,
                    rate / baseline, transactions, latency.p50(), latency.p99(), latency.max(), chain);
        }
    }

    private static Row measure(List<Database> gateways, Path dir, int seconds, int callers) throws Exception {
        Files.createDirectories(dir);
        List<AuditTrail> trails = new ArrayList<>();
        for (int g = 0; g < gateways.size(); g++) {
            trails.add(gateways.get(g).auditTrail(Clock.systemUTC(), dir.resolve("audit-chain.key"), dir.resolve("audit-head-" + g + ".json")));
        }
        long commitsBefore = gateways.stream().mapToLong(d -> d.recordings().commits()).sum();
        AtomicBoolean stop = new AtomicBoolean();
        long[][] latencies = new long[callers][];
        int[] counts = new int[callers];
        List<Thread> threads = new ArrayList<>();
        long start = System.nanoTime();
        for (int c = 0; c < callers; c++) {
            int me = c;
            Database db = gateways.get(c % gateways.size());
            AuditTrail trail = trails.get(c % gateways.size());
            latencies[c] = new long[1_000_000 / callers];
            threads.add(Thread.ofPlatform().start(() -> {
                while (!stop.get() && counts[me] < latencies[me].length) {
                    long t0 = System.nanoTime();
                    Recording active = active();
                    db.recordings().insert(active);
                    trail.append(Actors.GATEWAY, AuditAction.RECORDING_STARTED, active.id(), Map.of("rule", "bench"));
                    db.recordings().update(active.filed(Instant.now(), 16_044, "0".repeat(64), RecordingStatus.FILED));
                    trail.append(Actors.GATEWAY, AuditAction.RECORDING_FILED, active.id(), Map.of("sha256", "0".repeat(64)));
                    latencies[me][counts[me]++] = System.nanoTime() - t0;
                }
            }));
        }
        Thread.sleep(seconds * 1000L);
        stop.set(true);
        for (Thread t : threads) {
            t.join();
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        long commits = gateways.stream().mapToLong(d -> d.recordings().commits()).sum() - commitsBefore;
        int total = 0;
        for (int n : counts) {
            total += n;
        }
        long[] all = new long[total];
        int at = 0;
        for (int c = 0; c < callers; c++) {
            System.arraycopy(latencies[c], 0, all, at, counts[c]);
            at += counts[c];
        }
        Verification v = trails.getFirst().verify();
        String chain = v instanceof Verification.Intact(long events, String last) ? "intact, " + events + " events" : "BROKEN: " + v;
        return new Row(total / elapsed, commits / elapsed, LoadResult.Percentiles.of(all), chain);
    }

    private static Recording active() {
        Instant now = Instant.now();
        NoticeEvidence notice = new NoticeEvidence("notice-quality-will", "nl", 1, "a".repeat(64), "b".repeat(64),
                now.minusSeconds(7), now, true, 52339, 52339);
        String id = UUID.randomUUID().toString();
        return Recording.active(id, new org.recgateway.recording.RecordedCall(id + ".1", id, "PJSIP/sipp-00000001", "0612345678", "1001"),
                new org.recgateway.recording.Evidence("default", notice, null),
                new org.recgateway.recording.PurposeSet(Purpose.QUALITY, LegalBasis.LEGITIMATE_INTEREST, java.time.Duration.ofDays(30), null, List.of()),
                "/var/spool/asterisk/recording-gateway/2025/01/01/" + id + ".wav", now);
    }

    /** A private PostgreSQL server (fsync on) for one run, as the tests' PostgresRig starts it but durable. */
    static final class PrivatePostgres implements AutoCloseable {
        private final Path bin;
        private final Path root;
        private final List<String> asUser;
        private final int port;

        private PrivatePostgres(Path bin, Path root, List<String> asUser, int port) {
            this.bin = bin;
            this.root = root;
            this.asUser = asUser;
            this.port = port;
        }

        static PrivatePostgres start(Path parent) throws IOException, InterruptedException {
            Path bin;
            try (Stream<Path> versions = Files.list(Path.of("/usr/lib/postgresql"))) {
                bin = versions.map(v -> v.resolve("bin")).filter(b -> Files.isExecutable(b.resolve("initdb")))
                        .max(Comparator.naturalOrder()).orElseThrow(() -> new IOException(
                                "no PostgreSQL binaries under /usr/lib/postgresql: apt-get install postgresql"));
            } catch (java.nio.file.NoSuchFileException e) {
                throw new IOException("no /usr/lib/postgresql: apt-get install postgresql", e);
            }
            // In /tmp itself: the server's own user must reach it (the run's work directory is private to this user).
            Path root = parent == null ? Files.createTempDirectory("recgateway-bench-pg-")
                    : Files.createTempDirectory(parent, "recgateway-bench-pg-");
            List<String> asUser = new ArrayList<>();
            if ("root".equals(System.getProperty("user.name"))) {
                exec(List.of("chown", "-R", "postgres:postgres", root.toString()));
                asUser.addAll(List.of("runuser", "-u", "postgres", "--"));
            }
            int port;
            try (ServerSocket probe = new ServerSocket(0)) {
                port = probe.getLocalPort();
            }
            Path data = root.resolve("data");
            List<String> initdb = new ArrayList<>(asUser);
            initdb.addAll(List.of(bin.resolve("initdb").toString(), "-D", data.toString(), "-U", USER, "--auth=trust",
                    "-E", "UTF8", "--locale=C"));
            exec(initdb);
            List<String> ctl = new ArrayList<>(asUser);
            ctl.addAll(List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-l", root.resolve("server.log").toString(),
                    "-w", "-t", "60", "-o", "-h 127.0.0.1 -p " + port + " -k " + root + " -c max_connections=50", "start"));
            exec(ctl);
            return new PrivatePostgres(bin, root, asUser, port);
        }

        /** Creates an empty database and returns its JDBC URL. */
        String createDatabase(String name) throws java.sql.SQLException {
            try (var c = java.sql.DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/postgres", USER, "unused");
                 var s = c.createStatement()) {
                s.execute("CREATE DATABASE " + name);  // a fixed name from this class, never input
            }
            return "jdbc:postgresql://127.0.0.1:" + port + "/" + name;
        }

        @Override
        public void close() throws Exception {
            List<String> ctl = new ArrayList<>(asUser);
            ctl.addAll(List.of(bin.resolve("pg_ctl").toString(), "-D", root.resolve("data").toString(), "-m", "fast", "-w", "stop"));
            exec(ctl);
            try (Stream<Path> all = Files.walk(root)) {
                all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }

        private static void exec(List<String> command) throws IOException, InterruptedException {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            if (p.waitFor() != 0) {
                throw new IOException(String.join(" ", command) + " failed: " + out.strip());
            }
        }
    }
}
