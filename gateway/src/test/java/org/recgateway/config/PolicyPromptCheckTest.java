package org.recgateway.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.recgateway.policy.Policy;
import org.recgateway.prompts.NoticePrompt;
import org.recgateway.prompts.PromptLibrary;

class PolicyPromptCheckTest {

    /** A prompt library holding exactly the given ids and languages. */
    private record TinyLibrary(Map<String, Set<String>> languages) implements PromptLibrary {
        @Override
        public Optional<NoticePrompt> find(String id, String language) {
            return languagesOf(id).contains(language)
                    ? Optional.of(new NoticePrompt(id, language, 1, "text", "t", "a", 8000, "rg/" + language + "/" + id,
                            "notice", "quality", "may"))
                    : Optional.empty();
        }

        @Override
        public Set<String> ids() {
            return languages.keySet();
        }

        @Override
        public Set<String> languagesOf(String id) {
            return languages.getOrDefault(id, Set.of());
        }
    }

    private static Policy policy() throws ConfigException {
        return ConfigLoader.parse("""
                ami: {enabled: false}
                policy:
                  rules:
                    - name: sales
                      when: {context: sales}
                      record: {purpose: contract-evidence, notice: notice-contract-will, retention: 1d, languages: [nl, en]}
                    - name: internal
                      when: {context: internal}
                      doNotRecord: internal
                  default:
                    record: {purpose: quality, notice: notice-quality, retention: 30d}
                """, "config/gateway.yaml", Map.of()).policy();
    }

    @Test
    void policyWhoseNoticesAllExistHasNoProblems() throws ConfigException {
        var library = new TinyLibrary(Map.of("notice-contract-will", Set.of("nl", "en"), "notice-quality", Set.of("nl")));
        assertEquals(List.of(), PolicyPromptCheck.check(policy(), library));
    }

    @Test
    void noticeMissingInALanguageTheRuleRoutesToIsReportedAtTheRule() throws ConfigException {
        var library = new TinyLibrary(Map.of("notice-contract-will", Set.of("nl"), "notice-quality", Set.of("nl")));
        assertEquals(List.of(new ConfigProblem("config/gateway.yaml", 4, "policy.rules[sales].record.notice",
                        "notice 'notice-contract-will' has no recording in en (it has nl); add the prompt in those"
                                + " languages or remove them from the rule's languages")),
                PolicyPromptCheck.check(policy(), library));
    }

    @Test
    void noticeMissingFromTheLibraryIsReportedWithTheKnownPrompts() throws ConfigException {
        var library = new TinyLibrary(Map.of("notice-contract-will", Set.of("nl", "en")));
        List<ConfigProblem> problems = PolicyPromptCheck.check(policy(), library);
        assertEquals(1, problems.size());
        assertEquals("config/gateway.yaml:10: policy.default.record.notice: notice 'notice-quality' is not in the"
                + " prompt library; known prompts: notice-contract-will", problems.getFirst().toString());
    }
}
