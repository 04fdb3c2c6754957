package org.recgateway.policy;

import java.util.Arrays;
import java.util.Optional;

/** The six lawful bases for processing personal data of GDPR article 6(1). */
public enum LegalBasis {
    CONSENT("consent", "6(1)(a)"),
    CONTRACT("contract", "6(1)(b)"),
    LEGAL_OBLIGATION("legal-obligation", "6(1)(c)"),
    VITAL_INTERESTS("vital-interests", "6(1)(d)"),
    PUBLIC_TASK("public-task", "6(1)(e)"),
    LEGITIMATE_INTEREST("legitimate-interest", "6(1)(f)");

    private final String id;
    private final String article;

    LegalBasis(String id, String article) {
        this.id = id;
        this.article = article;
    }

    /** The name used in configuration files, the store and the API, e.g. {@code legitimate-interest}. */
    public String id() {
        return id;
    }

    /** The GDPR article, e.g. {@code 6(1)(f)}. */
    public String article() {
        return article;
    }

    public static Optional<LegalBasis> fromId(String id) {
        return Arrays.stream(values()).filter(b -> b.id.equals(id)).findFirst();
    }
}
