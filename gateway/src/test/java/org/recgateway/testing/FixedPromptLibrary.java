package org.recgateway.testing;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.recgateway.prompts.NoticePrompt;
import org.recgateway.prompts.PromptLibrary;

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
                prompt("confirmation-consent", "nl", 8_000), prompt("confirmation-objection", "nl", 8_000)));
    }

    public static NoticePrompt prompt(String id, String language, long samples) {
        return new NoticePrompt(id, language, 1, "Dit gesprek kan worden opgenomen voor kwaliteitsdoeleinden.",
                "a".repeat(64), "b".repeat(64), samples, "recording-gateway/" + language + "/" + id, "notice", "quality", "may");
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
