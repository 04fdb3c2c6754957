package org.recgateway;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.recgateway.listening.DiagnosticAudioDeletion;
import org.recgateway.recording.DiskAudit;
import org.recgateway.recording.RetentionSweep;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway's periodic work on one thread: the disk audit every 10 minutes, the deletion of diagnostic
 * audio whose window ended every minute, and the retention sweep every {@code privacy.sweepInterval}. A run
 * that fails is logged and the next run tries again; nothing here stops the schedule.
 */
final class Housekeeping {
    private static final Logger LOG = LoggerFactory.getLogger(Housekeeping.class);

    private Housekeeping() {
    }

    /** Schedules the three jobs on {@code on} (deletion and sweep at once, the audit after its first 10 minutes). */
    static void schedule(ScheduledExecutorService on, DiskAudit audit, DiagnosticAudioDeletion deletion,
                         RetentionSweep retention, Duration sweepInterval) {
        on.scheduleWithFixedDelay(() -> runAudit(audit), 10, 10, TimeUnit.MINUTES);
        on.scheduleWithFixedDelay(() -> runDeletion(deletion), 0, 1, TimeUnit.MINUTES);
        long sweepMillis = sweepInterval.toMillis();
        on.scheduleWithFixedDelay(() -> runSweep(retention), 0, sweepMillis, TimeUnit.MILLISECONDS);
    }

    private static void runDeletion(DiagnosticAudioDeletion deletion) {
        try {
            DiagnosticAudioDeletion.Deletions done = deletion.deleteDue();
            if (!done.deleted().isEmpty()) {
                LOG.info("diagnostic audio deleted (window ended or ticket closed): {}", done.deleted());
            }
            done.problems().forEach(p -> LOG.warn("could not delete diagnostic audio, retrying in a minute: {}", p));
        } catch (RuntimeException e) {
            LOG.warn("deleting diagnostic audio failed, retrying in a minute: {}", e.toString());
        }
    }

    private static void runSweep(RetentionSweep sweep) {
        try {
            RetentionSweep.Sweep done = sweep.run();
            done.problems().forEach(p -> LOG.warn("retention sweep could not finish a deletion, retrying next run: {}", p));
        } catch (RuntimeException e) {
            LOG.warn("retention sweep failed, retrying next run: {}", e.toString());
        }
    }

    /** One periodic disk audit: a mismatch or a failed walk stops only the quarantine, never the missing-file check. */
    private static void runAudit(DiskAudit audit) {
        try {
            DiskAudit.Report report = audit.periodicRun();
            report.mismatch().ifPresent(m -> LOG.error("ALARM disk audit stopped before quarantining, nothing quarantined"
                    + " ({} filed recordings flagged missing or tampered): {}", report.flagged(), m));
            report.walkFailed().ifPresent(f -> LOG.warn("disk audit could not walk the recordings directory, nothing"
                    + " quarantined ({} filed recordings flagged missing or tampered): {}", report.flagged(), f));
        } catch (RuntimeException e) {
            LOG.warn("disk audit failed: {}", e.toString());
        }
    }
}
