package org.recgateway;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import org.recgateway.ami.AmiWatcher;
import org.recgateway.config.AmiConfig;
import org.recgateway.config.GatewayConfig;
import org.recgateway.diagnostics.BothPartiesNotice;
import org.recgateway.diagnostics.CallLocator;
import org.recgateway.diagnostics.LineQualityProbe;
import org.recgateway.metrics.GatewayMetrics;
import org.recgateway.prompts.PromptLibrary;
import org.recgateway.recording.AsteriskChannels;
import org.recgateway.recording.NewParties;
import org.recgateway.recording.PartyNotice;
import org.recgateway.recording.Recorder;
import org.recgateway.recording.RecordingFiler;
import org.recgateway.recording.RecordingFiles;
import org.recgateway.recording.RecordingStore;
import org.recgateway.recording.TransferStop;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the gateway reaches Asterisk through besides a call's own FastAGI session: the AMI watcher's parts
 * (start and stop recordings, find channels and calls, play a notice to both parties, sample line quality), or,
 * with {@code ami.enabled: false}, stand-ins whose every answer says AMI is disabled.
 *
 * @param loggedIn true while every server's AMI connection is logged in (always false when AMI is disabled)
 */
record AsteriskLink(Recorder recorder, AsteriskChannels channels, BothPartiesNotice bothParties, CallLocator callLocator,
                    LineQualityProbe lineQuality, BooleanSupplier loggedIn) {
    private static final Logger LOG = LoggerFactory.getLogger(AsteriskLink.class);

    /** The stand-ins for a gateway without AMI: nothing files recordings, and every AMI-only action is refused with why. */
    static AsteriskLink disabled(Clock clock) {
        LOG.warn("AMI is disabled: recordings stay active until AMI is enabled; nothing files them");
        return new AsteriskLink(
                Recorder.unavailable("AMI is disabled (ami.enabled: false), so the gateway cannot start or stop a recording "
                        + "outside a call's AGI session"),
                AsteriskChannels.unavailable("AMI is disabled (ami.enabled: false), so the gateway cannot "
                        + "check which channel a FastAGI session runs on; feature codes do nothing"),
                (channel, prompt, timeout) -> new BothPartiesNotice.Result(false, List.of(), clock.instant(), clock.instant(),
                        "AMI is disabled (ami.enabled: false): the notice cannot reach both parties"),
                agent -> {
                    throw new IllegalStateException("AMI is disabled (ami.enabled: false), so the gateway cannot find an agent's call");
                },
                LineQualityProbe.NONE,
                () -> false);
    }

    /**
     * Connects to the AMI of every Asterisk server in {@code ami.servers} in the background (each watcher retries by
     * itself), hands each the transfer handling that files and notices new parties, and schedules each one's
     * reconciliation on {@code reconciling} every {@code recordings.reconcileInterval}. The watchers are added to
     * {@code resources} to be closed at stop. A recording is stopped by whichever server has it; the in-call features
     * act over the first server's AMI.
     */
    static AsteriskLink connect(GatewayConfig config, RecordingStore store, RecordingFiler filer, RecordingFiles files,
                                PromptLibrary prompts, GatewayMetrics metrics, Clock clock, ScheduledExecutorService reconciling,
                                List<AutoCloseable> resources) {
        // One AMI connection per Asterisk server (issue #17 item 3); each one's events touch only its recordings.
        List<AmiWatcher> watchers = new ArrayList<>();
        for (AmiConfig.Server server : config.ami().servers()) {
            AmiWatcher watcher = new AmiWatcher(server.name(), server.host(), server.port(), server.username(),
                    server.password(), config.ami().pingInterval(), Duration.ofSeconds(5), filer);
            resources.add(watcher);
            watcher.start();
            Recorder serverRecorder = watcher.recorder();
            PartyNotice partyNotice = (channel, prompt, timeout) -> {
                BothPartiesNotice.Result r = watcher.bothPartiesNotice().play(channel, prompt, timeout);
                return new PartyNotice.Heard(r.playedToEnd(), r.heardBy(), r.detail());
            };
            watcher.newParties(new NewParties(store, store.parties(), new TransferStop(store, filer, serverRecorder),
                    serverRecorder, partyNotice, prompts, files, filer, metrics, config.transfers().newParty(),
                    config.transfers().noticeTimeout(), clock));
            long every = config.recordings().reconcileInterval().toMillis();
            reconciling.scheduleWithFixedDelay(watcher::reconcile, every, every, TimeUnit.MILLISECONDS);
            watchers.add(watcher);
        }
        // The in-call features (feature codes, diagnostics from the API, stop-and-delete) act over the first server's AMI.
        AmiWatcher ami = watchers.getFirst();
        Recorder recorder = Recorder.anyOf(watchers.stream().map(AmiWatcher::recorder).toList());
        return new AsteriskLink(recorder, ami.channels(), ami.bothPartiesNotice(), ami.callLocator(), ami.lineQuality(),
                () -> watchers.stream().allMatch(AmiWatcher::loggedIn));
    }
}
