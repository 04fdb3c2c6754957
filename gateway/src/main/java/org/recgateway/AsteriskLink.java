package org.recgateway;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.function.Supplier;

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
import org.recgateway.recording.PerServer;
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
 * <p>With several Asterisk servers (issue #17 item 3) every part reaches the server a call is on and no other: the
 * recorder, notice and line-quality probe through their {@code on(server)}, the channel check through
 * {@link #channels()} by the session's server, and the call locator searches every server.
 *
 * @param channels    each server's channels, where a FastAGI session's channel is proven
 * @param notLoggedIn the servers whose AMI is not logged in now, as {@code name at host:port} (every server when AMI is
 *                    disabled)
 */
record AsteriskLink(Recorder recorder, PerServer<AsteriskChannels> channels, BothPartiesNotice bothParties,
                    CallLocator callLocator, LineQualityProbe lineQuality, Supplier<List<String>> notLoggedIn) {

    /** True while every server's AMI connection is logged in (always false when AMI is disabled). */
    BooleanSupplier loggedIn() {
        return () -> notLoggedIn.get().isEmpty();
    }
    private static final Logger LOG = LoggerFactory.getLogger(AsteriskLink.class);

    /** The stand-ins for a gateway without AMI: nothing files recordings, and every AMI-only action is refused with why. */
    static AsteriskLink disabled(Clock clock) {
        LOG.warn("AMI is disabled: recordings stay active until AMI is enabled; nothing files them");
        return new AsteriskLink(
                Recorder.unavailable("AMI is disabled (ami.enabled: false), so the gateway cannot start or stop a recording "
                        + "outside a call's AGI session"),
                PerServer.one(AsteriskChannels.unavailable("AMI is disabled (ami.enabled: false), so the gateway cannot "
                        + "check which channel a FastAGI session runs on; feature codes do nothing")),
                (channel, prompt, timeout) -> new BothPartiesNotice.Result(false, List.of(), clock.instant(), clock.instant(),
                        "AMI is disabled (ami.enabled: false): the notice cannot reach both parties"),
                agent -> {
                    throw new IllegalStateException("AMI is disabled (ami.enabled: false), so the gateway cannot find an agent's call");
                },
                LineQualityProbe.NONE,
                () -> List.of("AMI is disabled (ami.enabled: false)"));
    }

    /**
     * Connects to the AMI of every Asterisk server in {@code ami.servers} in the background (each watcher retries by
     * itself), hands each the transfer handling that files and notices new parties, and schedules each one's
     * reconciliation on {@code reconciling} every {@code recordings.reconcileInterval}. The watchers are added to
     * {@code resources} to be closed at stop. Every part acts on the server a call or recording is on (see the type).
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
            watcher.countEvents(metrics::amiEvent);
            watcher.start();
            Recorder serverRecorder = watcher.recorder();
            PartyNotice partyNotice = (channel, prompt, timeout) -> {
                BothPartiesNotice.Result r = watcher.bothPartiesNotice().play(channel, prompt, timeout);
                return new PartyNotice.Heard(r.playedToEnd(), r.heardBy(), r.detail());
            };
            watcher.newParties(new NewParties(store, store.parties(), new TransferStop(store, filer, serverRecorder, metrics),
                    serverRecorder, partyNotice, prompts, files, filer, metrics, config.transfers().newParty(),
                    config.transfers().noticeTimeout(), clock));
            long every = config.recordings().reconcileInterval().toMillis();
            reconciling.scheduleWithFixedDelay(watcher::reconcile, every, every, TimeUnit.MILLISECONDS);
            watchers.add(watcher);
        }
        // Every in-call feature (feature codes, diagnostics from the API, stop-and-delete, line quality) acts on the
        // server the call is on, through one small per-server lookup of each part.
        Map<String, AmiWatcher> byName = new LinkedHashMap<>();
        for (int i = 0; i < watchers.size(); i++) {
            byName.put(config.ami().servers().get(i).name(), watchers.get(i));
        }
        List<AmiConfig.Server> servers = config.ami().servers();
        return new AsteriskLink(Recorder.perServer(parts(byName, AmiWatcher::recorder)), parts(byName, AmiWatcher::channels),
                BothPartiesNotice.perServer(parts(byName, AmiWatcher::bothPartiesNotice), clock),
                CallLocator.perServer(parts(byName, AmiWatcher::callLocator)),
                LineQualityProbe.perServer(parts(byName, AmiWatcher::lineQuality)),
                () -> {
                    List<String> down = new ArrayList<>();
                    for (int i = 0; i < watchers.size(); i++) {
                        if (!watchers.get(i).loggedIn()) {
                            AmiConfig.Server s = servers.get(i);
                            down.add(s.name() + " at " + s.host() + ":" + s.port());
                        }
                    }
                    return down;
                });
    }

    private static <T> PerServer<T> parts(Map<String, AmiWatcher> watchers, Function<AmiWatcher, T> part) {
        Map<String, T> parts = new LinkedHashMap<>();
        watchers.forEach((name, watcher) -> parts.put(name, part.apply(watcher)));
        return PerServer.of(parts);
    }
}
