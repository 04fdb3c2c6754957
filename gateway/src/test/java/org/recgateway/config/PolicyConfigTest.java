package org.recgateway.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.recgateway.policy.ConsentStep;
import org.recgateway.policy.DialPattern;
import org.recgateway.policy.LegalBasis;
import org.recgateway.policy.Policy;
import org.recgateway.policy.RecordingPlan;

/** The policy section: the shape administrators write, and each mistake they can make in it. */
class PolicyConfigTest {

    private static final String HEAD = "ami: {enabled: false}\npolicy:\n  rules:\n";

    private static Policy policy(String yaml) throws ConfigException {
        return ConfigLoader.parse(yaml, "gateway.yaml", Map.of()).policy();
    }

    private static ConfigProblem onlyProblem(String yaml) {
        List<ConfigProblem> problems = assertThrows(ConfigException.class,
                () -> ConfigLoader.parse(yaml, "gateway.yaml", Map.of())).problems();
        assertEquals(1, problems.size(), problems::toString);
        return problems.getFirst();
    }

    @Test
    void ruleShapeFromTheDocumentationLoads() throws ConfigException {
        Policy policy = policy(HEAD + """
                    - name: sales-line
                      when:
                        context: [from-external]
                        called: ["_0201234XXX", "_31201234XXX"]
                        callerPrefix: ["+31", "0031"]
                        arguments: {1: sales, 2: "_X."}
                      record:
                        purpose: contract-evidence
                        basis: contract
                        notice: notice-contract-will
                        retention: P365D
                        languages: [nl, en]
                """);
        var rule = policy.rules().getFirst();
        assertEquals("gateway.yaml:4", rule.origin());
        assertEquals(List.of("from-external"), rule.when().contexts());
        assertEquals(List.of("+31", "0031"), rule.when().callerPrefixes());
        assertEquals(Map.of(1, DialPattern.parse("sales"), 2, DialPattern.parse("_X.")), rule.when().arguments());
        RecordingPlan plan = (RecordingPlan) rule.action();
        assertEquals(Duration.ofDays(365), plan.retention());
        assertEquals(List.of("nl", "en"), plan.languages());
    }

    @Test
    void basisDefaultsToThePurposesBasisAndLanguagesToTheDefaultLanguage() throws ConfigException {
        Policy policy = policy("ami: {enabled: false}\npolicy:\n  defaultLanguage: en\n"
                + "  default: {record: {purpose: training, notice: notice-training, retention: 12h, consent: {}}}\n");
        RecordingPlan plan = (RecordingPlan) policy.defaultRule().action();
        assertEquals(LegalBasis.CONSENT, plan.basis());
        assertEquals(Optional.of(new ConsentStep("question-consent", "1",
                Duration.ofSeconds(5))), plan.purposes().getFirst().consent());
        assertEquals(100, plan.samplePercent());
        assertEquals(List.of("en"), plan.languages());
        assertEquals(Duration.ofHours(12), plan.retention());
    }

    @Test
    void unknownPurposeListsTheKnownOnes() {
        ConfigProblem p = onlyProblem(HEAD + "    - name: a\n      when: {context: x}\n"
                + "      record: {purpose: sale, notice: n, retention: 1d}\n");
        assertEquals(new ConfigProblem("gateway.yaml", 6, "policy.rules[0].record.purpose", "unknown purpose 'sale';"
                + " known purposes: quality, complaint-handling, contract-evidence, training, provider-diagnostics,"
                + " legal-obligation"), p);
    }

    @Test
    void unknownBasisListsTheKnownOnes() {
        ConfigProblem p = onlyProblem(HEAD + "    - name: a\n      when: {context: x}\n"
                + "      record: {purpose: quality, basis: interest, notice: n, retention: 1d}\n");
        assertEquals("policy.rules[0].record.basis", p.key());
        assertEquals("unknown legal basis 'interest'; known legal bases: consent, contract, legal-obligation,"
                + " vital-interests, public-task, legitimate-interest", p.message());
    }

    @Test
    void retentionAboveThePurposeMaximumIsReported() {
        ConfigProblem p = onlyProblem(HEAD + "    - name: diag\n      when: {context: x}\n      record:\n"
                + "        purpose: provider-diagnostics\n        notice: n\n        retention: 60d\n");
        assertEquals(new ConfigProblem("gateway.yaml", 9, "policy.rules[0].record.retention", "60d is longer than the"
                + " maximum 30d for purpose provider-diagnostics; keep recordings no longer than the purpose needs"
                + " (GDPR art. 5(1)(e))"), p);
    }

    @Test
    void malformedPatternIsReportedWithItsReason() {
        ConfigProblem p = onlyProblem(HEAD + "    - name: a\n      when:\n        called: [\"_020XXX\", \"_0[12\"]\n"
                + "      doNotRecord: test\n");
        assertEquals(new ConfigProblem("gateway.yaml", 6, "policy.rules[0].when.called[1]", "malformed pattern"
                + " '_0[12': '[' at position 3 is never closed with ']'"), p);
    }

    @Test
    void argumentKeyThatIsNotANumberIsReported() {
        ConfigProblem p = onlyProblem(HEAD + "    - name: a\n      when: {arguments: {first: sales}}\n"
                + "      doNotRecord: test\n");
        assertEquals("policy.rules[0].when.arguments.first", p.key());
        assertTrue(p.message().startsWith("AGI arguments are numbered 1 to 99"), p.message());
    }

    @Test
    void duplicateRuleNamesAreReported() {
        ConfigProblem p = onlyProblem(HEAD + "    - {name: a, when: {context: x}, doNotRecord: one}\n"
                + "    - {name: a, when: {context: y}, doNotRecord: two}\n");
        assertEquals(5, p.line());
        assertEquals("duplicate rule name 'a', also used at gateway.yaml:4; decisions and logs name the rule, so"
                + " names must be unique", p.message());
    }

    @Test
    void ruleWithBothRecordAndDoNotRecordIsReported() {
        ConfigProblem p = onlyProblem(HEAD + "    - name: a\n      when: {context: x}\n"
                + "      record: {purpose: quality, notice: n, retention: 1d}\n      doNotRecord: why\n");
        assertEquals(new ConfigProblem("gateway.yaml", 7, "policy.rules[0].doNotRecord",
                "a rule has either record or doNotRecord, not both; remove one"), p);
    }

    @Test
    void ruleWithNeitherRecordNorDoNotRecordIsReported() {
        ConfigProblem p = onlyProblem(HEAD + "    - name: a\n      when: {context: x}\n");
        assertEquals(new ConfigProblem("gateway.yaml", 4, "policy.rules[0]",
                "needs either 'record: {purpose, notice, retention}' or 'doNotRecord: <reason>'"), p);
    }

    @Test
    void ruleWithoutConditionsIsReportedBecauseItHidesTheRulesAfterIt() {
        ConfigProblem p = onlyProblem(HEAD + "    - {name: all, when: {}, doNotRecord: x}\n");
        assertEquals("policy.rules[0].when", p.key());
        assertTrue(p.message().startsWith("has no conditions"), p.message());
    }

    @Test
    void misspelledConditionIsReported() {
        ConfigProblem p = onlyProblem(HEAD + "    - {name: a, when: {contexts: x}, doNotRecord: x}\n");
        assertTrue(p.message().startsWith("unknown key 'contexts'; did you mean 'context'?"), p.message());
    }

    @Test
    void defaultRuleWithConditionsIsReported() {
        ConfigProblem p = onlyProblem("ami: {enabled: false}\npolicy:\n  default:\n    when: {context: x}\n"
                + "    doNotRecord: nothing\n");
        assertEquals(new ConfigProblem("gateway.yaml", 4, "policy.default.when", "the default rule applies to every"
                + " call that no rule matched, so it takes no 'when'; move the conditions to a rule under"
                + " policy.rules"), p);
    }

    @Test
    void missingRecordFieldsAreEachReported() {
        List<ConfigProblem> problems = assertThrows(ConfigException.class, () -> ConfigLoader.parse(
                "ami: {enabled: false}\npolicy:\n  default:\n    record: {languages: [nl, \"n l\"]}\n",
                "gateway.yaml", Map.of())).problems();
        assertEquals(java.util.Set.of("policy.default.record.languages[1]", "policy.default.record.purpose",
                "policy.default.record.notice", "policy.default.record.retention"),
                problems.stream().map(ConfigProblem::key).collect(java.util.stream.Collectors.toSet()));
        assertEquals(4, problems.size(), problems::toString);
    }
}
