package org.recgateway.privacy;

import java.util.Objects;

import org.recgateway.recording.Pseudonyms;

/** The privacy officer's tools together: legal holds, erasure, subject access, and the numbers' pseudonyms. */
public record PrivacyOffice(HoldDesk holds, Erasure erasure, SubjectAccess access, Pseudonyms pseudonyms) {
    public PrivacyOffice {
        Objects.requireNonNull(holds, "holds");
        Objects.requireNonNull(erasure, "erasure");
        Objects.requireNonNull(access, "access");
        Objects.requireNonNull(pseudonyms, "pseudonyms");
    }
}
