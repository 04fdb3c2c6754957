package org.recgateway.recording;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.recgateway.audit.Actors;
import org.recgateway.audit.AuditAction;
import org.recgateway.policy.Languages;
import org.recgateway.policy.Purpose;
import org.recgateway.prompts.NoticePrompt;
import org.recgateway.prompts.PromptLibrary;
import org.recgateway.recording.CallControl.CallGoneException;

/**
 * Tells the answering agent that the call they are about to join is recorded (PRODUCT.md rule 7:
 * employees know the moment recording starts). Runs on the agent's own channel after they answered
 * and before the bridge (the {@code Dial} option {@code U()} of {@code deploy/asterisk/}), so only the
 * agent hears it: the prompt {@code confirmation-recording-started}. The audit trail keeps, for the
 * recording, which channel heard which prompt version and whether it played to the end.
 */
public final class AgentNotice {
    /** The prompt the agent hears. */
    public static final String PROMPT = "confirmation-recording-started";

    private final RecordingStore store;
    private final PromptLibrary prompts;
    private final AuditNotes audit;
    private final Clock clock;
    private final RecordedParties parties;

    /** Without the parties list (tests of the prompt alone). */
    public AgentNotice(RecordingStore store, PromptLibrary prompts, AuditNotes audit, Clock clock) {
        this(store, prompts, audit, clock, null);
    }

    /** Also adds the agent to the recording's parties with the confirmation they heard ({@code parties} may be null). */
    public AgentNotice(RecordingStore store, PromptLibrary prompts, AuditNotes audit, Clock clock, RecordedParties parties) {
        this.store = store;
        this.prompts = prompts;
        this.audit = audit;
        this.clock = clock;
        this.parties = parties;
    }

    /**
     * What happened: {@code played} (to the end), {@code incomplete} (cut short), {@code not-recorded}
     * (the call has no running recording, nothing played) or {@code no-prompt}.
     */
    public record Outcome(String status, String recordingId) { }

    /**
     * Plays the confirmation to the agent's channel when the call (by linkedid) is recorded.
     *
     * @param linkedId      the call's Asterisk linkedid, shared by the caller's and the agent's channels
     * @param agentChannel  the agent's channel name, as Asterisk gave it
     * @param agentLanguage the agent channel's language; matched to the prompt's languages, else the
     *                      language the caller's notice played in, else the first the prompt has
     */
    public Outcome tell(String linkedId, String agentChannel, String agentLanguage, CallControl agent) throws CallGoneException {
        // Narrow (issue 13): the call's recordings by id, status, purpose and server; the one found is then read whole.
        Optional<Recording> running = linkedId == null || linkedId.isBlank() ? Optional.empty()
                : store.summariesOfCall(linkedId).stream()
                .filter(r -> r.status() == RecordingStatus.ACTIVE && r.purpose() != Purpose.PROVIDER_DIAGNOSTICS)
                .filter(r -> r.isOn(agent.asteriskServer()))
                .findFirst()
                .flatMap(r -> store.byId(r.id()));
        if (running.isEmpty()) {
            return new Outcome("not-recorded", "");
        }
        Recording r = running.get();
        Set<String> languages = prompts.languagesOf(PROMPT);
        Optional<String> language = Languages.match(agentLanguage, languages)
                .or(() -> r.notice() == null ? Optional.empty() : Languages.match(r.notice().language(), languages))
                .or(() -> languages.stream().findFirst());
        Optional<NoticePrompt> prompt = language.flatMap(l -> prompts.find(PROMPT, l));
        if (prompt.isEmpty()) {
            return new Outcome("no-prompt", r.id());
        }
        NoticePrompt p = prompt.get();
        Instant started = clock.instant();
        CallControl.Playback playback;
        try {
            playback = agent.play(p.playbackName(), "");
        } catch (CallGoneException gone) {
            audit.note(Actors.GATEWAY, AuditAction.AGENT_TOLD, r.id(), Map.of("channel", agentChannel,
                    "prompt", p.id() + " v" + p.version() + " " + p.language(), "audioSha256", p.audioSha256(),
                    "started", started.toString(), "playedToEnd", "false", "endPosition", "0"));
            throw gone;
        }
        boolean toEnd = playback.reachedEnd(p.durationSamples());
        Map<String, String> details = new LinkedHashMap<>();
        details.put("channel", agentChannel);
        details.put("prompt", p.id() + " v" + p.version() + " " + p.language());
        details.put("audioSha256", p.audioSha256());
        details.put("started", started.toString());
        details.put("playedToEnd", Boolean.toString(toEnd));
        details.put("endPosition", Long.toString(playback.endPosition()));
        audit.note(Actors.GATEWAY, AuditAction.AGENT_TOLD, r.id(), details);
        if (parties != null) {
            parties.add(new RecordedParty(r.id(), agentChannel, RecordedParty.Role.ANSWERED, started, details.get("prompt"), toEnd));
        }
        return new Outcome(toEnd ? "played" : "incomplete", r.id());
    }
}
