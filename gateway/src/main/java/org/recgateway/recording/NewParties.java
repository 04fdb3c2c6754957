package org.recgateway.recording;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import org.recgateway.audit.Actors;
import org.recgateway.audit.AuditAction;
import org.recgateway.policy.NewPartyRule;
import org.recgateway.policy.Purpose;
import org.recgateway.prompts.NoticePrompt;
import org.recgateway.prompts.PromptLibrary;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everyone a recording holds was told (PRODUCT.md: "a party who joins by transfer"): follows the parties of each
 * recorded call through Asterisk's bridges. The first bridge of a recorded channel adds the caller and the party
 * the call was put through to; any later channel in a bridge with the recorded channel (blind or attended transfer,
 * conference join) is a new party, and {@link NewPartyRule} decides: stop the recording, or pause it (MixMonitor
 * muted), play the call's notice into the bridge and go on only when it played to the end with the new party there.
 * Every party lands in {@link RecordedParties} with the notice it heard. A transfer event pauses the recording
 * at once (notice) or stops it (stop), before the new party is bridged.
 */
public final class NewParties {
    private static final Logger LOG = LoggerFactory.getLogger(NewParties.class);

    /** A channel in a bridge, as Asterisk's BridgeEnter event named it. */
    public record Member(String uniqueId, String linkedId, String channel) { }

    private final RecordingStore store;
    private final RecordedParties parties;
    private final TransferStop stop;
    private final Recorder recorder;
    private final PartyNotice notice;
    private final PromptLibrary prompts;
    private final AuditNotes audit;
    private final NewPartyRule rule;
    private final Duration noticeTimeout;
    private final Clock clock;
    /** Striped locks: one recording's bridge changes are handled one at a time, in a bounded set of monitors. */
    private final Object[] locks = new Object[64];
    /** Recordings whose MixMonitor this gateway muted until a new party is told. */
    private final Set<String> paused = ConcurrentHashMap.newKeySet();

    public NewParties(RecordingStore store, RecordedParties parties, TransferStop stop, Recorder recorder, PartyNotice notice,
                      PromptLibrary prompts, AuditNotes audit, NewPartyRule rule, Duration noticeTimeout, Clock clock) {
        this.store = store;
        this.parties = parties;
        this.stop = stop;
        this.recorder = recorder;
        this.notice = notice;
        this.prompts = prompts;
        this.audit = audit;
        this.rule = rule;
        this.noticeTimeout = noticeTimeout;
        this.clock = clock;
        for (int i = 0; i < locks.length; i++) {
            locks[i] = new Object();
        }
    }

    /**
     * A blind or attended transfer of the call with this linkedid succeeded: a party who heard no notice is about to
     * be (or just was) bridged to the recorded channel. Stops its recordings, or pauses them until the bridge.
     *
     * @param how {@code blind} or {@code attended}, for the audit trail
     */
    public void transferred(String linkedId, String how) {
        if (rule == NewPartyRule.STOP_RECORDING) {
            stop.transferred(linkedId, how);
            return;
        }
        for (Recording r : running(linkedId)) {
            synchronized (lock(r.id())) {
                if (r.purpose() == Purpose.PROVIDER_DIAGNOSTICS) {
                    stop.stop(r, how, Map.of("why", "a diagnostic recording is for the parties it was switched on for"));
                } else if (!ending(r)) {
                    pause(r, how);
                }
            }
        }
    }

    /**
     * The channels of one bridge after a channel entered it (the gateway's own notice channels left out). For each
     * recorded channel among them: the first bridge names the parties; a later one with a party not yet told
     * is handled by the rule; a bridge of known parties only ends a pause (a transfer given up).
     */
    public void bridged(List<Member> members) {
        for (Member m : members) {
            for (Recording r : running(m.linkedId())) {
                if (!m.uniqueId().equals(r.uniqueId())) {
                    continue;
                }
                List<Member> others = members.stream().filter(o -> !o.uniqueId().equals(m.uniqueId())).toList();
                synchronized (lock(r.id())) {
                    bridged(r, others);
                }
            }
        }
    }

    private void bridged(Recording r, List<Member> others) {
        if (others.isEmpty() || ending(r)) {
            return;
        }
        List<RecordedParty> known = parties.of(r.id());
        Set<String> channels = known.stream().map(RecordedParty::channel).collect(Collectors.toCollection(java.util.HashSet::new));
        boolean first = known.stream().noneMatch(p -> p.role() == RecordedParty.Role.CALLER);
        if (first) {
            // The caller heard the call's notice before MixMonitor started.
            NoticeEvidence n = r.notice();
            parties.add(new RecordedParty(r.id(), r.channel(), RecordedParty.Role.CALLER, r.started(),
                    n == null ? "" : n.promptId() + " v" + n.textVersion() + " " + n.language(), n != null && n.playedToEnd()));
            channels.add(r.channel());
        }
        if (first && !paused.contains(r.id()) && r.purpose() != Purpose.PROVIDER_DIAGNOSTICS) {
            // The call's first bridge: the answering party was told by the agent tone (AgentNotice adds that row)
            // or, where none is configured, by nothing the gateway played; the evidence says which.
            for (Member o : others) {
                if (!channels.contains(o.channel())) {
                    parties.add(new RecordedParty(r.id(), o.channel(), RecordedParty.Role.ANSWERED, clock.instant(), "", false));
                }
            }
            return;
        }
        List<String> newcomers = others.stream().map(Member::channel).filter(c -> !channels.contains(c)).toList();
        if (newcomers.isEmpty()) {
            resume(r, "the parties in the bridge were all told");
            return;
        }
        if (rule == NewPartyRule.STOP_RECORDING || r.purpose() == Purpose.PROVIDER_DIAGNOSTICS) {
            // A diagnostic recording's notice was for the parties the agent switched it on for: it always stops.
            paused.remove(r.id());
            stop.stop(r, "joined", Map.of("joined", String.join(" ", newcomers), "why", "the party who joined heard no notice"));
            return;
        }
        tell(r, newcomers, channels);
    }

    /** Already stopped for a transfer (or otherwise ending): filed when Asterisk reports the MixMonitor stopped. */
    private boolean ending(Recording r) {
        return store.callFacts(r.id()).map(RecordingStore.CallFacts::endReason).filter(e -> !e.isBlank()).isPresent();
    }

    private void tell(Recording r, List<String> newcomers, Set<String> known) {
        if (!pause(r, "joined")) {
            stop.stop(r, "joined", Map.of("joined", String.join(" ", newcomers), "why", "the recording could not be paused"));
            return;
        }
        Optional<NoticePrompt> prompt = r.notice() == null ? Optional.empty()
                : prompts.find(r.notice().promptId(), r.notice().language());
        if (prompt.isEmpty()) {
            paused.remove(r.id());
            stop.stop(r, "joined", Map.of("joined", String.join(" ", newcomers), "why", "the call's notice is not in the prompt library"));
            return;
        }
        NoticePrompt p = prompt.get();
        String text = p.id() + " v" + p.version() + " " + p.language();
        java.time.Instant started = clock.instant();
        PartyNotice.Heard heard = notice.play(r.channel(), p.playbackName(), noticeTimeout);
        // A Local channel only connects to the party behind it, who swaps in for it (Local optimization): the party
        // that must have heard is whoever shared the bridge with the prompt and was not told before.
        List<String> missed = newcomers.stream().filter(c -> !heard.heardBy().contains(c) && !c.startsWith("Local/")).toList();
        List<String> told = heard.heardBy().stream().filter(c -> !known.contains(c)).toList();
        if (!heard.playedToEnd() || !missed.isEmpty() || told.isEmpty()) {
            paused.remove(r.id());
            String why = !heard.playedToEnd() ? "the notice to the new party did not play to the end: " + heard.detail()
                    : "the notice played without " + String.join(" ", missed.isEmpty() ? newcomers : missed) + " in the bridge";
            stop.stop(r, "joined", Map.of("joined", String.join(" ", newcomers), "why", why));
            return;
        }
        for (String c : told) {
            parties.add(new RecordedParty(r.id(), c, RecordedParty.Role.JOINED, started, text, true));
            Map<String, String> details = new LinkedHashMap<>();
            details.put("channel", c);
            details.put("prompt", text);
            details.put("audioSha256", p.audioSha256());
            details.put("started", started.toString());
            details.put("ended", clock.instant().toString());
            details.put("heardBy", String.join(" ", heard.heardBy()));
            audit.note(Actors.GATEWAY, AuditAction.NEW_PARTY_TOLD, r.id(), details);
        }
        resume(r, "the new party heard the notice to the end");
    }

    /** Mutes the recording's MixMonitor (once); false when that failed and the recording must stop instead. */
    private boolean pause(Recording r, String how) {
        if (paused.contains(r.id())) {
            return true;
        }
        String id = mixMonitorId(r);
        if (id == null) {
            return false;
        }
        try {
            recorder.mute(r.channel(), id, true);
        } catch (Exception e) {
            LOG.warn("recording {}: a party is joining ({}) and MixMonitor {} could not be muted: {}", r.id(), how, id, e.toString());
            if ("blind".equals(how) || "attended".equals(how)) {
                stop.stop(r, how, Map.of("why", "the recording could not be paused until the new party is told"));
            }
            return false;
        }
        paused.add(r.id());
        audit.note(Actors.GATEWAY, AuditAction.RECORDING_PAUSED_FOR_NEW_PARTY, r.id(), Map.of("transfer", how,
                "channel", r.channel(), "at", clock.instant().toString()));
        return true;
    }

    private void resume(Recording r, String why) {
        if (!paused.contains(r.id())) {
            return;
        }
        try {
            recorder.mute(r.channel(), mixMonitorId(r), false);
            paused.remove(r.id());
            LOG.info("recording {} goes on: {}", r.id(), why);
        } catch (Exception e) {
            LOG.warn("recording {}: MixMonitor could not be unmuted ({}); it stays silent until the call ends", r.id(), e.toString());
        }
    }

    private String mixMonitorId(Recording r) {
        return store.callFacts(r.id()).map(RecordingStore.CallFacts::mixMonitorId).filter(id -> !id.isBlank()).orElse(null);
    }

    private List<Recording> running(String linkedId) {
        if (linkedId == null || linkedId.isBlank()) {
            return List.of();
        }
        List<Recording> found = new ArrayList<>();
        for (Recording r : store.find(RecordingQuery.byLinkedId(linkedId))) {
            if (r.status() == RecordingStatus.ACTIVE) {
                found.add(r);
            }
        }
        return found;
    }

    private Object lock(String recordingId) {
        return locks[Math.floorMod(recordingId.hashCode(), locks.length)];
    }
}
