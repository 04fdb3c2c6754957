package org.recgateway.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.recgateway.prompts.ManifestPromptLibrary;

/**
 * The gateway cannot play a sentence its own behaviour makes false (issue #10): each configuration below, checked
 * as start-up and {@code check-config} check it (the configuration, then its prompts against the committed prompt
 * library), is refused with the problem at its file and line. The first five are the ones an auditor found
 * accepted; the others are one per check of the coherence check. Each row also names a fixed block that loads.
 */
class TruthfulPolicyTest {

    private static final ManifestPromptLibrary LIBRARY = ManifestPromptLibrary.load(
            Path.of("../notice-prompts/manifest.json"), Path.of("../notice-prompts/sounds"), "recording-gateway");

    /** A rule named {@code line} at line 4 whose record block (line 6) holds the given keys. */
    private static String config(String block) {
        return "ami: {enabled: false}\npolicy:\n  rules:\n    - name: line\n      when: {context: x}\n      record:\n"
                + block.indent(8);
    }

    /** Every problem, as "file:line: key: message", in the order start-up reports them. */
    static List<String> problems(String yaml) {
        List<String> problems = new ArrayList<>();
        try {
            var config = ConfigLoader.parse(yaml, "gateway.yaml", Map.of());
            PolicyPromptCheck.check(config.policy(), LIBRARY).forEach(p -> problems.add(p.toString()));
        } catch (ConfigException e) {
            e.problems().forEach(p -> problems.add(p.toString()));
        }
        return problems;
    }

    static Stream<Arguments> refused() {
        return Stream.of(
                // 1. Training on consent with contract evidence kept silently for seven years.
                Arguments.of("""
                        purpose: training
                        notice: notice-training
                        retention: 90d
                        consent: {}
                        also: [{purpose: contract-evidence, retention: 2555d}]""",
                        "gateway.yaml:4: policy.rules[line].record.notice: notice 'notice-training' names only training,"
                                + " but this rule also keeps the recording for contract-evidence, which the caller is never"
                                + " told"),
                Arguments.of("""
                        purpose: training
                        notice: notice-training
                        retention: 90d
                        consent: {}
                        also: [{purpose: contract-evidence, retention: 2555d}]""",
                        "gateway.yaml:4: policy.rules[line].record.notice: notice 'notice-training' promises that nothing"
                                + " is recorded without the caller's consent"),
                // 2. The objection offer used as a consent question: pressing 9 to refuse would count as consent.
                Arguments.of("""
                        purpose: quality
                        basis: consent
                        notice: notice-quality
                        retention: 30d
                        consent: {question: question-objection, key: 9}""",
                        "gateway.yaml:4: policy.rules[line].record.consent.question: consent question for quality"
                                + " 'question-objection' is an objection-offer prompt, not a consent question"),
                // 3. The offer says "druk op 9" while the gateway listens for 8.
                Arguments.of("""
                        purpose: quality
                        notice: notice-quality-will
                        retention: 30d
                        objection: {key: 8}""",
                        "gateway.yaml:4: policy.rules[line].record.objection.offer: objection offer 'question-objection'"
                                + " (nl) tells the caller to press 9, but this rule listens for 8"),
                // 4. A basis the purpose cannot rest on: the objection right would silently disappear.
                Arguments.of("""
                        purpose: quality
                        basis: contract
                        notice: notice-quality-will
                        retention: 30d""",
                        "gateway.yaml:6: policy.rules[line].record: basis-fits-purpose: purpose quality cannot rest on"
                                + " contract (6(1)(b)); it may rest on consent or legitimate-interest"),
                Arguments.of("""
                        purpose: legal-obligation
                        basis: vital-interests
                        notice: notice-legal-obligation-will
                        retention: 30d""",
                        "gateway.yaml:6: policy.rules[line].record: basis-fits-purpose: purpose legal-obligation cannot"
                                + " rest on vital-interests (6(1)(d))"),
                Arguments.of("""
                        purpose: contract-evidence
                        basis: public-task
                        notice: notice-contract-evidence-will
                        retention: 30d""",
                        "gateway.yaml:6: policy.rules[line].record: basis-fits-purpose: purpose contract-evidence cannot"
                                + " rest on public-task (6(1)(e))"),
                // 5. Contract evidence with quality: "we stop the recording" would be false, and quality is unnamed.
                Arguments.of("""
                        purpose: contract-evidence
                        notice: notice-contract-evidence-will
                        retention: 365d
                        objection: {}
                        also: [{purpose: quality, retention: 30d}]""",
                        "gateway.yaml:4: policy.rules[line].record.objection.offer: objection offer 'question-objection'"
                                + " offers to stop the whole recording, but an objection ends only quality; the recording"
                                + " goes on for contract-evidence (contract): use question-objection-quality"),
                Arguments.of("""
                        purpose: contract-evidence
                        notice: notice-contract-evidence-will
                        retention: 365d
                        objection: {offer: question-objection-quality}
                        also: [{purpose: quality, retention: 30d}]""",
                        "gateway.yaml:4: policy.rules[line].record.notice: notice 'notice-contract-evidence-will' names"
                                + " only contract-evidence, but this rule also keeps the recording for quality, which the"
                                + " caller is never told: the notice must name every purpose the recording can be kept for;"
                                + " use notice-contract-evidence-quality-will"),
                // One per check: a notice announcing a purpose the rule does not record for.
                Arguments.of("""
                        purpose: contract-evidence
                        notice: notice-contract-evidence-quality-will
                        retention: 365d""",
                        "gateway.yaml:4: policy.rules[line].record.notice: notice 'notice-contract-evidence-quality-will'"
                                + " announces quality, but this rule records only for contract-evidence"),
                // "may" where every call is recorded (contract) although a further purpose needs consent.
                Arguments.of("""
                        purpose: contract-evidence
                        notice: notice-contract-evidence
                        retention: 365d
                        also: [{purpose: training, retention: 90d, consent: {question: question-consent-training}}]""",
                        "gateway.yaml:4: policy.rules[line].record.notice: notice 'notice-contract-evidence' says \"kan"
                                + " worden opgenomen\" (wording may), but this rule records every call it matches"),
                // "will" where a draw decides.
                Arguments.of("""
                        purpose: complaint-handling
                        notice: notice-complaint-handling-will
                        retention: 365d
                        sample: 20%""",
                        "gateway.yaml:4: policy.rules[line].record.notice: notice 'notice-complaint-handling-will' says"
                                + " \"wordt opgenomen\" (wording will), but this rule records only a sample (20%)"),
                // A consent question that does not name its purpose on a recording with other purposes.
                Arguments.of("""
                        purpose: contract-evidence
                        notice: notice-contract-evidence-will
                        retention: 365d
                        also: [{purpose: training, retention: 90d, consent: {}}]""",
                        "gateway.yaml:4: policy.rules[line].record.also[0].consent.question: consent question for"
                                + " training 'question-consent' does not name training"),
                // A consent-only promise in the question while contract evidence records without consent.
                Arguments.of("""
                        purpose: contract-evidence
                        notice: notice-contract-evidence-will
                        retention: 365d
                        also: [{purpose: training, retention: 90d, consent: {}}]""",
                        "gateway.yaml:4: policy.rules[line].record.also[0].consent.question: consent question for"
                                + " training 'question-consent' promises that nothing is recorded without the caller's"
                                + " consent"),
                // The consent question speaks 1, the rule listens for 5: key 5 is spoken by no prompt.
                Arguments.of("""
                        purpose: training
                        notice: notice-training
                        retention: 90d
                        consent: {key: 5}""",
                        "gateway.yaml:4: policy.rules[line].record.consent.question: consent question for training"
                                + " 'question-consent' (nl) tells the caller to press 1, but this rule listens for 5"),
                // A consent question offered as the objection offer.
                Arguments.of("""
                        purpose: quality
                        notice: notice-quality-will
                        retention: 30d
                        objection: {offer: question-consent}""",
                        "gateway.yaml:4: policy.rules[line].record.objection.offer: objection offer 'question-consent' is"
                                + " a consent-question prompt, not an objection offer"),
                // An offer naming fewer purposes than the objection ends.
                Arguments.of("""
                        purpose: contract-evidence
                        notice: notice-contract-evidence-quality-will
                        retention: 365d
                        objection: {offer: question-objection-quality}
                        also:
                          - {purpose: quality, retention: 30d}
                          - {purpose: training, retention: 90d, consent: {question: question-consent-training, key: 1}}""",
                        "gateway.yaml:4: policy.rules[line].record.objection.offer: objection offer"
                                + " 'question-objection-quality' names quality, but an objection on this rule ends quality,"
                                + " training"),
                // An offer naming quality on a recording the objection ends entirely is fine; naming another is not.
                Arguments.of("""
                        purpose: quality
                        notice: notice-quality-will
                        retention: 30d
                        objection: {offer: question-objection-quality}
                        also: [{purpose: training, retention: 90d, consent: {question: question-consent-training}}]""",
                        "gateway.yaml:4: policy.rules[line].record.objection.offer: objection offer"
                                + " 'question-objection-quality' names quality, but an objection on this rule ends quality,"
                                + " training"));
    }

    @ParameterizedTest
    @MethodSource
    void refused(String block, String expected) {
        List<String> problems = problems(config(block));
        assertTrue(problems.stream().anyMatch(p -> p.startsWith(expected)),
                () -> "expected a problem starting with\n  " + expected + "\nbut got\n  " + String.join("\n  ", problems));
    }

    static Stream<String> accepted() {
        return Stream.of("""
                        purpose: contract-evidence
                        notice: notice-contract-evidence-quality-will
                        retention: 365d
                        objection: {offer: question-objection-quality}
                        also: [{purpose: quality, retention: 30d}]""",
                """
                        purpose: training
                        notice: notice-training
                        retention: 90d
                        consent: {}""",
                """
                        purpose: quality
                        notice: notice-quality-will
                        retention: 30d
                        objection: {key: 9}""",
                """
                        purpose: contract-evidence
                        notice: notice-contract-evidence-will
                        retention: 365d
                        also: [{purpose: training, retention: 90d, consent: {question: question-consent-training}}]""",
                """
                        purpose: quality
                        basis: consent
                        notice: notice-quality
                        retention: 30d
                        consent: {}""");
    }

    /** The fixed forms of the refused configurations load: the check refuses what is false, not what is unusual. */
    @ParameterizedTest
    @MethodSource
    void accepted(String block) {
        assertEquals(List.of(), problems(config(block)));
    }

    @Test
    void theExampleConfigurationStillLoadsAndFitsTheCommittedPrompts() throws ConfigException {
        var config = ConfigLoader.load(Path.of("../config/gateway.yaml"));
        assertEquals(List.of(), PolicyPromptCheck.check(config.policy(), LIBRARY));
    }
}
