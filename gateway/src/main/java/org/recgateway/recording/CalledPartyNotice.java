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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The called party of an outbound call whose call is already recorded (a recorded inbound call that the dialplan
 * puts through to an outside number): one call, one recording, so no second MixMonitor starts, but this person
 * did not hear the caller's notice. They hear the running recording's notice on their own channel, after they
 * answered and before the bridge; the audit trail keeps which channel heard which prompt and whether to the end
 * ({@link AuditAction#CALLED_PARTY_TOLD}).
 *
 * <p>No notice, no recording (PRODUCT.md rule 1) for them too: whenever their notice did not play to the end and
 * they are still on the line (the prompt is missing for their language, Asterisk could not play it, it was cut
 * short), the running recording is stopped by its MixMonitor id before {@code record-called} returns, so before
 * Asterisk bridges them ({@link RecordingReason#CALLED_PARTY_NOT_TOLD}, {@code RECORDING_STATUS=not-recorded}). When
 * it cannot be stopped (no MixMonitor id stored, AMI down), the gateway says so ({@code RECORDING_STATUS=recording}
 * with that reason) and the shipped dialplan does not put them through.
 */
final class CalledPartyNotice {
    private static final Logger LOG = LoggerFactory.getLogger(CalledPartyNotice.class);

    private final PromptLibrary prompts;
    private final AuditNotes audit;
    private final Clock clock;
    private final GatewayMetrics metrics;
    private final TransferStop stopper;
    private final RecordedParties parties;

    /**
     * @param stopper stops the running recording by its MixMonitor id when the called party was not told
     * @param parties where a called party who heard the notice to the end is listed among the recording's parties
     */
    CalledPartyNotice(PromptLibrary prompts, AuditNotes audit, Clock clock, GatewayMetrics metrics, TransferStop stopper,
                      RecordedParties parties) {
        this.prompts = prompts;
        this.audit = audit;
        this.clock = clock;
        this.metrics = metrics;
        this.stopper = stopper;
        this.parties = parties;
    }

    /**
     * The called party joins {@code running}: tells them its notice and, when it did not play to the end, stops it.
     *
     * @return the outcome for the called party's channel: {@code recording}/{@code already-recorded} when they heard
     *         the notice to the end; {@code not-recorded}/{@code called-party-not-told} when they did not and the
     *         recording was stopped; {@code recording}/{@code called-party-not-told} when it could not be stopped
     * @throws CallGoneException when the called party hung up (or the AGI session failed) during the notice: they
     *                           are not put through, and without an outcome the shipped dialplan refuses the bridge
     */
    NoticeThenRecord.Outcome join(Recording running, CallAttributes call, CallControl control) throws CallGoneException {
        Optional<Heard> heard = tell(running, call, control);
        if (heard.isPresent()) {
            Heard h = heard.get();
            parties.add(new RecordedParty(running.id(), call.channel(), RecordedParty.Role.ANSWERED, h.started(), h.text(), true));
            LOG.info("call {} is already recorded as {}: the called party on {} heard its notice to the end", call.linkedId(),
                    running.id(), call.channel());
            return new NoticeThenRecord.Outcome("recording", running.id(), RecordingReason.ALREADY_RECORDED);
        }
        boolean stopped = stopper.stop(running, "called-party", TransferStop.CALLED_PARTY_NOT_TOLD, Map.of(
                "why", "the called party did not hear the notice to the end", "calledParty", call.channel()));
        if (stopped) {
            LOG.warn("call {}: the called party on {} did not hear the notice of recording {} to the end; the recording was"
                    + " stopped before the bridge", call.linkedId(), call.channel(), running.id());
            return NoticeThenRecord.Outcome.notRecorded(RecordingReason.CALLED_PARTY_NOT_TOLD);
        }
        LOG.warn("call {}: the called party on {} did not hear the notice of recording {} to the end, and the recording could"
                + " not be stopped (see above); RECORDING_STATUS=recording RECORDING_REASON={} tells the dialplan not to put"
                + " them through (deploy/asterisk/extensions_recording_gateway_outbound.conf)", call.linkedId(), call.channel(),
                running.id(), RecordingReason.CALLED_PARTY_NOT_TOLD);
        return new NoticeThenRecord.Outcome("recording", running.id(), RecordingReason.CALLED_PARTY_NOT_TOLD);
    }

    /** What the called party heard to the end: the prompt as evidence names it ({@code id vN lang}) and when it began. */
    record Heard(String text, Instant started) { }

    /**
     * Plays {@code running}'s notice to the called party, in the language of their channel when the prompt has
     * it, else in the one the caller heard.
     *
     * @return what they heard when it played to the end; empty when it did not (no prompt, not playable, cut short)
     * @throws CallGoneException when the called party hung up during it (audited as not to the end)
     */
    Optional<Heard> tell(Recording running, CallAttributes call, CallControl control) throws CallGoneException {
        NoticeEvidence heard = running.notice();
        Set<String> languages = heard == null ? Set.of() : prompts.languagesOf(heard.promptId());
        Optional<NoticePrompt> prompt = Languages.match(call.language(), languages)
                .or(() -> Optional.ofNullable(heard).map(NoticeEvidence::language))
                .flatMap(l -> prompts.find(heard.promptId(), l));
        if (prompt.isEmpty()) {
            note(running, call, null, clock.instant(), false, 0);
            return Optional.empty();
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
        boolean toEnd = playback.reachedEnd(p.durationSamples());
        metrics.notice(toEnd);
        note(running, call, p, started, toEnd, playback.endPosition());
        return toEnd ? Optional.of(new Heard(p.id() + " v" + p.version() + " " + p.language(), started)) : Optional.empty();
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
