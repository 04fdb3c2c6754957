package org.recgateway.privacy;

import java.util.Objects;

/** The privacy officer's tools together: legal holds, erasure, subject access. */
public record PrivacyOffice(HoldDesk holds, Erasure erasure, SubjectAccess access) {
    public PrivacyOffice {
        Objects.requireNonNull(holds, "holds");
        Objects.requireNonNull(erasure, "erasure");
        Objects.requireNonNull(access, "access");
    }
}
