package org.recgateway.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The plan's own invariants and the notice wording it requires (PRODUCT.md rule 7). */
class RecordingPlanTest {

    private static final ConsentStep ASK = new ConsentStep(ConsentStep.DEFAULT_QUESTION, ConsentStep.DEFAULT_KEY,
            ConsentStep.DEFAULT_TIMEOUT);

    private static RecordingPlan plan(int sample, PurposeTerms... purposes) {
        return new RecordingPlan(List.of(purposes), "notice", List.of("nl"), sample, Optional.empty());
    }

    @Test
    void recordingEveryMatchedCallRequiresTheWillWording() {
        assertEquals("will", plan(100, new PurposeTerms(Purpose.CONTRACT_EVIDENCE, LegalBasis.CONTRACT, Duration.ofDays(1)),
                new PurposeTerms(Purpose.TRAINING, LegalBasis.CONSENT, Duration.ofDays(1), Optional.of(ASK))).requiredWording());
    }

    @Test
    void samplingRequiresTheMayWording() {
        assertEquals("may", plan(20, new PurposeTerms(Purpose.COMPLAINT_HANDLING, LegalBasis.CONTRACT, Duration.ofDays(1)))
                .requiredWording());
    }

    @Test
    void mainPurposeOnConsentRequiresTheMayWording() {
        assertEquals("may", plan(100, new PurposeTerms(Purpose.TRAINING, LegalBasis.CONSENT, Duration.ofDays(1),
                Optional.of(ASK))).requiredWording());
    }

    @Test
    void sampleOutsideOneToHundredPercentIsRefused() {
        var terms = new PurposeTerms(Purpose.QUALITY, LegalBasis.LEGITIMATE_INTEREST, Duration.ofDays(1));
        assertThrows(IllegalArgumentException.class, () -> plan(0, terms));
        assertThrows(IllegalArgumentException.class, () -> plan(101, terms));
    }

    @Test
    void stepsRefuseKeysThatAreNotOneDtmfDigitAndWaitsOutOfRange() {
        assertThrows(IllegalArgumentException.class, () -> new ConsentStep("q", "12", Duration.ofSeconds(5)));
        assertThrows(IllegalArgumentException.class, () -> new ConsentStep("q", "1", Duration.ofSeconds(61)));
        assertThrows(IllegalArgumentException.class, () -> new ObjectionStep("o", "a", Duration.ofSeconds(3)));
        assertThrows(IllegalArgumentException.class, () -> new ObjectionStep("o", "9", Duration.ZERO));
        assertEquals("#", new ObjectionStep("o", "#", Duration.ofSeconds(30)).key());
    }
}
