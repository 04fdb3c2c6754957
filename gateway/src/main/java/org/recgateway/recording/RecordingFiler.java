package org.recgateway.recording;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;

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
 * for calls that record nothing) and {@link FiledFile} (hash, seal, store).
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
    private final Clock clock;
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
        this.clock = clock;
        this.wholeFile = new WholeFile(store, clock, settle);
        this.filedFile = new FiledFile(store, clock, metrics, audit, vault, wholeFile);
        this.audit = audit;
        this.vault = vault;
        this.eraser = new AudioEraser(store, vault, metrics, audit, clock, deletions);
        this.bridges = new BridgeWatch(store, servers, channels);
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
     * The channel with this uniqueid on the Asterisk server {@code server} ({@link AsteriskServers#ANY}: whichever) hung
     * up at {@code at} (Asterisk's Hangup event; null when unknown): files that server's active recordings of the
     * channel with that end time. A file that stopped growing before the call ended (a full disk) is then measured
     * against the whole call, not against its own last write. Two servers' uniqueids may be equal; a recording of
     * another server is left alone.
     */
    public void callEnded(String server, String uniqueId, Instant at) {
        // Called for every hangup on the PBX: no store read for a channel that records nothing (RecordedChannels),
        // else an indexed lookup of this channel, not a scan of all active recordings.
        if (!channels.mayRecord(uniqueId)) {
            return;
        }
        boolean anotherServers = false;
        for (Recording r : store.find(RecordingQuery.byUniqueId(uniqueId))) {
            if (r.status() == RecordingStatus.ACTIVE && servers.serves(r, server)) {
                fileAt(r, at);
            } else if (r.status() == RecordingStatus.ACTIVE) {
                anotherServers = true;  // the same uniqueid on another server: its own hangup is still to come
            }
        }
        if (!anotherServers) {
            channels.hungUp(uniqueId);  // a filing that failed is retried by the reconciliation, which reads the store
        }
    }

    /**
     * Asterisk reported that a MixMonitor on the channel with this uniqueid of the server {@code server}
     * ({@link AsteriskServers#ANY}: whichever) stopped. The event does not say which MixMonitor (ASTERISK-FACTS: it
     * carries only the channel), so it files only the recordings whose MixMonitor the gateway itself stopped
     * ({@link #stopRequested}); a running recording of the gateway is never filed because some other MixMonitor on its
     * channel stopped: it is filed when its call ends.
     */
    public void mixMonitorStopped(String server, String uniqueId) {
        if (!signals.anyStopRequested() || !channels.mayRecord(uniqueId)) {
            return;  // the gateway stopped no MixMonitor: nothing to file, and no store read for every call's stop
        }
        for (Recording r : store.find(RecordingQuery.byUniqueId(uniqueId))) {
            if (r.status() != RecordingStatus.ACTIVE || !servers.serves(r, server)) {
                continue;
            }
            if (signals.stopped(r.id())) {
                file(r);
            } else {
                LOG.debug("a MixMonitor stopped on {} that the gateway did not stop; recording {} runs on and is filed when the call ends",
                        r.channel(), r.id());
            }
        }
    }

    /** The gateway is about to stop this recording's MixMonitor (by its id): the next MixMonitorStop on its channel is its own. */
    public void stopRequested(String recordingId) {
        signals.stopRequested(recordingId);
    }

    /**
     * Takes back a stop the gateway requested ({@link #stopRequested}) that Asterisk did not carry out, with the end reason
     * stored for it, while the recording is still active: its next MixMonitorStop is not the gateway's own, and it is
     * filed when its call ends. Under the recording's claim, so that a filing under way (the stop did happen after all)
     * is not undone.
     *
     * @return true when taken back; false when the recording is being or was filed (its stop went through)
     */
    boolean withdrawStop(String recordingId) {
        if (!claim(recordingId)) {
            return false;
        }
        try {
            if (store.byId(recordingId).map(Recording::status).orElse(null) != RecordingStatus.ACTIVE) {
                return false;
            }
            signals.stopped(recordingId);
            store.endReason(recordingId, null);
            return true;
        } finally {
            release(recordingId);
        }
    }

    /**
     * After a (re)connect, a restart, and periodically: files every active recording of the Asterisk server
     * {@code server} ({@link AsteriskServers#ANY}: of every server) whose channel is not among {@code liveUniqueIds},
     * the uniqueids that server reports live; never another server's recordings (whose channels these are not).
     *
     * @return how many recordings this call took out of the active state; one that a concurrent reconciliation or
     *         another gateway filed, or whose filing failed again (the store still full), is not counted
     */
    public int reconcile(String server, Set<String> liveUniqueIds) {
        int filed = 0;
        long mark = channels.mark();
        List<Recording> active = store.active();
        channels.refresh(mark, active);  // recordings another gateway or an earlier run left active are watched too
        for (Recording r : active) {
            if (servers.serves(r, server) && !liveUniqueIds.contains(r.uniqueId()) && file(r)) {
                filed++;
            }
        }
        return filed;
    }

    /**
     * Names the gateway's first Asterisk server: a recording stored without a server (made before several servers were
     * known, schema V15) belongs to it.
     */
    public void firstServer(String name) {
        servers.first(name);
    }

    /**
     * True when {@code r} came from the Asterisk server {@code server}, or {@code server} is {@link AsteriskServers#ANY}.
     * Events are matched by server and uniqueid: two servers' uniqueids may be equal.
     */
    public boolean serves(Recording r, String server) {
        return servers.serves(r, server);
    }

    /** Takes a recording for exclusive handling (filing or stopping); false when someone else has it (see {@link RecordingClaims}). */
    boolean claim(String recordingId) {
        return claims.take(recordingId);
    }

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
        return fileAt(recording, null);
    }

    /**
     * As {@link #file(Recording)}: stored as filed, incomplete or missing, or its audio deleted when there is none or
     * its call was never bridged.
     *
     * @param hungUpNow when Asterisk said the call ended (its Hangup event), or null: then a time an earlier signal
     *                  gave, else the file's last write
     */
    private boolean fileAt(Recording recording, Instant hungUpNow) {
        Instant hungUp = signals.hungUp(recording.id(), hungUpNow);
        if (!claim(recording.id())) {
            return false;
        }
        try {
            Recording current = store.byId(recording.id()).orElse(recording);
            if (current.status() != RecordingStatus.ACTIVE) {
                signals.ended(current.id());
                return false;
            }
            signals.stopped(current.id());
            Path path = Path.of(current.filePath());
            long size = wholeFile.settledSize(path);
            Path sealed = AudioVault.sealedPath(path);
            if (size < 0 && vault.encrypts() && Files.isRegularFile(sealed)) {
                filedFile.recoverSealed(current, sealed);  // sealed before a crash, but not yet stored as filed
            } else if (size < 0) {
                filedFile.missing(current, path);
            } else if (reasonNotToKeep(current, size) instanceof String unkept) {
                deleteAudio(current, Actors.GATEWAY, unkept, unkept.equals(NEVER_BRIDGED)
                        ? "the call never reached a person: nothing is kept of a call that was not bridged"
                        : "the file holds no audio (" + size + " bytes)");
            } else {
                filedFile.keep(current, path, size, hungUp);
            }
            signals.ended(current.id());
            return true;
        } catch (IOException | RuntimeException e) {  // e.g. the store is full or locked: the row stays active
            LOG.warn("could not file recording {} ({}); it stays active and the periodic reconciliation files it once it can, "
                    + "with the end time Asterisk gave or its file shows", recording.id(), e.toString());
            return false;
        } finally {
            release(recording.id());
        }
    }

    /**
     * Why an ended recording's file is not kept, or null to file it. A file of at most
     * {@link WholeFile#HEADER_ONLY_BYTES} holds no audio (MixMonitor's WAV header alone is 44 bytes). A
     * recording whose call was never bridged to another party reached no person (an abandoned queue,
     * a call nobody answered) and is not kept (data minimisation), but only when the gateway watched
     * Asterisk's bridge events without a gap since the recording started: after an AMI outage it
     * cannot tell, and keeps the audio.
     */
    private String reasonNotToKeep(Recording r, long size) {
        if (WholeFile.holdsNoAudio(size)) {
            return NO_AUDIO;
        }
        return bridges.neverBridged(r) ? NEVER_BRIDGED : null;
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
     * whichever) entered a bridge with another party: the call reached a person. Marks every active recording of the
     * call, durably, before later events of the call are handled; not one that was already stopped (an end reason
     * stored) before its call was ever bridged, e.g. for a called party who did not hear its notice: its MixMonitor
     * heard nobody of that bridge.
     */
    public void callBridged(String server, String linkedId, Instant at) {
        bridges.callBridged(server, linkedId, at);
    }

    /**
     * Deletes a recording's audio through {@link AudioEraser} (the one place where audio goes: files, sealed
     * copy and data key) once MixMonitor has closed the file, and keeps why ({@code endReason}) with the row.
     * The caller holds the recording's claim ({@link #claim}). Under a legal hold the purposes end, the
     * result is {@link AudioEraser.Outcome#HELD} and the audio is filed (hashed, sealed) as it would be
     * otherwise; the retention sweep deletes it once the hold is lifted.
     *
     * @param actor     who deleted it, as the audit trail names actors
     * @param endReason a short fixed word stored with the recording, e.g. {@code objection}, {@code never-bridged}
     * @param why       the sentence the audit trail keeps
     * @return what the eraser did
     * @throws IOException when the file could not be read or deleted; the deletion is then begun and finished by
     *                     the next retention sweep
     */
    AudioEraser.Result deleteAudio(Recording r, String actor, String endReason, String why) throws IOException {
        Path path = Path.of(r.filePath());
        long size = wholeFile.settledSize(path);  // MixMonitor has closed the file
        Instant now = clock.instant();
        AudioEraser.Result done = eraser.delete(r.withPurposes(p -> p.end(now, endReason)), why, actor,
                Map.of("endReason", endReason));
        signals.stopped(r.id());
        store.endReason(r.id(), endReason);
        if (done.outcome() == AudioEraser.Outcome.FAILED) {
            throw new IOException(done.reason());
        }
        if (done.held() && size >= 0 && done.recording().status() == RecordingStatus.ACTIVE) {
            filedFile.keep(done.recording(), path, size, null);  // kept while the hold lasts
            done = new AudioEraser.Result(done.outcome(), done.reason(), store.byId(r.id()).orElse(done.recording()));
        }
        LOG.info("recording {}: audio {} ({})", r.id(), done.deleted() ? "deleted" : "kept while held", why);
        return done;
    }

    /** SHA-256 (hex) of a file, read in 64 KB blocks. */
    public static String sha256(Path path) throws IOException {
        MessageDigest digest = sha256Digest();
        byte[] buffer = new byte[64 * 1024];
        try (InputStream in = Files.newInputStream(path)) {
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    static MessageDigest sha256Digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
