package org.recgateway.privacy;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.recgateway.audit.AuditAction;
import org.recgateway.audit.AuditTrail;
import org.recgateway.policy.LegalBasis;
import org.recgateway.recording.AudioEraser;
import org.recgateway.recording.Pseudonyms;
import org.recgateway.recording.RecordedPurpose;
import org.recgateway.recording.Recording;
import org.recgateway.recording.RecordingStatus;
import org.recgateway.recording.RecordingStore;

/**
 * Erasure (GDPR art. 17) by phone number in any notation, or by recording id: every recording's audio
 * goes, except what a legal obligation, a contract purpose still in force, or a legal hold requires;
 * then only the purposes that do not bind end. Reports per recording what was deleted or kept and
 * why. Deleted recordings stay as tombstones. The request is audited with the number's pseudonym only.
 */
public final class Erasure {
    private final RecordingStore store;
    private final AudioEraser deletion;
    private final AuditTrail audit;
    private final Pseudonyms pseudonyms;
    private final Clock clock;

    public Erasure(RecordingStore store, AudioEraser deletion, AuditTrail audit, Pseudonyms pseudonyms,
                   Clock clock) {
        this.store = store;
        this.deletion = deletion;
        this.audit = audit;
        this.pseudonyms = pseudonyms;
        this.clock = clock;
    }

    /** What happened to one recording: {@code deleted}, {@code kept}, {@code already-deleted}. */
    public record Outcome(String recordingId, Instant started, String outcome, String why, List<String> purposesEnded) {
        public Outcome {
            purposesEnded = List.copyOf(purposesEnded);
        }
    }

    /** The answer to an erasure request: one outcome per recording found. */
    public record Report(List<Outcome> recordings) {
        public Report {
            recordings = List.copyOf(recordings);
        }

        public long count(String outcome) {
            return recordings.stream().filter(o -> o.outcome().equals(outcome)).count();
        }
    }

    /** Erases every recording of {@code number} (caller or called, any notation) for {@code actor}. */
    public Report byNumber(String number, String actor) {
        Report report = erase(store.ofNumber(number), actor);
        audit.append(actor, AuditAction.SUBJECT_ERASURE, null, summary(report, "number", pseudonyms.of(number)));
        return report;
    }

    /** Erases one recording; empty when there is no such recording. */
    public Optional<Report> byId(String recordingId, String actor) {
        Optional<Recording> r = store.byId(recordingId);
        if (r.isEmpty()) {
            return Optional.empty();
        }
        Report report = erase(List.of(r.get()), actor);
        audit.append(actor, AuditAction.SUBJECT_ERASURE, recordingId, summary(report, "recording", recordingId));
        return Optional.of(report);
    }

    private Report erase(List<Recording> recordings, String actor) {
        List<Outcome> outcomes = new ArrayList<>();
        for (Recording r : recordings) {
            outcomes.add(erase(r, actor));
        }
        return new Report(outcomes);
    }

    private Outcome erase(Recording r, String actor) {
        if (r.status() == RecordingStatus.DELETED) {
            String when = r.deletion() == null ? "" : " at " + r.deletion().at() + " (" + r.deletion().reason() + ")";
            return new Outcome(r.id(), r.started(), "already-deleted", "its audio was deleted" + when, List.of());
        }
        if (r.status() == RecordingStatus.ACTIVE) {
            return new Outcome(r.id(), r.started(), "kept", "the call is still being recorded; ask again when it has"
                    + " ended (the caller can object during the call)", List.of());
        }
        Instant now = clock.instant();
        List<RecordedPurpose> binding = r.livePurposes().stream().filter(p -> binds(p, now)).toList();
        List<String> ending = r.livePurposes().stream().filter(p -> !binding.contains(p)).map(p -> p.purpose().id()).toList();
        if (!binding.isEmpty()) {
            if (!ending.isEmpty()) {
                store.update(r.withPurposes(p -> binding.contains(p) ? p : p.end(now, "erasure")));
            }
            List<String> why = new ArrayList<>(binding.stream().map(p -> p.purpose().id()
                    + " rests on " + p.basis().id() + " (" + p.basis().article() + ") and is in force until "
                    + (p.due() == null ? "the call ends plus " + p.retention() : p.due())).toList());
            store.legalHolds().covering(r).forEach(h -> why.add("legal hold " + h.id() + " (" + h.reason() + ", set by "
                    + h.setBy() + " at " + h.setAt() + ")"));
            return new Outcome(r.id(), r.started(), "kept", String.join("; ", why), ending);
        }
        AudioEraser.Result done = deletion.delete(r.withPurposes(p -> p.end(now, "erasure")), "erasure request", actor, Map.of());
        if (done.deleted()) {
            return new Outcome(r.id(), r.started(), "deleted", "no legal obligation, contract in force or hold requires it",
                    ending);
        }
        // A legal hold pauses the erasure (the purposes have ended, the audio is kept); lifting the hold resumes it.
        return new Outcome(r.id(), r.started(), "kept", done.reason(), done.held() ? ending : List.of());
    }

    /** A purpose the law or a contract in force requires keeping (art. 17(3)(b), (e)). */
    private static boolean binds(RecordedPurpose p, Instant now) {
        boolean basis = p.basis() == LegalBasis.LEGAL_OBLIGATION || p.basis() == LegalBasis.CONTRACT;
        return basis && (p.due() == null || p.due().isAfter(now));
    }

    private static Map<String, String> summary(Report report, String key, String value) {
        Map<String, String> d = new LinkedHashMap<>();
        d.put(key, value);
        d.put("found", Integer.toString(report.recordings().size()));
        d.put("deleted", Long.toString(report.count("deleted")));
        d.put("kept", Long.toString(report.count("kept")));
        d.put("alreadyDeleted", Long.toString(report.count("already-deleted")));
        return d;
    }

    /** An outcome as the API and command line show it. */
    public static Map<String, Object> view(Outcome o) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("recordingId", o.recordingId());
        v.put("started", o.started() == null ? null : o.started().toString());
        v.put("outcome", o.outcome());
        v.put("why", o.why());
        v.put("purposesEnded", o.purposesEnded());
        return v;
    }
}
