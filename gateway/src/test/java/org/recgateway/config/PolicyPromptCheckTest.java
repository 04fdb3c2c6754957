package org.recgateway.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.recgateway.policy.Policy;
import org.recgateway.prompts.ManifestPromptLibrary;
import org.recgateway.prompts.NoticePrompt;
import org.recgateway.prompts.PromptLibrary;
import org.recgateway.prompts.PromptRole;

/** The prompts a policy plays exist in each language it routes to, and fit: kind, purpose and wording. */
class PolicyPromptCheckTest {

    /** A prompt library of the given prompts, each in the given languages. */
    private record TinyLibrary(List<NoticePrompt> prompts) implements PromptLibrary {
        /**
         * Specs "id role purposes wording keys languages"; purposes and keys comma-separated or '-' for none. A role
         * written {@code notice!} (etc.) declares consentOnly.
         */
        static TinyLibrary of(String... specs) {
            List<String> all = new ArrayList<>(List.of(specs));
            all.add("confirmation-consent consent-confirmation - none - nl,en");
            all.add("confirmation-objection objection-confirmation - none - nl,en");
            return bare(all.toArray(String[]::new));
        }

        /** Only the prompts given, without the confirmations {@link #of} adds. */
        static TinyLibrary bare(String... specs) {
            List<NoticePrompt> prompts = new ArrayList<>();
            for (String spec : specs) {
                String[] f = spec.split(" ");
                boolean consentOnly = f[1].endsWith("!");
                PromptRole role = PromptRole.fromId(f[1].replace("!", "")).orElseThrow();
                for (String language : f[5].split(",")) {
                    prompts.add(new NoticePrompt(f[0], language, 1, "text", "t", "a", 8000, "rg/" + language + "/" + f[0],
                            role, list(f[2]), f[3], list(f[4]), consentOnly, Map.of("wav", "a")));
                }
            }
            return new TinyLibrary(prompts);
        }

        private static List<String> list(String field) {
            return field.equals("-") ? List.of() : List.of(field.split(","));
        }

        /** The prompt ids of notice-prompts/prompts.yaml that these tests use, in nl and en. */
        static TinyLibrary standard() {
            return of("notice-quality notice quality may - nl,en", "notice-quality-will notice quality will - nl,en",
                    "notice-contract-evidence-will notice contract-evidence will - nl,en",
                    "notice-complaint-handling notice complaint-handling may - nl,en",
                    "notice-training notice! training may - nl,en",
                    "question-consent consent-question! - none 1 nl,en", "question-objection objection-offer - none 9 nl,en",
                    "question-consent-training consent-question training none 1 nl,en");
        }

        @Override
        public Optional<NoticePrompt> find(String id, String language) {
            return prompts.stream().filter(p -> p.id().equals(id) && p.language().equals(language)).findFirst();
        }

        @Override
        public Set<String> ids() {
            return new TreeSet<>(prompts.stream().map(NoticePrompt::id).toList());
        }

        @Override
        public Set<String> languagesOf(String id) {
            return new TreeSet<>(prompts.stream().filter(p -> p.id().equals(id)).map(NoticePrompt::language).toList());
        }
    }

    private static Policy policy(String record) throws ConfigException {
        return ConfigLoader.parse("""
                ami: {enabled: false}
                policy:
                  rules:
                    - name: sales
                      when: {context: sales}
                      record: %s
                    - name: internal
                      when: {context: internal}
                      doNotRecord: internal
                  default:
                    record: {purpose: quality, notice: notice-quality-will, retention: 30d, objection: {}}
                """.formatted(record), "config/gateway.yaml", Map.of()).policy();
    }

    private static List<String> problems(String record, PromptLibrary library) throws ConfigException {
        return PolicyPromptCheck.check(policy(record), library).stream().map(ConfigProblem::toString).toList();
    }

    private static final String SALES = "{purpose: contract-evidence, notice: notice-contract-evidence-will,"
            + " retention: 1d, languages: [nl, en]}";

    @Test
    void policyWhoseNoticesAndQuestionsAllFitHasNoProblems() throws ConfigException {
        assertEquals(List.of(), problems("{purpose: contract-evidence, notice: notice-contract-evidence-will,"
                + " retention: 1d, languages: [nl, en], also: [{purpose: training, retention: 1d,"
                + " consent: {question: question-consent-training}}]}", TinyLibrary.standard()));
    }

    @Test
    void objectionDuringTheCallNeedsANoticeThatAnnouncesTheInCallCodeAndNoOffer() throws ConfigException {
        var library = TinyLibrary.of("notice-quality-will notice quality will - nl,en",
                "notice-quality-will-in-call-objection notice quality will *9 nl,en",
                "notice-contract-evidence-will notice contract-evidence will - nl,en",
                "question-objection objection-offer - none 9 nl,en");  // for the test policy's default rule only

        assertEquals(List.of(), problems("{purpose: quality, notice: notice-quality-will-in-call-objection, retention: 1d,"
                + " languages: [nl, en], objection: {during: call}}", library), "no offer prompt is needed");
        assertEquals(List.of("config/gateway.yaml:4: policy.rules[sales].record.objection.during: objection during the"
                        + " call has no offer, so the notice must tell the caller the in-call code *9; notice"
                        + " 'notice-quality-will' (nl, en) does not declare that key: use a notice that speaks it (e.g."
                        + " notice-quality-will-in-call-objection), or objection: {during: offer}"),
                problems("{purpose: quality, notice: notice-quality-will, retention: 1d, languages: [nl, en],"
                        + " objection: {during: call}}", library));
    }

    @Test
    void aConsentQuestionForAPurposeTheNoticeDoesNotNameMustNameIt() throws ConfigException {
        assertEquals(List.of("config/gateway.yaml:4: policy.rules[sales].record.notice: notice 'notice-contract-evidence-will'"
                        + " names only contract-evidence, but this rule also keeps the recording for training, which the"
                        + " caller is never told: the notice must name every purpose the recording can be kept for; add a"
                        + " notice naming contract-evidence, training with wording will to notice-prompts/prompts.yaml (in"
                        + " nl, en) and use it",
                "config/gateway.yaml:4: policy.rules[sales].record.also[0].consent.question:"
                        + " consent question for training 'question-consent' does not name training, and the recording is"
                        + " also kept for contract-evidence: the caller would not know what the yes is for; use"
                        + " question-consent-training",
                "config/gateway.yaml:4: policy.rules[sales].record.also[0].consent.question: consent question for"
                        + " training 'question-consent' promises that nothing is recorded without the caller's consent"
                        + " ('text'), but this rule records for contract-evidence (contract) without consent: the promise"
                        + " would be false; use a prompt that makes no such promise"),
                problems("{purpose: contract-evidence, notice: notice-contract-evidence-will, retention: 1d,"
                        + " languages: [nl, en], also: [{purpose: training, retention: 1d, consent: {}}]}", TinyLibrary.standard()));
    }

    @Test
    void noticeMissingInALanguageTheRuleRoutesToIsReportedAtTheRule() throws ConfigException {
        var library = TinyLibrary.of("notice-contract-evidence-will notice contract-evidence will - nl",
                "notice-quality-will notice quality will - nl", "question-objection objection-offer - none 9 nl");
        assertEquals(List.of(new ConfigProblem("config/gateway.yaml", 4, "policy.rules[sales].record.notice",
                        "notice 'notice-contract-evidence-will' has no recording in en (it has nl); add the prompt in"
                                + " those languages or remove them from the rule's languages")),
                PolicyPromptCheck.check(policy(SALES), library));
    }

    @Test
    void noticeMissingFromTheLibraryIsReportedWithTheKnownNotices() throws ConfigException {
        var library = TinyLibrary.of("notice-contract-evidence-will notice contract-evidence will - nl,en",
                "question-objection objection-offer - none 9 nl");
        assertEquals(List.of("config/gateway.yaml:10: policy.default.record.notice: notice 'notice-quality-will' is"
                + " not in the prompt library; known notice prompts: notice-contract-evidence-will"), problems(SALES, library));
    }

    @Test
    void mayNoticeOnARuleThatRecordsEveryCallIsRefusedNamingTheWillNotice() throws ConfigException {
        assertEquals(List.of("config/gateway.yaml:4: policy.rules[sales].record.notice: notice 'notice-quality' says"
                        + " \"kan worden opgenomen\" (wording may), but this rule records every call it matches: use"
                        + " notice-quality-will, or record a sample (e.g. sample: 20%)"),
                problems("{purpose: quality, notice: notice-quality, retention: 1d, languages: [nl, en], objection: {}}",
                        TinyLibrary.standard()));
    }

    @Test
    void willNoticeOnASampledRuleIsRefusedNamingTheMayNotice() throws ConfigException {
        assertEquals(List.of("config/gateway.yaml:4: policy.rules[sales].record.notice: notice 'notice-quality-will'"
                        + " says \"wordt opgenomen\" (wording will), but this rule records only a sample (20%) of the"
                        + " calls it matches: use notice-quality, or record every call (remove sample)"),
                problems("{purpose: quality, notice: notice-quality-will, retention: 1d, sample: 20%, objection: {}}",
                        TinyLibrary.standard()));
    }

    @Test
    void consentRuleNeedsTheMayWordingBecauseTheCallerMaySayNo() throws ConfigException {
        var library = TinyLibrary.of("notice-training notice! training may - nl",
                "notice-training-will notice training will - nl", "question-consent consent-question! - none 1 nl",
                "notice-quality-will notice quality will - nl", "question-objection objection-offer - none 9 nl");
        assertEquals(List.of("config/gateway.yaml:4: policy.rules[sales].record.notice: notice 'notice-training-will'"
                        + " says \"wordt opgenomen\" (wording will), but this rule records only when the caller"
                        + " consents: use notice-training"),
                problems("{purpose: training, notice: notice-training-will, retention: 1d, consent: {}}", library));
    }

    @Test
    void noticeForAnotherPurposeIsRefused() throws ConfigException {
        assertEquals(List.of("config/gateway.yaml:4: policy.rules[sales].record.notice: notice 'notice-quality-will'"
                        + " names only quality, but this rule also keeps the recording for contract-evidence, which the"
                        + " caller is never told: the notice must name every purpose the recording can be kept for; use"
                        + " notice-contract-evidence-will",
                "config/gateway.yaml:4: policy.rules[sales].record.notice: notice 'notice-quality-will' announces"
                        + " quality, but this rule records only for contract-evidence: the caller would be told of a"
                        + " recording that is not made; use notice-contract-evidence-will"),
                problems("{purpose: contract-evidence, notice: notice-quality-will, retention: 1d, languages: [nl, en]}",
                        TinyLibrary.standard()));
    }

    @Test
    void noticeThatNoPromptCanReplaceSaysWhatToAdd() throws ConfigException {
        assertEquals(List.of("config/gateway.yaml:4: policy.rules[sales].record.notice: notice"
                        + " 'notice-complaint-handling' says \"kan worden opgenomen\" (wording may), but this rule records"
                        + " every call it matches: add a notice naming complaint-handling with wording will to"
                        + " notice-prompts/prompts.yaml (in nl) and use it, or record a sample (e.g. sample: 20%)"),
                problems("{purpose: complaint-handling, notice: notice-complaint-handling, retention: 1d}",
                        TinyLibrary.standard()));
    }

    @Test
    void questionUsedAsNoticeIsRefused() throws ConfigException {
        assertEquals(List.of("config/gateway.yaml:4: policy.rules[sales].record.notice: notice 'question-consent' is a"
                        + " consent-question prompt, not a notice: use notice-contract-evidence-will"),
                problems("{purpose: contract-evidence, notice: question-consent, retention: 1d, languages: [nl, en]}",
                        TinyLibrary.standard()));
    }

    @Test
    void consentQuestionAndObjectionOfferMustBeQuestionsInTheLibrary() throws ConfigException {
        assertEquals(List.of(
                        "config/gateway.yaml:4: policy.rules[sales].record.also[0].consent.question: consent question"
                                + " for training 'confirmation-consent' is a consent-confirmation prompt, not a consent"
                                + " question: a caller's key would not mean what the prompt says; use question-consent-training",
                        "config/gateway.yaml:4: policy.rules[sales].record.objection.offer: objection offer"
                                + " 'question-objectoin' is not in the prompt library; known objection-offer prompts:"
                                + " question-objection"),
                problems("""
                        {purpose: quality, notice: notice-quality-will, retention: 1d,
                               also: [{purpose: training, retention: 1d, consent: {question: confirmation-consent}}],
                               objection: {offer: question-objectoin}}""", TinyLibrary.standard())
                        // [0]: the notice does not name training, which no real question names either
                        .subList(1, 3));
    }

    @Test
    void consentQuestionOfTheMainPurposeIsCheckedInEveryLanguage() throws ConfigException {
        var library = TinyLibrary.of("notice-training notice! training may - nl,en", "question-consent consent-question! - none 1 nl",
                "notice-quality-will notice quality will - nl", "question-objection objection-offer - none 9 nl");
        assertEquals(List.of("config/gateway.yaml:4: policy.rules[sales].record.consent.question: consent question for"
                        + " training 'question-consent' has no recording in en (it has nl); add the prompt in those"
                        + " languages or remove them from the rule's languages"),
                problems("{purpose: training, notice: notice-training, retention: 1d, languages: [nl, en], consent: {}}",
                        library));
    }

    @Test
    void committedPromptLibraryRefusesAWillNoticeOnASampledRuleAndNamesTheMayNotice() throws ConfigException {
        var library = ManifestPromptLibrary.load(Path.of("../notice-prompts/manifest.json"),
                Path.of("../notice-prompts/sounds"), "recording-gateway");
        assertEquals(List.of("config/gateway.yaml:4: policy.rules[sales].record.notice: notice"
                        + " 'notice-complaint-handling-will' says \"wordt opgenomen\" (wording will), but this rule records"
                        + " only a sample (20%) of the calls it matches: use notice-complaint-handling, or record every"
                        + " call (remove sample)"),
                problems("{purpose: complaint-handling, notice: notice-complaint-handling-will, retention: 365d,"
                        + " languages: [nl, en], sample: 20%}", library));
    }
}
