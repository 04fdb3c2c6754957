package org.recgateway.policy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The rules a recording plan must keep so that an administrator cannot configure an unlawful
 * recording by accident (PRODUCT.md, "The rules it encodes"). Each broken rule is a value with the
 * rule's name and the reason; the configuration loader reports them with the rule's file and line.
 */
public final class Lawfulness {
    private Lawfulness() {
    }

    /** A broken rule. */
    public record Violation(String rule, String message) {
    }

    public static List<Violation> check(RecordingPlan plan) {
        List<Violation> v = new ArrayList<>();
        Set<Purpose> seen = new HashSet<>();
        for (PurposeTerms t : plan.purposes()) {
            String p = t.purpose().id();
            if (!seen.add(t.purpose())) {
                v.add(new Violation("one-purpose-once", "purpose " + p + " is listed twice; a recording carries each purpose once"));
            }
            if (t.purpose() == Purpose.PROVIDER_DIAGNOSTICS) {
                v.add(new Violation("diagnostics-per-call", "provider-diagnostics cannot be a policy for whole numbers:"
                        + " the agent switches a short diagnostic recording on per call, for an open fault ticket"));
            }
            if (t.purpose() == Purpose.TRAINING && t.basis() != LegalBasis.CONSENT) {
                v.add(new Violation("training-needs-consent", "training rests on consent (an actor can play the call,"
                        + " so recording it is not necessary for anything else); set basis: consent with a consent step"));
            }
            if (t.purpose() != Purpose.TRAINING && !t.purpose().allowedBases().contains(t.basis())) {
                v.add(new Violation("basis-fits-purpose", "purpose " + p + " cannot rest on " + t.basis().id() + " ("
                        + t.basis().article() + "); it may rest on " + String.join(" or ", t.purpose().allowedBases()
                        .stream().map(LegalBasis::id).toList()) + " (README \"Purposes and legal bases\" says why)"));
            }
            if (t.basis() == LegalBasis.CONSENT && t.consent().isEmpty()) {
                v.add(new Violation("consent-needs-opt-in", "purpose " + p + " rests on consent, which needs an explicit"
                        + " opt-in: add consent: {question: question-consent, key: 1, timeout: 5s}; silence is no"));
            }
            if (t.basis() != LegalBasis.CONSENT && t.consent().isPresent()) {
                v.add(new Violation("consent-only-for-consent", "purpose " + p + " rests on " + t.basis().id()
                        + ", not consent: asking for consent would mislead the caller that no means no recording"));
            }
            if (t.basis() == LegalBasis.LEGITIMATE_INTEREST && plan.objection().isEmpty()) {
                v.add(new Violation("legitimate-interest-offers-objection", "purpose " + p + " rests on legitimate"
                        + " interest, so the caller may object (GDPR art. 21): add objection: {key: 9, window: 3s}"));
            }
            if (t.consent().isPresent() && plan.objection().isPresent()
                    && t.consent().get().key().equals(plan.objection().get().key())) {
                v.add(new Violation("distinct-keys", "the consent key and the objection key are both "
                        + t.consent().get().key() + "; a caller could not tell yes from no"));
            }
        }
        boolean legitimateInterest = plan.purposes().stream().anyMatch(t -> t.basis() == LegalBasis.LEGITIMATE_INTEREST);
        if (plan.objection().isPresent() && !legitimateInterest) {
            v.add(new Violation("objection-only-for-legitimate-interest", "an objection is offered, but no purpose rests"
                    + " on legitimate interest; the caller would be told a key stops a recording it does not stop"));
        }
        return v;
    }
}
