package org.recgateway.recording;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.random.RandomGenerator;

import org.recgateway.audit.Actors;
import org.recgateway.audit.AuditAction;
import org.recgateway.metrics.GatewayMetrics;
import org.recgateway.policy.CallAttributes;
import org.recgateway.policy.Direction;
import org.recgateway.policy.LegalBasis;
import org.recgateway.policy.Policy;
import org.recgateway.policy.PolicyDecision;
import org.recgateway.policy.Purpose;
import org.recgateway.policy.PurposeTerms;
import org.recgateway.prompts.NoticePrompt;
import org.recgateway.prompts.PromptLibrary;
import org.recgateway.recording.CallControl.CallGoneException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One call's way to a recording: ask the policy, draw the sample, play the notice, offer objection
 * and ask for consent where the legal bases require it, and only then start recording, for the
 * purposes that survived the caller's choices. No notice, no recording (PRODUCT.md rule 1): a caller
 * who hangs up during the notice, or whose notice was cut short, is not recorded at all.
 */
public final class NoticeThenRecord {
    private static final Logger LOG = LoggerFactory.getLogger(NoticeThenRecord.class);

    private final Function<CallAttributes, PolicyDecision> policy;
    private final PromptLibrary prompts;
    private final RecordingStore store;
    private final RecordingFiles files;
    private final RecordingFiler filer;
    private final Clock clock;
    private final GatewayMetrics metrics;
    private final RandomGenerator sampler;
    private final AskTheCaller ask;
    private final StartConditions conditions;
    private final CalledPartyNotice calledParty;
    private final NoticePlayback notices;

    /** A lifecycle that starts a recording whenever the policy and the caller allow it (no store or disk checks). */
    public NoticeThenRecord(Function<CallAttributes, PolicyDecision> policy, PromptLibrary prompts,
                            RecordingStore store, RecordingFiles files, RecordingFiler filer, Clock clock,
                            GatewayMetrics metrics, RandomGenerator sampler) {
        this(policy, prompts, store, files, filer, clock, metrics, sampler, StartConditions.ALWAYS);
    }

    /**
     * Without a recorder outside the AGI session: a called party who joins a recorded call without hearing its notice
     * to the end gets {@code RECORDING_STATUS=recording} with {@link RecordingReason#CALLED_PARTY_NOT_TOLD}, and the
     * shipped dialplan does not put them through.
     *
     * @param conditions asked before the notice of a call the policy records: store writable, recordings disk above its floor
     */
    public NoticeThenRecord(Function<CallAttributes, PolicyDecision> policy, PromptLibrary prompts,
                            RecordingStore store, RecordingFiles files, RecordingFiler filer, Clock clock,
                            GatewayMetrics metrics, RandomGenerator sampler, StartConditions conditions) {
        this(policy, prompts, store, files, filer, clock, metrics, sampler, conditions, Recorder.unavailable(
                "no recorder outside the AGI session is wired, so a running recording cannot be stopped for a called party"));
    }

    /**
     * @param conditions asked before the notice of a call the policy records: store writable, recordings disk above its floor
     * @param recorder   stops a running recording (by its MixMonitor id) before a called party who did not hear its
     *                   notice to the end is bridged into it
     */
    public NoticeThenRecord(Function<CallAttributes, PolicyDecision> policy, PromptLibrary prompts,
                            RecordingStore store, RecordingFiles files, RecordingFiler filer, Clock clock,
                            GatewayMetrics metrics, RandomGenerator sampler, StartConditions conditions, Recorder recorder) {
        this.conditions = conditions;
        this.policy = policy;
        this.prompts = prompts;
        this.store = store;
        this.files = files;
        this.filer = filer;
        this.clock = clock;
        this.metrics = metrics;
        this.sampler = sampler;
        this.ask = new AskTheCaller(prompts, clock);
        this.notices = new NoticePlayback(clock, metrics);
        this.calledParty = new CalledPartyNotice(prompts, filer.audit(), clock, metrics, new TransferStop(store, filer, recorder, metrics),
                store.parties());
    }

    /** What happened to one call. */
    public record Outcome(String status, String recordingId, RecordingReason reason) {
        static Outcome notRecorded(RecordingReason reason) {
            return new Outcome("not-recorded", "", reason);
        }
    }

    /** Runs the lifecycle for one call; a {@link CallGoneException} means the caller left and nothing was recorded. */
    public Outcome handle(CallAttributes call, CallControl control) throws CallGoneException {
        Optional<Recording> running = runningInCall(call, control.asteriskServer());
        if (running.isPresent()) {
            // A second pass (IVR then queue, a transfer back into a recorded context): one call, one notice, one recording.
            Recording r = running.get();
            metrics.decision("already-recorded", r.purpose() == null ? "none" : r.purpose().id());
            if (call.direction() == Direction.OUTBOUND) {
                // A new person joins the recorded call: they hear its notice first, on their own channel, or it stops.
                return report(control, calledParty.join(r, call, control));
            }
            LOG.info("call {} on {} is already recorded as {}: no second notice and no second MixMonitor; "
                    + "its purposes stay those the caller was told of", call.uniqueId(), call.channel(), r.id());
            return report(control, new Outcome("recording", r.id(), RecordingReason.ALREADY_RECORDED));
        }
        long deciding = System.nanoTime();
        PolicyDecision decision = policy.apply(call);
        metrics.policyDecisionTime(System.nanoTime() - deciding);
        if (decision instanceof PolicyDecision.CalledPartyNotTold wrongSide) {
            metrics.decision("outbound-context", "none");
            LOG.warn("not recorded: AGI(record) ran on {} in context {} on the calling side of an outbound call ({}): its"
                    + " notice would reach the agent, not the called party. Remove AGI(record) there and give the Dial the"
                    + " option U(recording-gateway-called-party-notice^${CONTEXT}^${EXTEN})"
                    + " (deploy/asterisk/extensions_recording_gateway_outbound.conf)", call.channel(), wrongSide.context(),
                    wrongSide.ruleName().equals(Policy.AGENT_DEVICE)
                            ? "the channel is an agent's phone, diagnostics.agents" : "outbound rule " + wrongSide.ruleName());
            return report(control, Outcome.notRecorded(RecordingReason.OUTBOUND_CONTEXT));
        }
        if (decision instanceof PolicyDecision.DoNotRecord) {
            metrics.decision("do-not-record", "none");
            return report(control, Outcome.notRecorded(RecordingReason.POLICY));
        }
        PolicyDecision.Record plan = (PolicyDecision.Record) decision;
        Optional<StartConditions.Refusal> refusal = conditions.refusal();
        if (refusal.isPresent()) {
            // Nothing could be kept: no notice for a recording that cannot be made, and the call goes on.
            LOG.warn("call {} on {} is not recorded ({}): {}", call.uniqueId(), call.channel(), refusal.get().reason(), refusal.get().why());
            return report(control, Outcome.notRecorded(refusal.get().reason()));
        }
        // Drawn before the notice, so nothing the caller does can change whether the call is in the sample.
        int draw = sampler.nextInt(100);
        boolean selected = draw < plan.samplePercent();
        metrics.decision(selected ? "record" : "not-sampled", plan.purpose().id());
        NoticePrompt prompt = prompts.find(plan.noticePromptId(), plan.language()).orElse(null);
        if (prompt == null) {
            // Start-up validation rejects such a policy; reaching this is a bug, and the safe answer is no recording.
            return report(control, Outcome.notRecorded(RecordingReason.NOTICE_MISSING));
        }
        String objectionKey = selected ? plan.objection().map(o -> o.key()).orElse("") : "";
        // Read before the notice: during playback Asterisk switches the write format to the file's.
        String nativeFormats = control.nativeFormats();
        NoticePlayback.Heard heard = notices.play(prompt, objectionKey, nativeFormats, control);
        NoticeEvidence notice = heard.evidence();
        boolean objected = !objectionKey.isEmpty() && heard.key().filter(k -> k == objectionKey.charAt(0)).isPresent();
        if (!notice.playedToEnd() && !objected) {
            return report(control, Outcome.notRecorded(RecordingReason.NOTICE_INCOMPLETE));
        }
        if (!selected) {
            return report(control, Outcome.notRecorded(RecordingReason.NOT_SAMPLED));
        }
        AskTheCaller.Answers answers = ask.ask(plan, objected ? heard.ended() : null, nativeFormats, control);
        if (answers.objectedAt() != null) {
            metrics.recording("objected");
            metrics.objection(objected ? "notice" : "offer");
            filer.audit().note(Actors.GATEWAY, AuditAction.OBJECTION, null, Map.of("uniqueId", call.uniqueId(),
                    "linkedId", call.linkedId(), "rule", plan.ruleName(), "during", objected ? "notice" : "offer"));
        }
        for (ConsentEvidence consent : answers.consents()) {
            metrics.consent(consent.given());
            if (!consent.given()) {
                filer.audit().note(Actors.GATEWAY, AuditAction.CONSENT_DECLINED, null, Map.of("uniqueId", call.uniqueId(),
                        "purpose", consent.purpose().id(), "key", consent.keyPressed()));
            }
        }
        if (objected) {
            // The notice was cut short by the objection key: without a whole notice nothing is recorded.
            return report(control, Outcome.notRecorded(RecordingReason.OBJECTION));
        }
        List<PurposeTerms> kept = plan.purposes().stream().filter(t -> allowed(t, answers)).toList();
        if (kept.isEmpty()) {
            return report(control, Outcome.notRecorded(answers.objectedAt() != null ? RecordingReason.OBJECTION : RecordingReason.NO_CONSENT));
        }
        CallerChoices choices = new CallerChoices(plan.samplePercent(), draw, plan.objection().isPresent(),
                answers.objectedAt(), answers.consents());
        return startRecording(call, plan, kept, notice, choices, control);
    }

    /**
     * The gateway's running recording of this call, if any: found by the call's linkedid (every channel
     * of the call shares it) or, when Asterisk gave none, by the channel's uniqueid. A provider
     * diagnostic recording does not count: it is the agent's, and the caller's notice for it was a different one.
     */
    private Optional<Recording> runningInCall(CallAttributes call, String server) {
        // Narrow (issue 13): every call asks, and almost none is running; the one found is then read whole.
        List<RecordingStore.Summary> found = call.linkedId() != null && !call.linkedId().isBlank()
                ? store.summariesOfCall(call.linkedId())
                : call.uniqueId() != null && !call.uniqueId().isBlank() ? store.summariesOfChannel(call.uniqueId()) : List.of();
        return found.stream()
                .filter(r -> r.status() == RecordingStatus.ACTIVE)
                .filter(r -> r.purpose() != Purpose.PROVIDER_DIAGNOSTICS)
                .filter(r -> r.isOn(server))  // two Asterisk servers' linkedids may be equal (issue #17 item 3)
                .findFirst()
                .flatMap(r -> store.byId(r.id()));  // rows are never deleted: found a moment ago, it is there
    }

    /** A purpose survives the caller's choices: consent given where it is the basis, no objection where legitimate interest is. */
    private static boolean allowed(PurposeTerms terms, AskTheCaller.Answers answers) {
        if (terms.basis() == LegalBasis.CONSENT) {
            return answers.consented(terms);
        }
        return terms.basis() != LegalBasis.LEGITIMATE_INTEREST || answers.objectedAt() == null;
    }

    private Outcome startRecording(CallAttributes call, PolicyDecision.Record plan, List<PurposeTerms> kept,
                                   NoticeEvidence notice, CallerChoices choices, CallControl control)
            throws CallGoneException {
        String id = RecordingFiles.newId();
        Instant started = clock.instant();
        List<RecordedPurpose> purposes = kept.stream()
                .map(t -> new RecordedPurpose(t.purpose(), t.basis(), t.retention())).toList();
        Recording recording = Recording.active(id,
                new RecordedCall(call.uniqueId(), call.linkedId(), call.channel(), call.callerId(), call.calledNumber(),
                        control.asteriskServer()),
                new Evidence(plan.ruleName(), notice, choices), PurposeSet.of(purposes),
                files.localPath(id, started).toString(), started);
        RecordingStart start = new RecordingStart(store, files, filer, metrics);
        Optional<String> mixMonitorId;
        try {
            mixMonitorId = start.fileActiveThenStart(recording, control::startRecording);
        } catch (RuntimeException e) {
            Optional<StartConditions.Refusal> now = conditions.refusal();
            if (now.isEmpty()) {
                throw e;
            }
            // e.g. the store filled up during the notice: the row could not be filed, so MixMonitor never started
            LOG.warn("call {} on {} is not recorded ({}): {}", call.uniqueId(), call.channel(), now.get().reason(), e.getMessage());
            return report(control, Outcome.notRecorded(now.get().reason()));
        }
        if (mixMonitorId.isEmpty()) {
            return report(control, Outcome.notRecorded(RecordingReason.RECORDER_FAILED));
        }
        start.audited(recording, "started", Actors.GATEWAY, Map.of("rule", plan.ruleName(),
                "purposes", String.join(" ", purposes.stream().map(p -> p.purpose().id()).toList()),
                "notice", notice.promptId() + " v" + notice.textVersion() + " " + notice.language(),
                "uniqueId", call.uniqueId()));
        for (ConsentEvidence consent : choices.consents()) {
            if (consent.given()) {
                filer.audit().noteLater(Actors.GATEWAY, AuditAction.CONSENT_GIVEN, id, Map.of("purpose", consent.purpose().id(),
                        "key", consent.keyPressed()));
            }
        }
        return report(control, new Outcome("recording", id, RecordingReason.NONE));
    }

    private Outcome report(CallControl control, Outcome outcome) throws CallGoneException {
        metrics.call(outcome.status(), outcome.reason().value());
        control.report(outcome.status(), outcome.recordingId(), outcome.reason());
        return outcome;
    }
}
