package org.recgateway.privacy;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.recgateway.audit.AuditAction;
import org.recgateway.audit.AuditTrail;
import org.recgateway.recording.LegalHold;
import org.recgateway.recording.LegalHolds;
import org.recgateway.recording.Pseudonyms;

/**
 * Sets, lifts and lists legal holds, each audited before it is answered (a hold on a number is
 * audited by the number's pseudonym). A hold pauses every deletion of what it covers: the retention
 * sweep, erasure and the end of a diagnostic listening window all go through the one deletion place,
 * which refuses while a hold is in force.
 */
public final class HoldDesk {
    /** Longest reason accepted, in characters. */
    public static final int MAX_REASON = 500;

    private final LegalHolds holds;
    private final AuditTrail audit;
    private final Pseudonyms pseudonyms;
    private final Clock clock;

    public HoldDesk(LegalHolds holds, AuditTrail audit, Pseudonyms pseudonyms, Clock clock) {
        this.holds = holds;
        this.audit = audit;
        this.pseudonyms = pseudonyms;
        this.clock = clock;
    }

    /**
     * Places a hold for {@code actor}.
     *
     * @throws IllegalArgumentException when the reason is blank or longer than {@link #MAX_REASON}
     */
    public LegalHold place(LegalHold.Kind kind, String target, String reason, String actor) {
        if (reason == null || reason.isBlank() || reason.length() > MAX_REASON) {
            throw new IllegalArgumentException("a hold needs a reason of 1-" + MAX_REASON
                    + " characters (e.g. the case or complaint it is for)");
        }
        if (target == null || target.isBlank()) {
            throw new IllegalArgumentException("a hold on a " + kind.id() + " needs the " + kind.id() + " it covers");
        }
        LegalHold hold = holds.place(kind, target.strip(), reason.strip(), actor, clock.instant());
        audit.append(actor, AuditAction.HOLD_PLACED, kind == LegalHold.Kind.RECORDING ? hold.target() : null,
                details(hold));
        return hold;
    }

    /** Lifts a hold in force; empty when there is none with this id. */
    public Optional<LegalHold> lift(String holdId, String actor) {
        Optional<LegalHold> lifted = holds.lift(holdId, actor, clock.instant());
        lifted.ifPresent(h -> audit.append(actor, AuditAction.HOLD_LIFTED,
                h.kind() == LegalHold.Kind.RECORDING ? h.target() : null, details(h)));
        return lifted;
    }

    /** Every hold, in force and lifted, newest first; the listing is audited. */
    public List<LegalHold> list(String actor) {
        List<LegalHold> all = holds.all();
        audit.append(actor, AuditAction.HOLD_LISTED, null, Map.of("count", Integer.toString(all.size())));
        return all;
    }

    private Map<String, String> details(LegalHold h) {
        Map<String, String> d = new LinkedHashMap<>();
        d.put("hold", h.id());
        d.put("kind", h.kind().id());
        d.put("target", h.kind() == LegalHold.Kind.NUMBER ? pseudonyms.of(h.target()) : h.target());
        d.put("reason", h.reason());
        return d;
    }

    /** A hold as the API and command line show it. */
    public static Map<String, Object> view(LegalHold h) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("id", h.id());
        v.put("kind", h.kind().id());
        v.put("target", h.target());
        v.put("reason", h.reason());
        v.put("setBy", h.setBy());
        v.put("setAt", h.setAt().toString());
        v.put("inForce", h.inForce());
        v.put("liftedBy", h.liftedBy());
        v.put("liftedAt", h.liftedAt() == null ? null : h.liftedAt().toString());
        return v;
    }
}
