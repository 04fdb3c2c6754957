package org.recgateway.policy;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The objection a legitimate-interest basis must offer (GDPR art. 21). Two ways, by {@code inCall}:
 * <ul>
 * <li>offer (default): pressing {@code key} during the notice, during {@code offerPromptId} or within
 *     {@code window} after it means no recording for the purposes that rest on legitimate interest;</li>
 * <li>in call: no offer and no window. The notice itself announces the in-call code ({@link #IN_CALL_CODE},
 *     the {@code rgobject} feature code of {@code deploy/asterisk/features_recording_gateway.conf}) and the
 *     caller may press it at any moment of the bridged call; {@code key} during the notice still objects.
 *     The offer costs the caller no time: the dialplan reaches {@code Dial} when the notice ends.</li>
 * </ul>
 */
public record ObjectionStep(String offerPromptId, String key, Duration window, boolean inCall) {
    public static final String DEFAULT_OFFER = "question-objection";
    public static final String DEFAULT_KEY = "9";
    public static final Duration DEFAULT_WINDOW = Duration.ofSeconds(3);
    /** The feature code the caller presses while bridged to object (features_recording_gateway.conf). */
    public static final String IN_CALL_CODE = "*9";
    /** Confirms an objection that ends every purpose of the recording: it stops, and what was taken is deleted. */
    public static final String CONFIRMATION_ALL = "confirmation-objection";
    /** Confirms an objection that ends only some purposes: what a contract or a legal obligation needs is kept. */
    public static final String CONFIRMATION_PARTIAL = "confirmation-objection-partial";

    public ObjectionStep {
        Objects.requireNonNull(offerPromptId, "offerPromptId");
        Keys.requireDtmf(key);
        Keys.requirePositiveAtMost(window, Duration.ofSeconds(30), "objection window");
    }

    /** The offer after the notice (not in call). */
    public ObjectionStep(String offerPromptId, String key, Duration window) {
        this(offerPromptId, key, window, false);
    }

    /**
     * Whether an objection ends {@code terms}: a purpose on legitimate interest (art. 21), or on consent (a
     * caller who objected is not asked to consent). Contract, legal obligation and the other bases go on.
     */
    public static boolean ends(PurposeTerms terms) {
        return ends(terms.basis());
    }

    /** Whether an objection or a withdrawn consent ends a purpose on {@code basis}: legitimate interest or consent. */
    public static boolean ends(LegalBasis basis) {
        return basis == LegalBasis.LEGITIMATE_INTEREST || basis == LegalBasis.CONSENT;
    }

    /** The purposes of {@code purposes} an objection ends, in order. */
    public static List<PurposeTerms> endedBy(List<PurposeTerms> purposes) {
        return purposes.stream().filter(ObjectionStep::ends).toList();
    }

    /**
     * The confirmation that is true after an objection on a recording for {@code purposes}: {@link #CONFIRMATION_ALL}
     * when it ends every purpose, else {@link #CONFIRMATION_PARTIAL}.
     */
    public static String confirmationFor(List<PurposeTerms> purposes) {
        return purposes.stream().allMatch(ObjectionStep::ends) ? CONFIRMATION_ALL : CONFIRMATION_PARTIAL;
    }
}
