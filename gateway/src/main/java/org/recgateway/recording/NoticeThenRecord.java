package org.recgateway.recording;

import java.time.Clock;
import java.time.Instant;
import java.util.function.Function;

import org.recgateway.metrics.GatewayMetrics;
import org.recgateway.policy.CallAttributes;
import org.recgateway.policy.PolicyDecision;
import org.recgateway.prompts.NoticePrompt;
import org.recgateway.prompts.PromptLibrary;
import org.recgateway.recording.CallControl.CallGoneException;
import org.recgateway.recording.CallControl.Playback;

/**
 * One call's way to a recording: ask the policy, play the notice, and only when it played to the
 * end start recording. No notice, no recording (PRODUCT.md rule 1): a caller who hangs up during
 * the notice is not recorded at all.
 */
public final class NoticeThenRecord {
    /** Asterisk reports the end position frame by frame; one 20 ms frame at 8 kHz of slack. */
    static final long END_POSITION_SLACK = 160;

    private final Function<CallAttributes, PolicyDecision> policy;
    private final PromptLibrary prompts;
    private final RecordingStore store;
    private final RecordingFiles files;
    private final RecordingFiler filer;
    private final Clock clock;
    private final GatewayMetrics metrics;

    public NoticeThenRecord(Function<CallAttributes, PolicyDecision> policy, PromptLibrary prompts,
                            RecordingStore store, RecordingFiles files, RecordingFiler filer, Clock clock,
                            GatewayMetrics metrics) {
        this.policy = policy;
        this.prompts = prompts;
        this.store = store;
        this.files = files;
        this.filer = filer;
        this.clock = clock;
        this.metrics = metrics;
    }

    /** What happened to one call. */
    public record Outcome(String status, String recordingId, String reason) {
        static Outcome notRecorded(String reason) {
            return new Outcome("not-recorded", "", reason);
        }
    }

    /** Runs the lifecycle for one call; a {@link CallGoneException} means the caller left and nothing was recorded. */
    public Outcome handle(CallAttributes call, CallControl control) throws CallGoneException {
        PolicyDecision decision = policy.apply(call);
        if (decision instanceof PolicyDecision.DoNotRecord skip) {
            metrics.decision("do-not-record", "none");
            return report(control, Outcome.notRecorded("policy"));
        }
        PolicyDecision.Record plan = (PolicyDecision.Record) decision;
        metrics.decision("record", plan.purpose().id());
        NoticePrompt prompt = prompts.find(plan.noticePromptId(), plan.language()).orElse(null);
        if (prompt == null) {
            // Start-up validation rejects such a policy; reaching this is a bug, and the safe answer is no recording.
            return report(control, Outcome.notRecorded("notice-missing"));
        }
        NoticeEvidence notice = playNotice(prompt, control);
        if (!notice.playedToEnd()) {
            return report(control, Outcome.notRecorded("notice-incomplete"));
        }
        return startRecording(call, plan, notice, control);
    }

    private NoticeEvidence playNotice(NoticePrompt prompt, CallControl control) throws CallGoneException {
        Instant started = clock.instant();
        Playback playback;
        try {
            playback = control.play(prompt.playbackName());
        } catch (CallGoneException gone) {
            metrics.notice(false);
            throw gone;
        }
        Instant ended = clock.instant();
        boolean toEnd = playback.completed() && playback.endPosition() >= prompt.durationSamples() - END_POSITION_SLACK;
        metrics.notice(toEnd);
        return new NoticeEvidence(prompt.id(), prompt.language(), prompt.version(), prompt.textSha256(),
                prompt.audioSha256(), started, ended, toEnd, playback.endPosition(), prompt.durationSamples());
    }

    private Outcome startRecording(CallAttributes call, PolicyDecision.Record plan, NoticeEvidence notice,
                                   CallControl control) throws CallGoneException {
        String id = RecordingFiles.newId();
        Instant started = clock.instant();
        Recording recording = new Recording(id, call.uniqueId(), call.linkedId(), call.channel(), call.callerId(),
                call.calledNumber(), plan.purpose(), plan.basis(), plan.ruleName(), plan.retention().toDays(), notice,
                started, null, null, files.localPath(id, started).toString(), null, null, RecordingStatus.ACTIVE);
        // Filed as active before MixMonitor starts: a crash after this line leaves the file accounted for.
        store.insert(recording);
        boolean started_;
        try {
            started_ = control.startRecording(files.asteriskPath(id, started));
        } catch (CallGoneException gone) {
            filer.file(recording);
            throw gone;
        }
        if (!started_) {
            metrics.recording("start-failed");
            filer.file(recording);
            return report(control, Outcome.notRecorded("recorder-failed"));
        }
        metrics.recording("started");
        return report(control, new Outcome("recording", id, ""));
    }

    private static Outcome report(CallControl control, Outcome outcome) throws CallGoneException {
        control.report(outcome.status(), outcome.recordingId(), outcome.reason());
        return outcome;
    }
}
