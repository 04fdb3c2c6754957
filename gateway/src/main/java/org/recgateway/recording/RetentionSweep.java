package org.recgateway.recording;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.recgateway.audit.Actors;
import org.recgateway.audit.AuditAction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the promise "each purpose ends at its retention deadline by itself" (GDPR art. 5(1)(e)).
 * One run first finishes deletions a crash left halfway, then ends every purpose whose deadline has
 * come (the recording no longer turns up in a search by it, nor grants access for it) and, when a
 * recording's last purpose ended, deletes its audio through {@link AudioEraser}. Recordings under
 * a legal hold are left alone until it is lifted. Runs at start-up and on a schedule; safe to run
 * again at any time.
 */
public final class RetentionSweep {
    private static final Logger LOG = LoggerFactory.getLogger(RetentionSweep.class);
    /** Recordings handled per store round trip. */
    static final int BATCH = 500;

    private final RecordingStore store;
    private final AudioEraser deletion;
    private final AuditNotes audit;
    private final Clock clock;
    private final WorkClaims claims;
    /** The work name of a recording's retention step (ending its overdue purposes, then deleting). */
    static final String SWEEP = "retention";

    /** A sweep in one process: the recordings it sweeps are claimed in this process only. */
    public RetentionSweep(RecordingStore store, AudioEraser deletion, AuditNotes audit, Clock clock) {
        this(store, deletion, audit, clock, WorkClaims.local(clock));
    }

    /**
     * A sweep that several gateways on one store run (issue #17): each recording's purposes are ended, audited and
     * its audio deleted by the one gateway that claims it in {@code claims}.
     */
    public RetentionSweep(RecordingStore store, AudioEraser deletion, AuditNotes audit, Clock clock, WorkClaims claims) {
        this.claims = claims;
        this.store = store;
        this.deletion = deletion;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * What one run did.
     *
     * @param purposesEnded how many purposes ended at their deadline
     * @param deleted       recordings whose audio went (their last purpose ended), including deletions finished after a crash
     * @param problems      what could not be done and why; the next run tries again
     */
    public record Sweep(int purposesEnded, List<String> deleted, List<String> problems) {
        public Sweep {
            deleted = List.copyOf(deleted);
            problems = List.copyOf(problems);
        }
    }

    /** Ends what is due at the clock's now. */
    public Sweep run() {
        Instant now = clock.instant();
        List<String> deleted = new ArrayList<>(deletion.finishUnfinished());
        List<String> problems = new ArrayList<>();
        Set<String> tried = new HashSet<>();
        int ended = 0;
        // Recordings of one batch are swept side by side, so the store's group commit writes them together.
        try (ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor()) {
            while (true) {
                List<String> due = store.overdue(now, BATCH).stream().filter(tried::add).toList();
                if (due.isEmpty()) {
                    break;
                }
                List<Future<Outcome>> outcomes = new ArrayList<>();
                for (String id : due) {
                    outcomes.add(workers.submit(() -> sweep(id, now)));
                }
                for (Future<Outcome> f : outcomes) {
                    Outcome o = join(f);
                    ended += o.ended();
                    o.deleted().ifPresent(deleted::add);
                    o.problem().ifPresent(problems::add);
                }
            }
        }
        if (ended > 0 || !deleted.isEmpty()) {
            LOG.info("retention sweep: {} purposes ended, audio of {} recordings deleted", ended, deleted.size());
        }
        return new Sweep(ended, deleted, problems);
    }

    private record Outcome(int ended, Optional<String> deleted, Optional<String> problem) { }

    private Outcome sweep(String id, Instant now) {
        // Every gateway on a shared store sweeps: the one that claims the recording ends its purposes (and audits that)
        // once; the others skip it. Under the claim the row is read again, so what another gateway ended stays ended.
        try {
            if (!claims.claim(SWEEP, id, AudioEraser.DELETING)) {
                return new Outcome(0, Optional.empty(), Optional.empty());
            }
        } catch (RuntimeException e) {
            return new Outcome(0, Optional.empty(), Optional.of(id + ": could not claim it (" + e.getMessage() + ")"));
        }
        try {
            return sweepClaimed(id, now);
        } finally {
            claims.release(SWEEP, id);
        }
    }

    private Outcome sweepClaimed(String id, Instant now) {
        try {
            Recording r = store.byId(id).orElse(null);
            if (r == null) {
                return new Outcome(0, Optional.empty(), Optional.empty());
            }
            List<RecordedPurpose> ending = r.purposes().stream().filter(p -> p.overdue(now)).toList();
            Recording after = r.withPurposes(p -> p.overdue(now) ? p.end(now, "retention") : p);
            for (RecordedPurpose p : ending) {
                audit.note(Actors.GATEWAY, AuditAction.PURPOSE_ENDED, id, Map.of("purpose", p.purpose().id(),
                        "reason", "retention", "due", p.due().toString(), "retention", p.retention().toString()));
            }
            if (!after.livePurposes().isEmpty()) {
                store.update(after);
                return new Outcome(ending.size(), Optional.empty(), Optional.empty());
            }
            // The deletion writes the ended purposes with its first step; a failure leaves it begun for the next run.
            AudioEraser.Result done = deletion.delete(after, "retention: every purpose ended", Actors.GATEWAY, Map.of());
            return new Outcome(ending.size(), done.deleted() ? Optional.of(id) : Optional.empty(),
                    done.deleted() || done.held() ? Optional.empty() : Optional.of(id + ": " + done.reason()));
        } catch (RuntimeException e) {
            return new Outcome(0, Optional.empty(), Optional.of(id + ": " + e.getMessage()));
        }
    }

    private static Outcome join(Future<Outcome> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("the retention sweep was interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("the retention sweep failed: " + e.getCause(), e.getCause());
        }
    }
}
