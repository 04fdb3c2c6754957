package org.recgateway.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.recgateway.policy.LegalBasis;
import org.recgateway.policy.Purpose;
import org.recgateway.policy.PurposeTerms;
import org.recgateway.policy.RecordingPlan;

/**
 * An administrator cannot configure an unlawful recording by accident: each lawfulness rule, written as
 * YAML, refuses the unlawful block at the rule that holds it and loads the lawful one next to it.
 */
class LawfulPolicyTest {

    /** A rule named {@code line} whose record block starts on line 6; the block's keys follow, indented 8. */
    private static final String RULE = "ami: {enabled: false}\npolicy:\n  rules:\n    - name: line\n"
            + "      when: {context: x}\n      record:\n        notice: n\n        retention: 30d\n";

    private static RecordingPlan plan(String block) throws ConfigException {
        return (RecordingPlan) ConfigLoader.parse(RULE + block, "gateway.yaml", Map.of()).policy().rules().getFirst()
                .action();
    }

    /** The lawfulness rules the block breaks, each checked to be reported at the record line of rule 'line'. */
    private static List<String> broken(String block) {
        List<ConfigProblem> problems = assertThrows(ConfigException.class,
                () -> ConfigLoader.parse(RULE + block, "gateway.yaml", Map.of())).problems();
        for (ConfigProblem p : problems) {
            assertEquals(6, p.line(), p::toString);
            assertEquals("policy.rules[line].record", p.key(), p::toString);
        }
        return problems.stream().map(p -> p.message().substring(0, p.message().indexOf(':'))).toList();
    }

    @Test
    void trainingOnAnotherBasisThanConsentIsRefused() throws ConfigException {
        assertEquals(List.of("training-needs-consent"), broken("        purpose: training\n        basis: contract\n"));
        assertEquals(LegalBasis.CONSENT, plan("        purpose: training\n        consent: {}\n").basis());
    }

    @Test
    void consentWithoutAnOptInQuestionIsRefused() throws ConfigException {
        assertEquals(List.of("consent-needs-opt-in"), broken("        purpose: training\n"));
        assertTrue(plan("        purpose: training\n        consent: {key: 5}\n").purposes().getFirst().consent().isPresent());
    }

    @Test
    void consentQuestionForAPurposeOnAnotherBasisIsRefused() throws ConfigException {
        assertEquals(List.of("consent-only-for-consent"),
                broken("        purpose: contract-evidence\n        consent: {}\n"));
        assertEquals(LegalBasis.CONSENT, plan("        purpose: quality\n        basis: consent\n"
                + "        consent: {}\n").basis());
    }

    @Test
    void legitimateInterestWithoutObjectionIsRefusedAlsoInAFurtherPurpose() throws ConfigException {
        assertEquals(List.of("legitimate-interest-offers-objection"), broken("        purpose: quality\n"));
        assertEquals(List.of("legitimate-interest-offers-objection"), broken("        purpose: complaint-handling\n"
                + "        also: [{purpose: quality, retention: 30d}]\n"));
        assertTrue(plan("        purpose: quality\n        objection: {}\n").objection().isPresent());
    }

    @Test
    void objectionWithoutAPurposeOnLegitimateInterestIsRefused() throws ConfigException {
        assertEquals(List.of("objection-only-for-legitimate-interest"),
                broken("        purpose: complaint-handling\n        objection: {}\n"));
        assertEquals(2, plan("        purpose: complaint-handling\n        objection: {}\n"
                + "        also: [{purpose: quality, retention: 30d}]\n").purposes().size());
    }

    @Test
    void providerDiagnosticsIsRefusedAsAPolicyPurpose() {
        assertEquals(List.of("diagnostics-per-call"),
                broken("        purpose: provider-diagnostics\n        objection: {}\n"));
        assertEquals(List.of("diagnostics-per-call"), broken("        purpose: quality\n        objection: {}\n"
                + "        also: [{purpose: provider-diagnostics, retention: 1d}]\n"));
    }

    @Test
    void aPurposeListedTwiceIsRefused() throws ConfigException {
        assertEquals(List.of("one-purpose-once"), broken("        purpose: contract-evidence\n"
                + "        also: [{purpose: contract-evidence, retention: 1d}]\n"));
        assertEquals(List.of(Purpose.CONTRACT_EVIDENCE, Purpose.COMPLAINT_HANDLING), plan("        purpose: contract-evidence\n"
                + "        also: [{purpose: complaint-handling, retention: 1d}]\n").purposes().stream()
                .map(PurposeTerms::purpose).toList());
    }

    @Test
    void consentAndObjectionOnTheSameKeyAreRefused() throws ConfigException {
        String block = "        purpose: quality\n        objection: {key: %s}\n"
                + "        also: [{purpose: training, retention: 30d, consent: {key: 1}}]\n";
        assertEquals(List.of("distinct-keys"), broken(block.formatted("1")));
        assertEquals("9", plan(block.formatted("9")).objection().orElseThrow().key());
    }

    @Test
    void violationNamesTheRuleTheReasonAndWhatToWrite() {
        ConfigProblem p = assertThrows(ConfigException.class, () -> ConfigLoader.parse(
                "ami: {enabled: false}\npolicy:\n  default:\n    record: {purpose: quality, notice: n, retention: 30d}\n",
                "gateway.yaml", Map.of())).problems().getFirst();
        assertEquals("gateway.yaml:4: policy.default.record: legitimate-interest-offers-objection: purpose quality"
                + " rests on legitimate interest, so the caller may object (GDPR art. 21): add objection: {key: 9,"
                + " window: 3s}", p.toString());
    }

    @Test
    void everyBrokenRuleOfEveryRuleIsReportedAtOnce() {
        List<ConfigProblem> problems = assertThrows(ConfigException.class, () -> ConfigLoader.parse("""
                ami: {enabled: false}
                policy:
                  rules:
                    - name: coaching
                      when: {context: coaching}
                      record: {purpose: training, basis: legitimate-interest, notice: n, retention: 30d}
                  default:
                    record: {purpose: complaint-handling, notice: n, retention: 30d, objection: {}}
                """, "gateway.yaml", Map.of())).problems();
        assertEquals(List.of("gateway.yaml:6: policy.rules[coaching].record: training-needs-consent",
                        "gateway.yaml:6: policy.rules[coaching].record: legitimate-interest-offers-objection",
                        "gateway.yaml:8: policy.default.record: objection-only-for-legitimate-interest"),
                problems.stream().map(p -> p.file() + ":" + p.line() + ": " + p.key() + ": "
                        + p.message().substring(0, p.message().indexOf(':'))).toList());
    }
}
