package org.recgateway.recording;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.recgateway.policy.ConsentStep;
import org.recgateway.policy.ObjectionStep;
import org.recgateway.policy.PolicyDecision;
import org.recgateway.policy.PurposeTerms;
import org.recgateway.prompts.NoticePrompt;
import org.recgateway.prompts.PromptLibrary;
import org.recgateway.recording.CallControl.CallGoneException;
import org.recgateway.recording.CallControl.Playback;

/**
 * After the notice: offers objection where a purpose rests on legitimate interest (GDPR art. 21)
 * and asks the opt-in question of every consent-based purpose (art. 7). Silence, another key or a
 * hangup is no; only the configured key is yes.
 */
final class AskTheCaller {
    private static final String ANY_KEY = "0123456789*#";

    private final PromptLibrary prompts;
    private final Clock clock;

    AskTheCaller(PromptLibrary prompts, Clock clock) {
        this.prompts = prompts;
        this.clock = clock;
    }

    /** What the caller chose. */
    record Answers(Instant objectedAt, List<ConsentEvidence> consents) {
        boolean consented(PurposeTerms terms) {
            return consents.stream().anyMatch(c -> c.purpose() == terms.purpose() && c.given());
        }
    }

    /**
     * Asks; {@code objectedAt} is set when the caller already objected during the notice. The confirmation of an
     * objection says what then happens: after the notice was cut short nothing is recorded, so the recording
     * stops and nothing is kept ({@link ObjectionStep#CONFIRMATION_ALL}); after the offer, the purposes on
     * legitimate interest or consent end and, on a mixed recording, what a contract or a legal obligation needs is
     * kept ({@link ObjectionStep#confirmationFor}).
     */
    Answers ask(PolicyDecision.Record plan, Instant objectedAt, String nativeFormats, CallControl control)
            throws CallGoneException {
        String confirmation = ObjectionStep.CONFIRMATION_ALL;
        // In call: the notice announced the in-call code; no offer, no window, the caller is put through now.
        if (objectedAt == null && plan.objection().filter(o -> !o.inCall()).isPresent()) {
            objectedAt = offerObjection(plan.objection().get(), plan.language(), control);
            confirmation = ObjectionStep.confirmationFor(plan.purposes());
        }
        if (objectedAt != null) {
            confirm(confirmation, plan.language(), control);
            // A caller who just objected is not asked to consent to anything else.
            return new Answers(objectedAt, List.of());
        }
        List<ConsentEvidence> consents = new ArrayList<>();
        for (PurposeTerms terms : plan.purposes()) {
            if (terms.consent().isPresent()) {
                ConsentEvidence answer = askConsent(terms, terms.consent().get(), plan.language(), nativeFormats, control);
                consents.add(answer);
                if (answer.given()) {
                    confirm(ConsentStep.CONFIRMATION, plan.language(), control);
                }
            }
        }
        return new Answers(null, consents);
    }

    private Instant offerObjection(ObjectionStep step, String language, CallControl control) throws CallGoneException {
        NoticePrompt offer = prompt(step.offerPromptId(), language);
        char key = step.key().charAt(0);
        Playback played = control.play(offer.playbackName(), step.key());
        if (played.key().filter(k -> k == key).isPresent()) {
            return clock.instant();
        }
        Instant deadline = clock.instant().plus(step.window());
        while (true) {
            Duration left = Duration.between(clock.instant(), deadline);
            if (left.isNegative() || left.isZero()) {
                return null;
            }
            Optional<Character> pressed = control.waitForKey(left);
            if (pressed.isEmpty()) {
                return null;
            }
            if (pressed.get() == key) {
                return clock.instant();
            }
        }
    }

    private ConsentEvidence askConsent(PurposeTerms terms, ConsentStep step, String language, String nativeFormats,
                                       CallControl control) throws CallGoneException {
        NoticePrompt question = prompt(step.questionPromptId(), language);
        Instant asked = clock.instant();
        Playback played = control.play(question.playbackName(), ANY_KEY);
        Optional<Character> key = played.key().isPresent() ? played.key() : control.waitForKey(step.timeout());
        Instant answered = clock.instant();
        String pressed = key.map(String::valueOf).orElse("");
        String format = question.formatPlayedOn(nativeFormats).orElse("");
        return new ConsentEvidence(terms.purpose(), question.id(), question.language(), question.version(),
                question.audioSha256(), asked, answered, pressed, pressed.equals(step.key()), format,
                format.isEmpty() ? "" : question.files().get(format));
    }

    private void confirm(String id, String language, CallControl control) throws CallGoneException {
        Optional<NoticePrompt> confirmation = prompts.find(id, language);
        if (confirmation.isPresent()) {
            control.play(confirmation.get().playbackName(), "");
        }
    }

    private NoticePrompt prompt(String id, String language) {
        // Start-up validation checks every question and offer in every language a rule routes to.
        return prompts.find(id, language).orElseThrow(() -> new IllegalStateException(
                "prompt " + id + " (" + language + ") is not in the prompt library; start-up validation should have refused this policy"));
    }
}
