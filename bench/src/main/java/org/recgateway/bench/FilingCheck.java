package org.recgateway.bench;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/**
 * What became of every recorded call of a run, read from the gateway's own SQLite store (read-only,
 * beside the running gateway) once the calls have hung up: it waits until no recording is
 * {@code active} or the deadline passes. Filing latency is hangup (as the simulated Asterisk sent it)
 * to the recording's {@code ended} time (when the gateway stored it as filed, after the settle wait,
 * the SHA-256 and the store update; the audit event follows in the same step). A run that leaves any
 * recording {@code active} is a failed run.
 *
 * @param hungUp        recorded calls of the measured run that hung up
 * @param filed         of those, filed with a SHA-256
 * @param active        recordings of any kind still active at the end (must be 0)
 * @param statuses      every recording in the store by status (warm-up included)
 * @param auditedFiled  {@code recording-filed} audit events in the store (warm-up included)
 * @param filedRows     filed recordings in the store (warm-up included); {@code auditedFiled} must be at least this
 * @param perSecond     filed recordings per second, first hangup to last filing of the measured run
 * @param latency       hangup to filed, milliseconds
 * @param waitedSeconds how long the check waited for the last filings after the load ended
 */
record FilingCheck(int hungUp, int filed, int active, Map<String, Integer> statuses, int auditedFiled, int filedRows,
                   double perSecond, LoadResult.Percentiles latency, double waitedSeconds) {

    boolean failed() {
        return active > 0 || filed < hungUp || auditedFiled < filedRows;
    }

    String verdict() {
        if (!failed()) {
            return "every recorded call filed, hashed and audited";
        }
        return "FAILED RUN: " + active + " recordings left active, " + (hungUp - filed) + " hung-up calls not filed, "
                + auditedFiled + " filing audit events for " + filedRows + " filed recordings";
    }

    /** Waits until at most {@code held} recordings are active (the ones whose hangup is held), or the deadline. */
    static void awaitNoneActiveBut(Path database, int held, long deadlineMillis) throws SQLException, InterruptedException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + database + "?open_mode=1");
             Statement s = c.createStatement()) {
            s.execute("PRAGMA busy_timeout = 5000");
            awaitNoneActiveBut(s, held, deadlineMillis);
        }
    }

    /** The same on any store the statement reads. */
    static void awaitNoneActiveBut(Statement s, int held, long deadlineMillis) throws SQLException, InterruptedException {
        long began = System.currentTimeMillis();
        {
            while (System.currentTimeMillis() < began + deadlineMillis) {
                try (ResultSet r = s.executeQuery("SELECT count(*) FROM recordings WHERE status = 'active'")) {
                    if ((r.next() ? r.getInt(1) : 0) <= held) {
                        return;
                    }
                }
                Thread.sleep(500);
            }
        }
    }

    static FilingCheck await(Path database, Map<String, Long> hungUpMillis, long deadlineMillis) throws SQLException, InterruptedException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + database + "?open_mode=1");
             Statement s = c.createStatement()) {
            s.execute("PRAGMA busy_timeout = 5000");
            return await(s, hungUpMillis, deadlineMillis);
        }
    }

    /** The same on any store the statement reads (PostgreSQL too: GatewaysBench). */
    static FilingCheck await(Statement s, Map<String, Long> hungUpMillis, long deadlineMillis) throws SQLException, InterruptedException {
        long began = System.currentTimeMillis();
        {
            int active;
            while (true) {
                try (ResultSet r = s.executeQuery("SELECT count(*) FROM recordings WHERE status = 'active'")) {
                    active = r.next() ? r.getInt(1) : 0;
                }
                if (active == 0 || System.currentTimeMillis() > began + deadlineMillis) {
                    break;
                }
                Thread.sleep(500);
            }
            double waited = (System.currentTimeMillis() - began) / 1000.0;
            // The audit event follows the filing's store update: give the last ones until the deadline.
            int audited;
            while (true) {
                try (ResultSet r = s.executeQuery("SELECT count(*) FROM audit_events WHERE action = 'recording-filed'")) {
                    audited = r.next() ? r.getInt(1) : 0;
                }
                int filedNow;
                try (ResultSet r = s.executeQuery("SELECT count(*) FROM recordings WHERE status = 'filed'")) {
                    filedNow = r.next() ? r.getInt(1) : 0;
                }
                if (audited >= filedNow || System.currentTimeMillis() > began + deadlineMillis) {
                    break;
                }
                Thread.sleep(200);
            }
            Map<String, Integer> statuses = new TreeMap<>();
            try (ResultSet r = s.executeQuery("SELECT status, count(*) FROM recordings GROUP BY status")) {
                while (r.next()) {
                    statuses.put(r.getString(1), r.getInt(2));
                }
            }
            long[] latencies = new long[hungUpMillis.size()];
            int filed = 0;
            long first = Long.MAX_VALUE;
            long last = Long.MIN_VALUE;
            try (ResultSet r = s.executeQuery("SELECT unique_id, ended FROM recordings WHERE status = 'filed' AND sha256 IS NOT NULL")) {
                while (r.next()) {
                    Long hung = hungUpMillis.get(r.getString(1));
                    if (hung == null) {
                        continue;  // a warm-up call
                    }
                    long ended = Instant.parse(r.getString(2)).toEpochMilli();
                    latencies[filed++] = (ended - hung) * 1_000_000L;
                    first = Math.min(first, hung);
                    last = Math.max(last, ended);
                }
            }
            double perSecond = filed == 0 || last <= first ? 0 : filed * 1000.0 / (last - first);
            return new FilingCheck(hungUpMillis.size(), filed, active, statuses, audited, statuses.getOrDefault("filed", 0),
                    perSecond, LoadResult.Percentiles.of(Arrays.copyOf(latencies, filed)), waited);
        }
    }
}
