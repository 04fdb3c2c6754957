package org.recgateway.recording;

/**
 * What makes a recording defensible: the rule that decided it, the notice the caller heard, and the
 * caller's choices (sample draw, objection, consent).
 *
 * @param ruleName the policy rule that decided (for a diagnostic recording {@code ticket:<reference>})
 * @param notice   the notice evidence; null when none was played (a quarantined file)
 * @param choices  the sample draw, objection and consent evidence; null when none applied
 */
public record Evidence(String ruleName, NoticeEvidence notice, CallerChoices choices) {
    /** No evidence: a file no call accounts for. */
    public static final Evidence NONE = new Evidence(null, null, null);

    /** The same evidence with these choices. */
    public Evidence withChoices(CallerChoices c) {
        return new Evidence(ruleName, notice, c);
    }
}
