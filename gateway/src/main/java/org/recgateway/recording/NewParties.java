package org.recgateway.recording;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.recgateway.policy.NewPartyRule;
import org.recgateway.policy.Purpose;
import org.recgateway.prompts.PromptLibrary;
import org.recgateway.metrics.GatewayMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everyone a recording holds was told (PRODUCT.md: "a party who joins by transfer"): follows the parties of each
 * recorded call through Asterisk's bridges. The first bridge of a recorded channel adds the caller and the party
 * the call was put through to; a later party in a bridge with the recorded channel (blind or attended transfer,
 * conference join) is new. Either way the recording stops for the new party (by its MixMonitor id, filed as it
 * was, end reason {@code transferred}) before or as that party is bridged. With {@link NewPartyRule#NOTICE} the
 * call's notice then plays into the bridge, and only when it played to the end with the new party there does a
 * continuation recording start (same call, purposes and retention; a new file), whose parties are the caller
 * and the new party with the notice each heard ({@link NewPartyNotice}). Every party lands in {@link RecordedParties}.
 * This class decides who is new and stops; NewPartyNotice tells and records on.
 *
 * <p>Why a continuation and not a pause: a MixMonitor muted over AMI while a prompt reaches the bridge stopped
 * receiving audio for the rest of the call on Asterisk 22.10 (TransferNoticeIT saw it), whereas a MixMonitor
 * started after such a prompt records normally (the diagnostic notice works that way).
 */
public final class NewParties {
    private static final Logger LOG = LoggerFactory.getLogger(NewParties.class);

    /** A channel in a bridge, as Asterisk's BridgeEnter event named it. */
    public record Member(String uniqueId, String linkedId, String channel) { }

    private final RecordingStore store;
    private final RecordedParties parties;
    private final TransferStop stop;
    private final NewPartyNotice told;
    private final NewPartyRule rule;
    private final Clock clock;
    /** Striped locks: one call's bridge changes are handled one at a time, in a bounded set of monitors. */
    private final Object[] locks = new Object[64];
    /** Recorded channels (by uniqueid) stopped for a new party, waiting for that party's notice. */
    private final Map<String, Recording> awaiting = new ConcurrentHashMap<>();
    /** Shared with the other gateways watching the same calls: one of them handles each recording's bridge change. */
    private final WorkClaims claims;
    private final RecordingFiler filer;
    /** The work name of a bridge change's claim on a recording (issue #17: one stop, one notice). */
    static final String NEW_PARTY = "new-party";

    public NewParties(RecordingStore store, RecordedParties parties, TransferStop stop, Recorder recorder, PartyNotice notice,
                      PromptLibrary prompts, RecordingFiles files, RecordingFiler filer, GatewayMetrics metrics,
                      NewPartyRule rule, Duration noticeTimeout, Clock clock) {
        this.store = store;
        this.parties = parties;
        this.stop = stop;
        this.told = new NewPartyNotice(store, parties, recorder, notice, prompts, files,
                new RecordingStart(store, files, filer, metrics), noticeTimeout, clock);
        this.claims = filer.claims();
        this.filer = filer;
        this.rule = rule;
        this.clock = clock;
        for (int i = 0; i < locks.length; i++) {
            locks[i] = new Object();
        }
    }

    /**
     * A blind or attended transfer of the call with this linkedid on the Asterisk server {@code server}
     * ({@link AsteriskServers#ANY}: whichever) succeeded: a party who heard no notice is about to
     * be (or was just) bridged to the recorded channel. Stops the call's recordings; with the notice rule the recorded
     * channel then waits for its next bridge.
     *
     * @param how {@code blind} or {@code attended}, for the audit trail
     */
    public void transferred(String server, String linkedId, String how) {
        for (RecordingStore.Summary s : running(server, linkedId)) {
            synchronized (lock(s.uniqueId())) {
                whole(s).ifPresent(r -> claimed(r, () -> stopFor(r, how, "the party the call went to heard no notice")));
            }
        }
    }

    /**
     * The channels of one bridge on the Asterisk server {@code server} ({@link AsteriskServers#ANY}: whichever) after a
     * channel entered it (the gateway's own notice channels left out). For each
     * recorded channel among them: the first bridge names the parties; a later one with a party not yet told stops the
     * recording; a recorded channel waiting for a new party's notice gets it and, when it played, a continuation.
     */
    public void bridged(String server, List<Member> members) {
        for (Member m : members) {
            List<Member> others = members.stream().filter(o -> !o.uniqueId().equals(m.uniqueId())).toList();
            if (others.isEmpty()) {
                continue;
            }
            synchronized (lock(m.uniqueId())) {
                Recording waiting = awaiting.remove(m.uniqueId());
                if (waiting != null) {
                    told.tell(waiting, others);
                    continue;
                }
                for (RecordingStore.Summary s : running(server, m.linkedId())) {
                    if (m.uniqueId().equals(s.uniqueId())) {
                        whole(s).ifPresent(r -> claimed(r, () -> bridged(r, others)));
                    }
                }
            }
        }
    }

    private void bridged(Recording r, List<Member> others) {
        if (ending(r)) {
            return;
        }
        List<RecordedParty> known = parties.of(r.id());
        Set<String> channels = new HashSet<>();
        known.forEach(p -> channels.add(p.channel()));
        if (known.stream().noneMatch(p -> p.role() == RecordedParty.Role.CALLER)) {
            // The call's first bridge: the caller heard the call's notice before MixMonitor started; the answering
            // party was told by the agent tone (AgentNotice adds that row) or by nothing the gateway played.
            parties.add(RecordedParty.callerOf(r));
            for (Member o : others) {
                if (!channels.contains(o.channel())) {
                    parties.add(new RecordedParty(r.id(), o.channel(), RecordedParty.Role.ANSWERED, clock.instant(), "", false));
                }
            }
            return;
        }
        List<String> newcomers = others.stream().map(Member::channel).filter(c -> !channels.contains(c)).toList();
        if (newcomers.isEmpty()) {
            return;
        }
        if (stopFor(r, "joined", "the party who joined (" + String.join(" ", newcomers) + ") heard no notice")) {
            // Joined without a transfer event (a conference): the new party is in the bridge already.
            Recording waiting = awaiting.remove(r.uniqueId());
            if (waiting != null) {
                told.tell(waiting, others);
            }
        }
    }

    /**
     * Runs one bridge change of {@code r} when this gateway claims it; every gateway watching the call sees the same
     * event, and the one that wins decides from the store (already ending, parties already named), so the recording
     * is stopped once and the new party told once. A gateway that loses skips: the holder handles this very event.
     */
    private void claimed(Recording r, Runnable work) {
        try {
            if (!claims.claim(NEW_PARTY, r.id(), RecordingFiler.HANDLING)) {
                LOG.debug("recording {}: another gateway handles this bridge change", r.id());
                return;
            }
        } catch (RuntimeException e) {
            LOG.warn("recording {}: could not claim the bridge change ({}); another gateway watching the call may handle it",
                    r.id(), e.toString());
            return;
        }
        try {
            work.run();
        } finally {
            claims.release(NEW_PARTY, r.id());
        }
    }

    /** Stops the recording for a new party; with the notice rule the channel then awaits the party's notice. */
    private boolean stopFor(Recording r, String how, String why) {
        if (ending(r) || !stop.stop(r, how, Map.of("why", why, "newParty", rule.id()))) {
            return false;
        }
        if (rule == NewPartyRule.NOTICE && r.purpose() != Purpose.PROVIDER_DIAGNOSTICS
                && r.purposes().stream().anyMatch(RecordedPurpose::live)) {
            awaiting.put(r.uniqueId(), r);
        }
        return true;
    }

    /**
     * Whether a channel in a bridge can be a person: not ConfBridge's announcer ({@code CBAnn/...}, in every ConfBridge
     * room's bridge on Asterisk 22, quiet or not) nor its recorder ({@code CBRec/...}). Only persons are parties.
     */
    public static boolean person(String channel) {
        return !channel.startsWith("CBAnn/") && !channel.startsWith("CBRec/");
    }

    /** Already stopped (or otherwise ending): filed when Asterisk reports the MixMonitor stopped. */
    private boolean ending(Recording r) {
        return store.callFacts(r.id()).map(RecordingStore.CallFacts::endReason).filter(e -> !e.isBlank()).isPresent();
    }

    /**
     * The call's active recordings on {@code server}, read narrowly (issue 13: every member of a bridge asks, and the
     * other party's channel records nothing); {@link #whole} reads the one a bridge change concerns.
     */
    private List<RecordingStore.Summary> running(String server, String linkedId) {
        if (linkedId == null || linkedId.isBlank()) {
            return List.of();
        }
        List<RecordingStore.Summary> found = new ArrayList<>();
        for (RecordingStore.Summary s : store.summariesOfCall(linkedId)) {
            if (s.status() == RecordingStatus.ACTIVE && filer.serves(s, server)) {
                found.add(s);
            }
        }
        return found;
    }

    /** The recording {@code s} summarises, read whole (its notice, purposes and parties are needed); rows are never deleted. */
    private Optional<Recording> whole(RecordingStore.Summary s) {
        return store.byId(s.id());
    }

    private Object lock(String uniqueId) {
        return locks[Math.floorMod(uniqueId.hashCode(), locks.length)];
    }
}
