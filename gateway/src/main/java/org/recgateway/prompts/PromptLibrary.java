package org.recgateway.prompts;

import java.util.Optional;
import java.util.Set;

/** The prompts the gateway can play, by id and language, loaded once from the manifest at start-up. */
public interface PromptLibrary {

    Optional<NoticePrompt> find(String id, String language);

    /** Every prompt id in the library. */
    Set<String> ids();

    /** The languages that have {@code id}; empty when the id is unknown. */
    Set<String> languagesOf(String id);
}
