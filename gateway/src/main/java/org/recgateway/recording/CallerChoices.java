package org.recgateway.recording;

import java.time.Instant;
import java.util.List;

/**
 * The evidence of the caller's choices and of the sample draw for one recording.
 *
 * @param samplePercent    the policy's share of calls recorded
 * @param sampleDraw       this call's draw, 0 to 99; the call was selected because it was below samplePercent
 * @param objectionOffered whether the caller was told which key objects
 * @param objectedAt       when the caller objected, or null; purposes on legitimate interest were then dropped
 * @param consents         every consent question asked, answered yes or not
 */
public record CallerChoices(int samplePercent, int sampleDraw, boolean objectionOffered, Instant objectedAt,
                            List<ConsentEvidence> consents) {
    public CallerChoices {
        consents = List.copyOf(consents);
    }
}
