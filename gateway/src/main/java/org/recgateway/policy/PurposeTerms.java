package org.recgateway.policy;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * One purpose a recording is made for, on its own legal basis and with its own retention; a
 * consent-based purpose carries the opt-in question that must be answered yes.
 */
public record PurposeTerms(Purpose purpose, LegalBasis basis, Duration retention, Optional<ConsentStep> consent) {
    public PurposeTerms {
        Objects.requireNonNull(purpose, "purpose");
        Objects.requireNonNull(basis, "basis");
        Objects.requireNonNull(retention, "retention");
        Objects.requireNonNull(consent, "consent");
        if (retention.isNegative() || retention.isZero()) {
            throw new IllegalArgumentException("retention must be positive: " + retention);
        }
        if (retention.compareTo(purpose.maxRetention()) > 0) {
            throw new IllegalArgumentException("retention " + retention + " exceeds the maximum "
                    + purpose.maxRetention() + " for purpose " + purpose.id());
        }
    }

    public PurposeTerms(Purpose purpose, LegalBasis basis, Duration retention) {
        this(purpose, basis, retention, Optional.empty());
    }
}
