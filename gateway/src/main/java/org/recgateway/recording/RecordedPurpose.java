package org.recgateway.recording;

import java.util.Objects;

import org.recgateway.policy.LegalBasis;
import org.recgateway.policy.Purpose;

/** One purpose a recording carries, with its own legal basis and retention; access and deletion follow it. */
public record RecordedPurpose(Purpose purpose, LegalBasis basis, long retentionDays) {
    public RecordedPurpose {
        Objects.requireNonNull(purpose, "purpose");
        Objects.requireNonNull(basis, "basis");
    }
}
