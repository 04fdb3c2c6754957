package org.recgateway.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.recgateway.policy.ConsentStep;
import org.recgateway.policy.LegalBasis;
import org.recgateway.policy.ObjectionStep;
import org.recgateway.policy.Purpose;
import org.recgateway.policy.PurposeTerms;
import org.recgateway.policy.RecordingPlan;

/** The record block's keys for sampling, consent, objection and further purposes, and each value it refuses. */
class RecordBlockTest {

    /** The default rule's record block starts on line 4; the keys given follow from line 5, indented 6. */
    private static final String HEAD = "ami: {enabled: false}\npolicy:\n  default:\n    record:\n";

    private static RecordingPlan plan(String keys) throws ConfigException {
        return (RecordingPlan) ConfigLoader.parse(HEAD + keys, "gateway.yaml", Map.of()).policy().defaultRule().action();
    }

    private static List<ConfigProblem> problems(String keys) {
        return assertThrows(ConfigException.class, () -> ConfigLoader.parse(HEAD + keys, "gateway.yaml", Map.of()))
                .problems();
    }

    private static ConfigProblem onlyProblem(String keys) {
        List<ConfigProblem> problems = problems(keys);
        assertEquals(1, problems.size(), problems::toString);
        return problems.getFirst();
    }

    private static final String QUALITY = "      purpose: quality\n      notice: notice-quality\n      retention: 30d\n";
    private static final String TRAINING = "      purpose: training\n      notice: notice-training\n      retention: 30d\n";

    @Test
    void everyNewKeyIsReadIntoThePlanMainPurposeFirst() throws ConfigException {
        RecordingPlan plan = plan(QUALITY + """
                      basis: legitimate-interest
                      languages: [nl, en]
                      sample: 20%
                      objection: {offer: question-objection, key: "#", window: 10s}
                      also:
                        - purpose: training
                          basis: consent
                          retention: 90d
                          consent: {question: question-consent, key: 1, timeout: 8s}
                        - purpose: complaint-handling
                          retention: 365d
                """);
        assertEquals(List.of(new PurposeTerms(Purpose.QUALITY, LegalBasis.LEGITIMATE_INTEREST, Duration.ofDays(30)),
                new PurposeTerms(Purpose.TRAINING, LegalBasis.CONSENT, Duration.ofDays(90),
                        Optional.of(new ConsentStep("question-consent", "1", Duration.ofSeconds(8)))),
                new PurposeTerms(Purpose.COMPLAINT_HANDLING, LegalBasis.CONTRACT, Duration.ofDays(365))), plan.purposes());
        assertEquals(new RecordingPlan(plan.purposes(), "notice-quality", List.of("nl", "en"), 20,
                Optional.of(new ObjectionStep("question-objection", "#", Duration.ofSeconds(10)))), plan);
    }

    @Test
    void emptyStepsTakeEveryDefault() throws ConfigException {
        RecordingPlan plan = plan(QUALITY + "      objection: {}\n      also: [{purpose: training, retention: 1d, consent: {}}]\n");
        assertEquals(Optional.of(new ObjectionStep(Defaults.OBJECTION_OFFER, "9", Duration.ofSeconds(3))), plan.objection());
        assertEquals(Optional.of(new ConsentStep(Defaults.CONSENT_QUESTION, "1", Duration.ofSeconds(5))),
                plan.purposes().get(1).consent());
        assertEquals(100, plan.samplePercent());
    }

    @Test
    void sampleIsAPercentageWithOrWithoutTheSign() throws ConfigException {
        assertEquals(20, plan(QUALITY + "      objection: {}\n      sample: 20\n").samplePercent());
        assertEquals(1, plan(QUALITY + "      objection: {}\n      sample: 1%\n").samplePercent());
        assertEquals(100, plan(QUALITY + "      objection: {}\n      sample: \"100%\"\n").samplePercent());
    }

    @Test
    void sampleOutsideOneToHundredPercentOrNotAPercentageIsRefused() {
        assertEquals(new ConfigProblem("gateway.yaml", 9, "policy.default.record.sample", "0% records no call; write"
                + " 1% to 100%, or use doNotRecord for calls that are never recorded"),
                onlyProblem(QUALITY + "      objection: {}\n      sample: 0%\n"));
        assertEquals("150% is more than every call; write 1% to 100% (100% records every matched call)",
                onlyProblem(QUALITY + "      objection: {}\n      sample: 150%\n").message());
        assertEquals("expected the share of matched calls to record, from 1% to 100%, such as 20% (or 20); got text"
                + " 'abc'", onlyProblem(QUALITY + "      objection: {}\n      sample: abc\n").message());
        assertEquals("expected the share of matched calls to record, from 1% to 100%, such as 20% (or 20); got text"
                + " '12.5%'", onlyProblem(QUALITY + "      objection: {}\n      sample: 12.5%\n").message());
    }

    @Test
    void keyThatIsNotOneDtmfKeyIsRefused() throws ConfigException {
        ConfigProblem twelve = onlyProblem(TRAINING + "      consent: {key: 12}\n");
        assertEquals(new ConfigProblem("gateway.yaml", 8, "policy.default.record.consent.key", "'12' is not a key the"
                + " caller can press; write one DTMF key: a digit 0-9, \"*\" or \"#\" (quote * and # in YAML)"), twelve);
        assertEquals("policy.default.record.objection.key", onlyProblem(QUALITY + "      objection: {key: a}\n").key());
        assertEquals("policy.default.record.objection.during", onlyProblem(QUALITY + "      objection: {during: later}\n").key());
        assertEquals(true, plan(QUALITY.replace("notice-quality-will", "notice-quality-will-in-call-objection")
                + "      objection: {during: call}\n").objection().orElseThrow().inCall());
        assertEquals(false, plan(QUALITY + "      objection: {during: offer}\n").objection().orElseThrow().inCall());
    }

    @Test
    void consentTimeoutAndObjectionWindowOutOfRangeAreRefused() {
        assertEquals(new ConfigProblem("gateway.yaml", 8, "policy.default.record.consent.timeout", "2m is longer than the"
                + " 1m allowed (silence this long after the question means no); the default is 5s"),
                onlyProblem(TRAINING + "      consent: {timeout: 2m}\n"));
        assertEquals("must be longer than zero, got '0s'",
                onlyProblem(TRAINING + "      consent: {timeout: 0s}\n").message());
        assertEquals("the duration 5 has no unit; " + Durations.FORMS,
                onlyProblem(TRAINING + "      consent: {timeout: 5}\n").message());
        assertEquals("31s is longer than the 30s allowed (the key still objects this long after the offer); the"
                + " default is 3s", onlyProblem(QUALITY + "      objection: {window: 31s}\n").message());
    }

    @Test
    void stepWrittenWithoutAValueSaysHowToTakeTheDefaults() {
        assertEquals(new ConfigProblem("gateway.yaml", 8, "policy.default.record.objection", "has no value; write"
                + " objection: {} to offer question-objection with key 9 and a 3s window, or remove the key"),
                onlyProblem(QUALITY + "      objection:\n"));
    }

    @Test
    void misspelledStepKeyAndBadPromptIdAreRefused() {
        assertEquals("unknown key 'questoin'; did you mean 'question'? known keys here: key, question, timeout",
                onlyProblem(TRAINING + "      consent: {questoin: question-consent}\n").message());
        assertEquals("policy.default.record.objection.offer",
                onlyProblem(QUALITY + "      objection: {offer: \"../etc/passwd\"}\n").key());
        assertEquals(new ConfigProblem("gateway.yaml", 8, "policy.default.record.consent", "expected a mapping of keys,"
                + " got the boolean true"), onlyProblem(TRAINING + "      consent: true\n"));
    }

    @Test
    void furtherPurposeIsReadLikeTheMainOne() {
        assertEquals(new ConfigProblem("gateway.yaml", 10, "policy.default.record.also[0].purpose", "unknown purpose"
                + " 'trainig'; known purposes: quality, complaint-handling, contract-evidence, training,"
                + " provider-diagnostics, legal-obligation"),
                onlyProblem(QUALITY + "      objection: {}\n      also:\n        - purpose: trainig\n          retention: 1d\n"));
        assertEquals(new ConfigProblem("gateway.yaml", 11, "policy.default.record.also[0].retention", "200d is longer than"
                + " the maximum 180d for purpose training; keep recordings no longer than the purpose needs (GDPR art."
                + " 5(1)(e))"),
                onlyProblem(QUALITY + "      objection: {}\n      also:\n        - purpose: training\n          retention: 200d\n"
                        + "          consent: {}\n"));
        assertEquals("required: how long recordings are kept, e.g. 30d; at most 180d for training",
                onlyProblem(QUALITY + "      objection: {}\n      also: [{purpose: training, consent: {}}]\n").message());
    }

    @Test
    void keysThatAreSaidOncePerRecordingAreRefusedOnAFurtherPurpose() {
        assertEquals(new ConfigProblem("gateway.yaml", 9, "policy.default.record.also[0].notice", "a recording has one"
                + " notice for all its purposes; move it to policy.default.record (an also item has purpose, basis,"
                + " retention and consent)"),
                onlyProblem(QUALITY + "      objection: {}\n      also: [{purpose: training, retention: 1d, consent: {},"
                        + " notice: notice-training}]\n"));
    }

    @Test
    void alsoThatIsNotAListOfMappingsIsRefused() {
        assertEquals("expected a list, got text 'training'",
                onlyProblem(QUALITY + "      objection: {}\n      also: training\n").message());
        assertEquals("policy.default.record.also[0]",
                onlyProblem(QUALITY + "      objection: {}\n      also: [training]\n").key());
    }

    @Test
    void emptyLanguageListIsRefused() {
        assertEquals("policy.default.record.languages", onlyProblem(QUALITY + "      objection: {}\n      languages: []\n")
                .key());
    }

    @Test
    void everyValueProblemOfTheBlockIsReportedAtOnceBeforeAnyLawfulnessRule() {
        List<ConfigProblem> problems = problems(TRAINING + """
                      sample: 0%
                      consent: {key: a, timeout: 90s}
                      objection: {window: 1h}
                      also:
                        - {purpose: sales, retention: 1d}
                        - {purpose: quality, retention: 365d}
                """);
        assertEquals(List.of("8 policy.default.record.sample", "9 policy.default.record.consent.key",
                        "9 policy.default.record.consent.timeout", "10 policy.default.record.objection.window",
                        "12 policy.default.record.also[0].purpose", "13 policy.default.record.also[1].retention"),
                problems.stream().map(p -> p.line() + " " + p.key()).toList());
    }
}
