package org.recgateway.policy;

import java.time.Duration;
import java.util.List;

/** Something recorded for one or more purposes, the first being the main one: the main purpose's terms at hand. */
public interface MainPurpose {

    /** Each purpose with its basis and retention; never empty, the first is the main one. */
    List<PurposeTerms> purposes();

    /** The main purpose. */
    default Purpose purpose() {
        return purposes().getFirst().purpose();
    }

    /** The main purpose's legal basis. */
    default LegalBasis basis() {
        return purposes().getFirst().basis();
    }

    /** How long the main purpose keeps the recording. */
    default Duration retention() {
        return purposes().getFirst().retention();
    }
}
