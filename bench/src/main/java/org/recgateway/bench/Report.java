package org.recgateway.bench;

import java.util.List;

/** Markdown tables of what the runs measured. */
final class Report {
    private Report() {
    }

    static String agi(String scenario, List<AgiRun.Row> rows) {
        StringBuilder s = new StringBuilder();
        s.append("### ").append(scenario).append("\n\n");
        s.append("| server | offered calls/s | achieved calls/s | calls | ok | failures | peak concurrent | first command p50 / p99 / max ms "
                + "| session p50 / p99 ms | RSS start / idle / peak MB | KB per session | server CPU s (cores) | server threads peak "
                + "| generator CPU s | generator lateness p99 ms |\n");
        s.append("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (AgiRun.Row r : rows) {
            LoadResult l = r.load();
            s.append(String.format("| %s | %d | %.1f | %d | %d | %d | %d | %.2f / %.2f / %.1f | %.0f / %.0f | %.0f / %.0f / %.0f | %.1f | %.1f (%.2f) | %d | %.1f | %.2f |%n",
                    r.server(), r.rate(), l.calls() / l.arrivalSeconds(), l.calls(), l.ok(), l.failures(), l.peakConcurrent(),
                    l.firstCommand().p50(), l.firstCommand().p99(), l.firstCommand().max(),
                    l.session().p50(), l.session().p99(),
                    r.rssStartKb() / 1024.0, r.rssIdleKb() / 1024.0, r.rssPeakKb() / 1024.0, r.kbPerSession(),
                    r.cpuSeconds(), r.cpuSeconds() / l.totalSeconds(), r.threadsPeak(), r.generatorCpuSeconds(),
                    l.lateness().p99()));
        }
        s.append("\n| server | load average start / end | GC pauses | GC pause p50 / p99 / max ms | CPU ms per call | of which JIT compiler threads ms per call | filing: hung up / filed / left active "
                + "| filed recordings/s | filing latency p50 / p99 / max ms | store by status | filing audit events / filed rows | verdict |\n");
        s.append("|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (AgiRun.Row r : rows) {
            FilingCheck f = r.filing();
            LoadResult.Percentiles g = r.gcPauses();
            s.append(String.format("| %s | %.1f / %.1f | %d | %.1f / %.1f / %.1f | %.2f | %.2f | %s | %s | %s | %s | %s | %s |%n", r.server(),
                    r.loadAverage()[0], r.loadAverage()[1], r.gcPauseCount(),
                    g.p50(), g.p99(), g.max(), r.cpuSeconds() * 1000 / r.load().calls(), r.compilerCpuSeconds() * 1000 / r.load().calls(),
                    f == null ? "n/a" : f.hungUp() + " / " + f.filed() + " / " + f.active(),
                    f == null ? "n/a" : String.format("%.0f", f.perSecond()),
                    f == null ? "n/a" : String.format("%.0f / %.0f / %.0f", f.latency().p50(), f.latency().p99(), f.latency().max()),
                    f == null ? "n/a" : f.statuses().toString(),
                    f == null ? "n/a" : f.auditedFiled() + " / " + f.filedRows(),
                    f == null ? (r.load().failures() == 0 ? "0 failures" : "FAILED: " + r.load().failures() + " failed calls")
                            : (r.load().failures() == 0 ? "" : "FAILED: " + r.load().failures() + " failed calls; ") + f.verdict()));
        }
        s.append("\nFailures by kind:\n\n");
        for (AgiRun.Row r : rows) {
            s.append("- ").append(r.server()).append(": ").append(r.load().failureSummary()).append('\n');
        }
        s.append("\nPlayback simulated: ").append(rows.isEmpty() ? 0 : rows.getFirst().playbackMillis())
                .append(" ms per call; first command = time from connect() to the first AGI command received; ")
                .append("KB per session = (peak RSS - idle RSS after warm-up) / peak concurrent sessions.\n");
        return s.toString();
    }
}
