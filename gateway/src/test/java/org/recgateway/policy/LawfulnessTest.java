package org.recgateway.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Each lawfulness rule refuses what it must and lets the lawful neighbour through. */
class LawfulnessTest {

    private static final Duration DAY = Duration.ofDays(1);
    private static final ConsentStep ASK = new ConsentStep(ConsentStep.DEFAULT_QUESTION, "1", Duration.ofSeconds(5));
    private static final ObjectionStep OFFER = new ObjectionStep(ObjectionStep.DEFAULT_OFFER, "9", Duration.ofSeconds(3));

    private static PurposeTerms terms(Purpose purpose, LegalBasis basis, ConsentStep... consent) {
        return new PurposeTerms(purpose, basis, DAY, Optional.ofNullable(consent.length == 0 ? null : consent[0]));
    }

    private static List<String> broken(Optional<ObjectionStep> objection, PurposeTerms... purposes) {
        RecordingPlan plan = new RecordingPlan(List.of(purposes), "notice", List.of("nl"), 100, objection);
        return Lawfulness.check(plan).stream().map(Lawfulness.Violation::rule).toList();
    }

    @Test
    void trainingOnAnyBasisButConsentIsRefused() {
        assertEquals(List.of("training-needs-consent"),
                broken(Optional.empty(), terms(Purpose.TRAINING, LegalBasis.CONTRACT)));
        assertEquals(List.of(), broken(Optional.empty(), terms(Purpose.TRAINING, LegalBasis.CONSENT, ASK)));
    }

    @Test
    void consentWithoutAnOptInQuestionIsRefused() {
        assertEquals(List.of("consent-needs-opt-in"), broken(Optional.empty(), terms(Purpose.QUALITY, LegalBasis.CONSENT)));
        assertEquals(List.of(), broken(Optional.empty(), terms(Purpose.QUALITY, LegalBasis.CONSENT, ASK)));
    }

    @Test
    void consentQuestionOnAPurposeThatDoesNotRestOnConsentIsRefused() {
        assertEquals(List.of("consent-only-for-consent"),
                broken(Optional.empty(), terms(Purpose.CONTRACT_EVIDENCE, LegalBasis.CONTRACT, ASK)));
        assertEquals(List.of(), broken(Optional.empty(), terms(Purpose.CONTRACT_EVIDENCE, LegalBasis.CONTRACT)));
    }

    @Test
    void legitimateInterestWithoutAnObjectionIsRefused() {
        assertEquals(List.of("legitimate-interest-offers-objection"),
                broken(Optional.empty(), terms(Purpose.QUALITY, LegalBasis.LEGITIMATE_INTEREST)));
        assertEquals(List.of(), broken(Optional.of(OFFER), terms(Purpose.QUALITY, LegalBasis.LEGITIMATE_INTEREST)));
    }

    @Test
    void objectionOfferedWhereNoPurposeRestsOnLegitimateInterestIsRefused() {
        assertEquals(List.of("objection-only-for-legitimate-interest"),
                broken(Optional.of(OFFER), terms(Purpose.COMPLAINT_HANDLING, LegalBasis.CONTRACT)));
        assertEquals(List.of(), broken(Optional.of(OFFER), terms(Purpose.COMPLAINT_HANDLING, LegalBasis.CONTRACT),
                terms(Purpose.QUALITY, LegalBasis.LEGITIMATE_INTEREST)));
    }

    @Test
    void providerDiagnosticsIsNeverAPolicy() {
        assertEquals(List.of("diagnostics-per-call"), broken(Optional.of(OFFER),
                terms(Purpose.PROVIDER_DIAGNOSTICS, LegalBasis.LEGITIMATE_INTEREST)));
        assertEquals(List.of(), broken(Optional.of(OFFER), terms(Purpose.QUALITY, LegalBasis.LEGITIMATE_INTEREST)));
    }

    @Test
    void aPurposeListedTwiceIsRefused() {
        assertEquals(List.of("one-purpose-once"), broken(Optional.empty(),
                terms(Purpose.CONTRACT_EVIDENCE, LegalBasis.CONTRACT), terms(Purpose.CONTRACT_EVIDENCE, LegalBasis.CONTRACT)));
        assertEquals(List.of(), broken(Optional.empty(),
                terms(Purpose.CONTRACT_EVIDENCE, LegalBasis.CONTRACT), terms(Purpose.COMPLAINT_HANDLING, LegalBasis.CONTRACT)));
    }

    @Test
    void consentAndObjectionOnTheSameKeyAreRefused() {
        ConsentStep askNine = new ConsentStep(ConsentStep.DEFAULT_QUESTION, "9", Duration.ofSeconds(5));
        assertEquals(List.of("distinct-keys"), broken(Optional.of(OFFER),
                terms(Purpose.QUALITY, LegalBasis.LEGITIMATE_INTEREST), terms(Purpose.TRAINING, LegalBasis.CONSENT, askNine)));
        assertEquals(List.of(), broken(Optional.of(OFFER),
                terms(Purpose.QUALITY, LegalBasis.LEGITIMATE_INTEREST), terms(Purpose.TRAINING, LegalBasis.CONSENT, ASK)));
    }

    @Test
    void everyBrokenRuleIsReportedNotOnlyTheFirst() {
        assertEquals(List.of("training-needs-consent", "legitimate-interest-offers-objection", "one-purpose-once",
                        "training-needs-consent"),
                broken(Optional.empty(), terms(Purpose.TRAINING, LegalBasis.LEGITIMATE_INTEREST),
                        terms(Purpose.TRAINING, LegalBasis.CONTRACT)));
    }

    @Test
    void violationNamesThePurposeAndWhatToWrite() {
        var v = Lawfulness.check(new RecordingPlan(List.of(terms(Purpose.QUALITY, LegalBasis.LEGITIMATE_INTEREST)),
                "notice-quality-will", List.of("nl"), 100, Optional.empty()));
        assertEquals(List.of(new Lawfulness.Violation("legitimate-interest-offers-objection", "purpose quality rests on"
                + " legitimate interest, so the caller may object (GDPR art. 21): add objection: {key: 9, window: 3s}")), v);
    }
}
