package org.recgateway.policy;

import java.time.Duration;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * Why a call is recorded. A recording is bound to its purpose: access, retention and deletion
 * follow from it (PRODUCT.md, rules 2 to 5).
 */
public enum Purpose {
    /** The company's interest in good service is evident (art. 6(1)(f)); a caller may also opt in. */
    QUALITY("quality", LegalBasis.LEGITIMATE_INTEREST, Duration.ofDays(90),
            EnumSet.of(LegalBasis.LEGITIMATE_INTEREST, LegalBasis.CONSENT)),
    /** Handling complaints about a contract is needed to perform it (art. 6(1)(b)). */
    COMPLAINT_HANDLING("complaint-handling", LegalBasis.CONTRACT, Duration.ofDays(365), EnumSet.of(LegalBasis.CONTRACT)),
    /** Evidence of the agreement made on the call (art. 6(1)(b)). */
    CONTRACT_EVIDENCE("contract-evidence", LegalBasis.CONTRACT, Duration.ofDays(7 * 365), EnumSet.of(LegalBasis.CONTRACT)),
    /** Not necessary for anything (an actor can play the call): only the caller's explicit opt-in (art. 6(1)(a)). */
    TRAINING("training", LegalBasis.CONSENT, Duration.ofDays(180), EnumSet.of(LegalBasis.CONSENT)),
    /** The company's interest in a working line, brief and targeted listening (art. 6(1)(f); Sr 139c lid 2). */
    PROVIDER_DIAGNOSTICS("provider-diagnostics", LegalBasis.LEGITIMATE_INTEREST, Duration.ofDays(30),
            EnumSet.of(LegalBasis.LEGITIMATE_INTEREST)),
    /** A law that requires the recording (art. 6(1)(c)). */
    LEGAL_OBLIGATION("legal-obligation", LegalBasis.LEGAL_OBLIGATION, Duration.ofDays(10 * 365),
            EnumSet.of(LegalBasis.LEGAL_OBLIGATION));

    private final String id;
    private final LegalBasis defaultBasis;
    private final Duration maxRetention;
    private final Set<LegalBasis> allowedBases;

    Purpose(String id, LegalBasis defaultBasis, Duration maxRetention, Set<LegalBasis> allowedBases) {
        this.id = id;
        this.defaultBasis = defaultBasis;
        this.maxRetention = maxRetention;
        this.allowedBases = Collections.unmodifiableSet(allowedBases);
    }

    /**
     * The legal bases this purpose may rest on (README "Purposes and legal bases" gives the reasoning from
     * PRODUCT.md rule 2). Vital interests (a life at stake) and public task (a public authority's task) fit no
     * purpose of a company's phone line, so no purpose allows them.
     */
    public Set<LegalBasis> allowedBases() {
        return allowedBases;
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
