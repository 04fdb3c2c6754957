package org.recgateway.recording;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.recgateway.audit.Actors;
import org.recgateway.metrics.GatewayMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Files recordings whose call ended: waits until MixMonitor has closed the file, measures and hashes
 * it, and stores the result. Filing is idempotent: a recording is filed once, whichever signal
 * (hangup, MixMonitor stop, reconciliation after an AMI outage or a crash) arrives first. It turns Asterisk's
 * signals into filings; its bookkeeping lives in small types: {@link AsteriskServers} (which server a recording came
 * from), {@link BridgeWatch} (did the call reach a person), {@link RecordingClaims} (one handler per recording across
 * threads and gateways), {@link EndSignals} (stops requested, hangup times), {@link RecordedChannels} (no store read
 * for calls that record nothing), {@link FiledFile} (hash, seal, store); {@link ChannelSignals} reads hangups and
 * MixMonitor stops, {@link Reconciliation} live-channel lists, {@link UnkeptAudio} deletes what is not kept.
 */
public final class RecordingFiler {
    private static final Logger LOG = LoggerFactory.getLogger(RecordingFiler.class);
    /** End reason of a recording whose call was never bridged to another party. */
    public static final String NEVER_BRIDGED = "never-bridged";
    /** End reason of a recording whose file held no audio. */
    public static final String NO_AUDIO = "no-audio";
    /** How long a claim on a recording (filing or stopping it) holds when its gateway dies before releasing it. */
    public static final Duration HANDLING = Duration.ofMinutes(2);

    private final RecordingStore store;
    private final WholeFile wholeFile;
    private final FiledFile filedFile;
    private final RecordingClaims claims;
    private final AsteriskServers servers = new AsteriskServers();
    private final EndSignals signals = new EndSignals();
    private final BridgeWatch bridges;
    private final AuditNotes audit;
    private final AudioVault vault;
    private final AudioEraser eraser;
    private final RecordedChannels channels = new RecordedChannels();
    private final UnkeptAudio unkept;
    private final ChannelSignals channelSignals;
    private final Reconciliation reconciliation;

    /** A filer that keeps files as MixMonitor wrote them (no encryption at rest). */
    public RecordingFiler(RecordingStore store, Clock clock, GatewayMetrics metrics, Duration settle, AuditNotes audit) {
        this(store, clock, metrics, settle, audit, AudioVault.plaintext());
    }

    /**
     * @param settle how long a file's size must stay the same before it counts as closed
     * @param vault  seals each filed recording (and destroys its key when its audio is erased)
     */
    public RecordingFiler(RecordingStore store, Clock clock, GatewayMetrics metrics, Duration settle, AuditNotes audit,
                          AudioVault vault) {
        this(store, clock, metrics, settle, audit, vault, WorkClaims.local(clock), WorkClaims.local(clock));
    }

    /**
     * A filer among several gateways (issue #17): each recording is filed or stopped by the one gateway that claims it
     * in {@code calls}, and its audio deleted by the one that claims the deletion in {@code deletions}.
     *
     * @param calls     claims for the work every gateway watching the call could do (filing at hangup, stopping)
     * @param deletions claims for deletions, which every process on the database may start (see {@link AudioEraser})
     */
    public RecordingFiler(RecordingStore store, Clock clock, GatewayMetrics metrics, Duration settle, AuditNotes audit,
                          AudioVault vault, WorkClaims calls, WorkClaims deletions) {
        this.claims = new RecordingClaims(calls);
        this.store = store;
        this.wholeFile = new WholeFile(store, clock, settle);
        this.filedFile = new FiledFile(store, clock, metrics, audit, vault, wholeFile);
        this.audit = audit;
        this.vault = vault;
        this.eraser = new AudioEraser(store, vault, metrics, audit, clock, deletions);
        this.bridges = new BridgeWatch(store, servers, channels);
        this.unkept = new UnkeptAudio(store, clock, wholeFile, filedFile, eraser, signals, bridges);
        this.channelSignals = new ChannelSignals(this, store, servers, signals, channels);
        this.reconciliation = new Reconciliation(this, store, servers, channels);
    }

    /** Where filed audio rests. */
    public AudioVault vault() {
        return vault;
    }

    /** The one place that deletes a recording's audio (and destroys its data key). */
    public AudioEraser eraser() {
        return eraser;
    }

    /** The channels and calls that may have an active recording (noted before each insert; no store read per Hangup). */
    public RecordedChannels channels() {
        return channels;
    }

    /** The audit trail the lifecycle writes to. */
    public AuditNotes audit() {
        return audit;
    }

    /**
     * The channel with this uniqueid on {@code server} ({@link AsteriskServers#ANY}: whichever) hung up at {@code at}
     * (null: unknown): files that server's active recordings of it (see {@link ChannelSignals#callEnded}).
     */
    public void callEnded(String server, String uniqueId, Instant at) {
        channelSignals.callEnded(server, uniqueId, at);
    }

    /**
     * A MixMonitor on the channel with this uniqueid of {@code server} ({@link AsteriskServers#ANY}: whichever) stopped:
     * files only a recording the gateway itself stopped ({@link #stopRequested}; {@link ChannelSignals#mixMonitorStopped}).
     */
    public void mixMonitorStopped(String server, String uniqueId) {
        channelSignals.mixMonitorStopped(server, uniqueId);
    }

    /** The gateway is about to stop this recording's MixMonitor (by its id): the next MixMonitorStop on its channel is its own. */
    public void stopRequested(String recordingId) {
        signals.stopRequested(recordingId);
    }

    /** Takes back a stop Asterisk did not carry out: see {@link ChannelSignals#withdrawStop}. */
    boolean withdrawStop(String recordingId) {
        return channelSignals.withdrawStop(recordingId);
    }

    /** Files the active recordings whose channel is gone: after an AMI (re)connect, a restart, and periodically. */
    public Reconciliation reconciliation() {
        return reconciliation;
    }

    /** Names the gateway's first Asterisk server, to which a recording stored without a server (before V15) belongs. */
    public void firstServer(String name) {
        servers.first(name);
    }

    /** Whether {@code server} is the first server ({@link #firstServer}), whose calls came before servers were named. */
    public boolean isFirstServer(String server) {
        return servers.isFirst(server);
    }

    /** True when {@code r} came from {@code server} or that is {@link AsteriskServers#ANY} (uniqueids of two may be equal). */
    public boolean serves(Recording r, String server) {
        return servers.serves(r, server);
    }

    /** As {@link #serves(Recording, String)}, for a recording read narrowly. */
    boolean serves(RecordingStore.Summary r, String server) {
        return servers.serves(r, server);
    }

    /** Takes a recording for exclusive handling (filing or stopping); false when someone else has it (see {@link RecordingClaims}). */
    boolean claim(String recordingId) {
        return claims.take(recordingId);
    }

    /** Gives back a recording taken with {@link #claim}. */
    void release(String recordingId) {
        claims.release(recordingId);
    }

    /** The claims this filer takes for the work every gateway watching a call could do (also for stops and new parties). */
    public WorkClaims claims() {
        return claims.shared();
    }

    /**
     * Files one recording now, unless it is already filed or being filed; its end time is when Asterisk said its call
     * hung up (a Hangup an earlier filing attempt was given), else its file's last write.
     *
     * @return true when this call took it out of the active state; false when someone else holds or held it, it was
     *         not active, or the filing failed (it stays active for the periodic reconciliation)
     */
    public boolean file(Recording recording) {
        return fileAt(recording.id(), recording, null);
    }

    /**
     * As {@link #file(Recording)}, for a recording known by its id (a hangup or a stop read it narrowly, issue 13: its
     * one full read is filing's own, under the claim): stored as filed, incomplete or missing, or its audio deleted when
     * there is none or its call was never bridged.
     *
     * @param hungUpNow when Asterisk said the call ended (its Hangup event), or null: then a time an earlier signal
     *                  gave, else the file's last write
     */
    boolean fileAt(String recordingId, Instant hungUpNow) {
        return fileAt(recordingId, null, hungUpNow);
    }

    /** {@code known}: the recording as the caller read it, filed when the store has no row (null: none known). */
    private boolean fileAt(String recordingId, Recording known, Instant hungUpNow) {
        Instant hungUp = signals.hungUp(recordingId, hungUpNow);
        if (!claim(recordingId)) {
            return false;
        }
        try {
            Recording current = store.byId(recordingId).orElse(known);
            if (current == null || current.status() != RecordingStatus.ACTIVE) {  // null: no row (rows are never deleted)
                signals.ended(recordingId);
                return false;
            }
            signals.stopped(current.id());
            Path path = Path.of(current.filePath());
            long size = wholeFile.settledSize(path);
            Path sealed = AudioVault.sealedPath(path);
            FilingFacts facts = new FilingFacts(store, recordingId);  // bridged or not, and since when: read once
            if (size < 0 && vault.encrypts() && Files.isRegularFile(sealed)) {
                filedFile.recoverSealed(current, sealed);  // sealed before a crash, but not yet stored as filed
            } else if (size < 0) {
                filedFile.missing(current, path);
            } else if (unkept.reason(current, size, facts) instanceof String why) {
                deleteAudio(current, Actors.GATEWAY, why, why.equals(NEVER_BRIDGED)
                        ? "the call never reached a person: nothing is kept of a call that was not bridged"
                        : "the file holds no audio (" + size + " bytes)");
            } else {
                filedFile.keep(current, path, size, hungUp, facts);
            }
            signals.ended(current.id());
            return true;
        } catch (IOException | RuntimeException e) {  // e.g. the store is full or locked: the row stays active
            LOG.warn("could not file recording {} ({}); it stays active and the periodic reconciliation files it once it can, "
                    + "with the end time Asterisk gave or its file shows", recordingId, e.toString());
            return false;
        } finally {
            release(recordingId);
        }
    }

    /**
     * The gateway watches the bridge events of the Asterisk server {@code server} ({@link AsteriskServers#ANY}: every
     * server without a watch of its own) without a gap since {@code since} (AMI logged in). Set by the AMI adapter.
     */
    public void watchingBridgesSince(String server, Instant since) {
        bridges.watching(server, since);
    }

    /** The gateway does not watch the bridge events of the Asterisk server {@code server} (its AMI is down or disabled). */
    public void notWatchingBridges(String server) {
        bridges.notWatching(server);
    }

    /**
     * A channel of the call with this linkedid on the Asterisk server {@code server} ({@link AsteriskServers#ANY}:
     * whichever) entered a bridge with another party: the call reached a person. Marks its active recordings durably,
     * before later events of the call are handled (see {@link BridgeWatch#callBridged}).
     */
    public void callBridged(String server, String linkedId, Instant at) {
        bridges.callBridged(server, linkedId, at);
    }

    /** Deletes a recording's audio, keeping why: see {@link UnkeptAudio#delete}; the caller holds its claim ({@link #claim}). */
    AudioEraser.Result deleteAudio(Recording r, String actor, String endReason, String why) throws IOException {
        return unkept.delete(r, actor, endReason, why);
    }
}
