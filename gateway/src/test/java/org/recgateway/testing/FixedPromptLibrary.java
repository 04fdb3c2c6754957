package org.recgateway.testing;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.recgateway.prompts.NoticePrompt;
import org.recgateway.prompts.PromptLibrary;
import org.recgateway.prompts.PromptRole;

/** A prompt library of a few prompts given in code. */
public record FixedPromptLibrary(List<NoticePrompt> prompts) implements PromptLibrary {
    /** The Dutch quality notice: 4 s at 8 kHz. */
    public static final long QUALITY_SAMPLES = 32_000;

    public static FixedPromptLibrary quality() {
        return new FixedPromptLibrary(List.of(prompt("notice-quality", "nl", QUALITY_SAMPLES)));
    }

    /** Notices, questions and confirmations in Dutch, as the lawful-by-construction tests need them. */
    public static FixedPromptLibrary withQuestions() {
        return new FixedPromptLibrary(List.of(prompt("notice-quality", "nl", QUALITY_SAMPLES),
                prompt("notice-contract-evidence-will", "nl", QUALITY_SAMPLES),
                prompt("question-consent", "nl", 16_000), prompt("question-objection", "nl", 16_000),
                prompt("confirmation-consent", "nl", 8_000), prompt("confirmation-objection", "nl", 8_000),
                prompt("confirmation-objection-partial", "nl", 8_000)));
    }

    /** A prompt whose role and keys follow from its id as in notice-prompts/prompts.yaml; notices name quality. */
    public static NoticePrompt prompt(String id, String language, long samples) {
        PromptRole role = id.startsWith("notice-") ? PromptRole.NOTICE
                : id.startsWith("question-consent") ? PromptRole.CONSENT_QUESTION
                : id.startsWith("question-objection") ? PromptRole.OBJECTION_OFFER
                : id.equals("confirmation-consent") ? PromptRole.CONSENT_CONFIRMATION
                : id.equals("confirmation-objection") ? PromptRole.OBJECTION_CONFIRMATION
                : id.equals("confirmation-objection-partial") ? PromptRole.PARTIAL_OBJECTION_CONFIRMATION
                : PromptRole.ANNOUNCEMENT;
        List<String> keys = role == PromptRole.CONSENT_QUESTION ? List.of("1")
                : role == PromptRole.OBJECTION_OFFER ? List.of("9") : List.of();
        return new NoticePrompt(id, language, 1, "Dit gesprek kan worden opgenomen voor kwaliteitsdoeleinden.",
                "a".repeat(64), "b".repeat(64), samples, "recording-gateway/" + language + "/" + id, role,
                role == PromptRole.NOTICE ? List.of("quality") : List.of(), role == PromptRole.NOTICE ? "may" : "none",
                keys, false, Map.of("wav", "b".repeat(64), "alaw", "c".repeat(64), "sln", "d".repeat(64)));
    }

    @Override
    public Optional<NoticePrompt> find(String id, String language) {
        return prompts.stream().filter(p -> p.id().equals(id) && p.language().equals(language)).findFirst();
    }

    @Override
    public Set<String> ids() {
        return prompts.stream().map(NoticePrompt::id).collect(Collectors.toSet());
    }

    @Override
    public Set<String> languagesOf(String id) {
        return prompts.stream().filter(p -> p.id().equals(id)).map(NoticePrompt::language).collect(Collectors.toSet());
    }
}
