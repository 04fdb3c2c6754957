package org.recgateway.bench;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What one load run measured: counts by outcome, time from connect to first command and session time
 * (over calls that got a first command), schedule lateness of the generator itself, peak concurrency.
 */
record LoadResult(int calls, Map<Outcome, Integer> outcomes, double arrivalSeconds, double totalSeconds,
                  int peakConcurrent, Percentiles firstCommand, Percentiles session, Percentiles lateness) {

    static LoadResult of(AsteriskSide.Call[] calls, long[] lateNanos, double arrivalSeconds, double totalSeconds, int peak) {
        Map<Outcome, Integer> outcomes = new EnumMap<>(Outcome.class);
        long[] first = new long[calls.length];
        long[] session = new long[calls.length];
        int nf = 0;
        int ns = 0;
        for (AsteriskSide.Call c : calls) {
            Outcome o = c == null ? Outcome.UNFINISHED : c.outcome();
            outcomes.merge(o, 1, Integer::sum);
            if (c != null && c.firstCommandNanos() >= 0) {
                first[nf++] = c.firstCommandNanos();
            }
            if (c != null && c.outcome() == Outcome.OK) {
                session[ns++] = c.sessionNanos();
            }
        }
        return new LoadResult(calls.length, outcomes, arrivalSeconds, totalSeconds, peak,
                Percentiles.of(Arrays.copyOf(first, nf)), Percentiles.of(Arrays.copyOf(session, ns)),
                Percentiles.of(lateNanos.clone()));
    }

    int ok() {
        return outcomes.getOrDefault(Outcome.OK, 0);
    }

    int failures() {
        return calls - ok();
    }

    String failureSummary() {
        String s = outcomes.entrySet().stream().filter(e -> e.getKey() != Outcome.OK)
                .map(e -> e.getKey().label + ": " + e.getValue()).collect(Collectors.joining(", "));
        return s.isEmpty() ? "none" : s;
    }

    /** p50, p99 and max of a set of nanosecond samples, in milliseconds. */
    record Percentiles(int count, double p50, double p99, double max) {
        static Percentiles of(long[] nanos) {
            if (nanos.length == 0) {
                return new Percentiles(0, Double.NaN, Double.NaN, Double.NaN);
            }
            Arrays.sort(nanos);
            return new Percentiles(nanos.length, at(nanos, 0.50), at(nanos, 0.99), nanos[nanos.length - 1] / 1e6);
        }

        private static double at(long[] sorted, double q) {
            int i = (int) Math.ceil(q * sorted.length) - 1;
            return sorted[Math.max(0, Math.min(sorted.length - 1, i))] / 1e6;
        }
    }
}
