package org.recgateway.recording;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.recgateway.audit.Actors;
import org.recgateway.audit.AuditAction;
import org.recgateway.metrics.GatewayMetrics;
import org.recgateway.policy.CallAttributes;
import org.recgateway.policy.Languages;
import org.recgateway.prompts.NoticePrompt;
import org.recgateway.prompts.PromptLibrary;
import org.recgateway.recording.CallControl.CallGoneException;

/**
 * The called party of an outbound call whose call is already recorded (a recorded inbound call that the dialplan
 * puts through to an outside number): one call, one recording, so no second MixMonitor starts, but this person
 * did not hear the caller's notice. They hear the running recording's notice on their own channel, after they
 * answered and before the bridge; the audit trail keeps which channel heard which prompt and whether to the end
 * ({@link AuditAction#CALLED_PARTY_TOLD}).
 */
final class CalledPartyNotice {
    private final PromptLibrary prompts;
    private final AuditNotes audit;
    private final Clock clock;
    private final GatewayMetrics metrics;

    CalledPartyNotice(PromptLibrary prompts, AuditNotes audit, Clock clock, GatewayMetrics metrics) {
        this.prompts = prompts;
        this.audit = audit;
        this.clock = clock;
        this.metrics = metrics;
    }

    /**
     * Plays {@code running}'s notice to the called party, in the language of their channel when the prompt has
     * it, else in the one the caller heard.
     *
     * @return true when it played to the end
     * @throws CallGoneException when the called party hung up during it (audited as not to the end)
     */
    boolean tell(Recording running, CallAttributes call, CallControl control) throws CallGoneException {
        NoticeEvidence heard = running.notice();
        Set<String> languages = heard == null ? Set.of() : prompts.languagesOf(heard.promptId());
        Optional<NoticePrompt> prompt = Languages.match(call.language(), languages)
                .or(() -> Optional.ofNullable(heard).map(NoticeEvidence::language))
                .flatMap(l -> prompts.find(heard.promptId(), l));
        if (prompt.isEmpty()) {
            note(running, call, null, clock.instant(), false, 0);
            return false;
        }
        NoticePrompt p = prompt.get();
        Instant started = clock.instant();
        CallControl.Playback playback;
        try {
            playback = control.play(p.playbackName(), "");
        } catch (CallGoneException gone) {
            metrics.notice(false);
            note(running, call, p, started, false, 0);
            throw gone;
        }
        boolean toEnd = playback.completed()
                && playback.endPosition() >= p.durationSamples() - NoticeThenRecord.END_POSITION_SLACK;
        metrics.notice(toEnd);
        note(running, call, p, started, toEnd, playback.endPosition());
        return toEnd;
    }

    private void note(Recording running, CallAttributes call, NoticePrompt p, Instant started, boolean toEnd, long endPosition) {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("channel", call.channel());
        details.put("uniqueId", call.uniqueId());
        details.put("prompt", p == null ? "none" : p.id() + " v" + p.version() + " " + p.language());
        details.put("audioSha256", p == null ? "" : p.audioSha256());
        details.put("started", started.toString());
        details.put("playedToEnd", Boolean.toString(toEnd));
        details.put("endPosition", Long.toString(endPosition));
        audit.note(Actors.GATEWAY, AuditAction.CALLED_PARTY_TOLD, running.id(), details);
    }
}
