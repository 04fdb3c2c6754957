package org.recgateway.privacy;

import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

import org.recgateway.recording.Pseudonyms;

/**
 * The privacy officer's tools together: legal holds, erasure, subject access, the numbers' pseudonyms and
 * the record of processing ({@link ProcessingRecord}, generated from the running policy on each call) and
 * the review of quarantined files.
 */
public record PrivacyOffice(HoldDesk holds, Erasure erasure, SubjectAccess access, Pseudonyms pseudonyms,
                            Supplier<Map<String, Object>> processingRecord, QuarantineDesk quarantine) {
    public PrivacyOffice {
        Objects.requireNonNull(holds, "holds");
        Objects.requireNonNull(erasure, "erasure");
        Objects.requireNonNull(access, "access");
        Objects.requireNonNull(pseudonyms, "pseudonyms");
        Objects.requireNonNull(processingRecord, "processingRecord");
        Objects.requireNonNull(quarantine, "quarantine");
    }
}
