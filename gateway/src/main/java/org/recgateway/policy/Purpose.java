package org.recgateway.policy;

import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;

/**
 * Why a call is recorded. A recording is bound to its purpose: access, retention and deletion
 * follow from it (PRODUCT.md, rules 2 to 5).
 */
public enum Purpose {
    QUALITY("quality", LegalBasis.LEGITIMATE_INTEREST, Duration.ofDays(90)),
    COMPLAINT_HANDLING("complaint-handling", LegalBasis.CONTRACT, Duration.ofDays(365)),
    CONTRACT_EVIDENCE("contract-evidence", LegalBasis.CONTRACT, Duration.ofDays(7 * 365)),
    TRAINING("training", LegalBasis.CONSENT, Duration.ofDays(180)),
    PROVIDER_DIAGNOSTICS("provider-diagnostics", LegalBasis.LEGITIMATE_INTEREST, Duration.ofDays(30)),
    LEGAL_OBLIGATION("legal-obligation", LegalBasis.LEGAL_OBLIGATION, Duration.ofDays(10 * 365));

    private final String id;
    private final LegalBasis defaultBasis;
    private final Duration maxRetention;

    Purpose(String id, LegalBasis defaultBasis, Duration maxRetention) {
        this.id = id;
        this.defaultBasis = defaultBasis;
        this.maxRetention = maxRetention;
    }

    /** The name used in configuration files, the store and the API, e.g. {@code quality}. */
    public String id() {
        return id;
    }

    /** The legal basis this purpose normally rests on; a policy may name another. */
    public LegalBasis defaultBasis() {
        return defaultBasis;
    }

    /** The longest retention a policy may set for this purpose (GDPR art. 5(1)(e)). */
    public Duration maxRetention() {
        return maxRetention;
    }

    public static Optional<Purpose> fromId(String id) {
        return Arrays.stream(values()).filter(p -> p.id.equals(id)).findFirst();
    }
}
