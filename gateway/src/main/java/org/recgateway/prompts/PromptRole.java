package org.recgateway.prompts;

import java.util.Arrays;
import java.util.Optional;

/**
 * What a prompt is for, as declared in notice-prompts/prompts.yaml and carried by the manifest. The gateway
 * plays a prompt only in its role, so a confirmation can never be played as a question, nor a full-objection
 * confirmation ("we stop the recording and delete it") where the recording goes on for a contract.
 */
public enum PromptRole {
    /** Told before anything is recorded; names every purpose it announces, worded will or may. */
    NOTICE("notice", "notice"),
    /** Asks the caller to opt in with a key. */
    CONSENT_QUESTION("consent-question", "question"),
    /** Offers the key that objects. */
    OBJECTION_OFFER("objection-offer", "question"),
    /** Confirms the caller's consent. */
    CONSENT_CONFIRMATION("consent-confirmation", "confirmation"),
    /** Confirms an objection that ends the whole recording: it stops, and what was taken is deleted. */
    OBJECTION_CONFIRMATION("objection-confirmation", "confirmation"),
    /**
     * Confirms an objection that ends only the purposes on legitimate interest or consent: what a contract or a
     * legal obligation needs is kept.
     */
    PARTIAL_OBJECTION_CONFIRMATION("partial-objection-confirmation", "confirmation"),
    /** Tells the agent that recording started or stopped. */
    ANNOUNCEMENT("announcement", "confirmation"),
    /** Says a request was refused. */
    REFUSAL("refusal", "refusal");

    private final String id;
    private final String kind;

    PromptRole(String id, String kind) {
        this.id = id;
        this.kind = kind;
    }

    /** The name in prompts.yaml and manifest.json, e.g. {@code objection-offer}. */
    public String id() {
        return id;
    }

    /** The coarse kind: {@code notice}, {@code question}, {@code confirmation} or {@code refusal}. */
    public String kind() {
        return kind;
    }

    public static Optional<PromptRole> fromId(String id) {
        return Arrays.stream(values()).filter(r -> r.id.equals(id)).findFirst();
    }
}
