package org.recgateway.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

import org.recgateway.policy.LegalBasis;
import org.recgateway.policy.Purpose;
import org.recgateway.recording.NoticeEvidence;
import org.recgateway.recording.Recording;
import org.recgateway.recording.RecordingStatus;
import org.recgateway.store.JdbcRecordingStore;

/**
 * Filing throughput of the embedded store as the gateway uses it: each recording is inserted ACTIVE
 * (before MixMonitor starts) and updated FILED (when the call ends); both writes are durable when the
 * call returns. Measured with 1, 16, 64 and 256 concurrent writers (the store commits each group of
 * waiting writes in one transaction), beside the disk's raw fsync rate.
 */
final class FilingBench {
    private FilingBench() {
    }

    static String run(Path dir, int seconds) throws Exception {  // the databases are deleted after each row
        Files.createDirectories(dir);
        StringBuilder s = new StringBuilder("### filing\n\n");
        double fsyncs = fsyncRate(dir.resolve("fsync.bin"), 3);
        s.append(String.format("Raw disk: %.0f fsync/s (4 KB write + FileChannel.force, one thread, %s).%n%n", fsyncs, dir));
        s.append("| writers | filed recordings/s (insert ACTIVE + update FILED) | transactions/s | writes per transaction"
                + " | filing p50 / p99 / max ms |\n");
        s.append("|---|---|---|---|---|\n");
        for (int writers : new int[] {1, 16, 64, 256}) {
            Path db = dir.resolve("filing-" + writers + ".db");
            s.append(store(db, writers, seconds));
            for (String suffix : new String[] {"", "-wal", "-shm"}) {
                Files.deleteIfExists(Path.of(db + suffix));
            }
        }
        Files.deleteIfExists(dir.resolve("fsync.bin"));
        return s.toString();
    }

    private static String store(Path db, int writers, int seconds) throws InterruptedException {
        List<long[]> latencies = new ArrayList<>();
        int[] counts = new int[writers];
        AtomicBoolean stop = new AtomicBoolean();
        long start;
        long commits;
        try (JdbcRecordingStore store = JdbcRecordingStore.open(db)) {
            List<Thread> threads = new ArrayList<>();
            start = System.nanoTime();
            for (int w = 0; w < writers; w++) {
                long[] mine = new long[4_000_000 / writers];
                latencies.add(mine);
                int me = w;
                threads.add(Thread.ofPlatform().start(() -> {
                    while (!stop.get() && counts[me] < mine.length) {
                        long t0 = System.nanoTime();
                        Recording active = active();
                        store.insert(active);
                        store.update(active.filed(Instant.now(), 480_044, "0".repeat(64), RecordingStatus.FILED));
                        mine[counts[me]++] = System.nanoTime() - t0;
                    }
                }));
            }
            Thread.sleep(seconds * 1000L);
            stop.set(true);
            for (Thread t : threads) {
                t.join();
            }
            commits = store.commits();
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        int total = 0;
        for (int c : counts) {
            total += c;
        }
        long[] all = new long[total];
        int at = 0;
        for (int w = 0; w < writers; w++) {
            System.arraycopy(latencies.get(w), 0, all, at, counts[w]);
            at += counts[w];
        }
        LoadResult.Percentiles p = LoadResult.Percentiles.of(all);
        return String.format("| %d | %.0f | %.0f | %.1f | %.2f / %.2f / %.1f |%n", writers, total / elapsed,
                commits / elapsed, 2.0 * total / Math.max(1, commits), p.p50(), p.p99(), p.max());
    }

    private static Recording active() {
        Instant now = Instant.now();
        NoticeEvidence notice = new NoticeEvidence("notice-quality-will", "nl", 1, "a".repeat(64), "b".repeat(64),
                now.minusSeconds(7), now, true, 52339, 52339);
        String id = UUID.randomUUID().toString();
        return Recording.active(id, new org.recgateway.recording.RecordedCall("1700000000.1", "1700000000.0", "PJSIP/sipp-00000001", "0612345678", "1001"), new org.recgateway.recording.Evidence("default", notice, null), new org.recgateway.recording.PurposeSet(Purpose.QUALITY, LegalBasis.LEGITIMATE_INTEREST, java.time.Duration.ofDays(30), null, java.util.List.of()), "/var/spool/asterisk/recording-gateway/2025/01/01/" + id + ".wav", now);
    }

    private static double fsyncRate(Path file, int seconds) throws IOException {
        int n = 0;
        long start = System.nanoTime();
        long end = start + seconds * 1_000_000_000L;
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            ByteBuffer b = ByteBuffer.allocate(4096);
            while (System.nanoTime() < end) {
                b.clear();
                ch.write(b, (n % 256) * 4096L);
                ch.force(false);
                n++;
            }
        }
        return n / ((System.nanoTime() - start) / 1e9);
    }
}
