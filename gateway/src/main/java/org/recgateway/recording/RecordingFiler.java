package org.recgateway.recording;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.recgateway.audit.Actors;
import org.recgateway.audit.AuditAction;
import org.recgateway.metrics.GatewayMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Files recordings whose call ended: waits until MixMonitor has closed the file, measures and hashes
 * it, and stores the result. Filing is idempotent: a recording is filed once, whichever signal
 * (hangup, MixMonitor stop, reconciliation after an AMI outage or a crash) arrives first.
 */
public final class RecordingFiler {
    private static final Logger LOG = LoggerFactory.getLogger(RecordingFiler.class);
    /** End reason of a recording whose call was never bridged to another party. */
    public static final String NEVER_BRIDGED = "never-bridged";
    /** End reason of a recording whose file held no audio. */
    public static final String NO_AUDIO = "no-audio";

    private final RecordingStore store;
    private final Clock clock;
    private final GatewayMetrics metrics;
    private final WholeFile wholeFile;
    /** How long a claim on a recording (filing or stopping it) holds when its gateway dies before releasing it. */
    public static final Duration HANDLING = Duration.ofMinutes(2);
    /** The work name of a recording's claim: filing it, or stopping it at someone's request. */
    static final String HANDLE = "recording";
    private final WorkClaims claims;
    private volatile String firstServer;
    private final Set<String> stopping = ConcurrentHashMap.newKeySet();
    /** When Asterisk said the call of a recording whose filing has not yet succeeded hung up (kept for the retry). */
    private final Map<String, Instant> hungUpAt = new ConcurrentHashMap<>();
    private final AuditNotes audit;
    /** Since when each Asterisk server's bridge events are watched without a gap, by server name ("" for the only one). */
    private final Map<String, Instant> watchingBridges = new ConcurrentHashMap<>();
    private final AudioVault vault;
    private final AudioEraser eraser;

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
        this.claims = calls;
        this.store = store;
        this.clock = clock;
        this.metrics = metrics;
        this.wholeFile = new WholeFile(store, clock, settle);
        this.audit = audit;
        this.vault = vault;
        this.eraser = new AudioEraser(store, vault, metrics, audit, clock, deletions);
    }

    /** Where filed audio rests. */
    public AudioVault vault() {
        return vault;
    }

    /** The one place that deletes a recording's audio (and destroys its data key). */
    public AudioEraser eraser() {
        return eraser;
    }

    /** The audit trail the lifecycle writes to. */
    public AuditNotes audit() {
        return audit;
    }

    /** The channel with this uniqueid hung up or its MixMonitor stopped: file its active recordings. */
    public void callEnded(String uniqueId) {
        callEnded(uniqueId, null);
    }

    /**
     * The channel with this uniqueid hung up at {@code at} (as Asterisk's Hangup event told; null when unknown):
     * file its active recordings with that end time. A file that stopped growing before the call ended (a full
     * disk) is then measured against the whole call, not against its own last write.
     */
    public void callEnded(String uniqueId, Instant at) {
        callEnded(null, uniqueId, at);
    }

    /**
     * The channel with this uniqueid on the Asterisk server {@code server} (null: whichever) hung up at {@code at}: files
     * that server's active recordings of the channel. Two servers' uniqueids may be equal; a recording of another
     * server is left alone.
     */
    public void callEnded(String server, String uniqueId, Instant at) {
        // Called for every hangup on the PBX: an indexed lookup of this channel, not a scan of all active recordings.
        for (Recording r : store.find(RecordingQuery.byUniqueId(uniqueId))) {
            if (r.status() == RecordingStatus.ACTIVE && serves(r, server)) {
                file(r, at);
            }
        }
    }

    /**
     * Asterisk reported that a MixMonitor on the channel with this uniqueid stopped. The event does not
     * say which MixMonitor (ASTERISK-FACTS: it carries only the channel), so it files only the
     * recordings whose MixMonitor the gateway itself stopped ({@link #stopRequested}); a running
     * recording of the gateway is never filed because some other MixMonitor on its channel stopped:
     * it is filed when its call ends.
     */
    public void mixMonitorStopped(String uniqueId) {
        mixMonitorStopped(null, uniqueId);
    }

    /** As {@link #mixMonitorStopped(String)}, for a channel of the Asterisk server {@code server} (null: whichever). */
    public void mixMonitorStopped(String server, String uniqueId) {
        if (stopping.isEmpty()) {
            return;  // the gateway stopped no MixMonitor: nothing to file, and no store read for every call's stop
        }
        for (Recording r : store.find(RecordingQuery.byUniqueId(uniqueId))) {
            if (r.status() != RecordingStatus.ACTIVE || !serves(r, server)) {
                continue;
            }
            if (stopping.remove(r.id())) {
                file(r);
            } else {
                LOG.debug("a MixMonitor stopped on {} that the gateway did not stop; recording {} runs on and is filed when the call ends",
                        r.channel(), r.id());
            }
        }
    }

    /** The gateway is about to stop this recording's MixMonitor (by its id): the next MixMonitorStop on its channel is its own. */
    public void stopRequested(String recordingId) {
        stopping.add(recordingId);
    }

    /**
     * After a (re)connect, a restart, and periodically: file every active recording whose channel no longer exists;
     * returns how many left the active state.
     */
    public int reconcile(Set<String> liveUniqueIds) {
        return reconcile(null, liveUniqueIds);
    }

    /**
     * As {@link #reconcile(Set)} for the Asterisk server {@code server} (null: every active recording): only that
     * server's recordings are checked against its live channels, never another server's (whose channels these are not).
     */
    public int reconcile(String server, Set<String> liveUniqueIds) {
        int filed = 0;
        for (Recording r : store.active()) {
            if (serves(r, server) && !liveUniqueIds.contains(r.uniqueId())) {
                file(r);
                if (store.byId(r.id()).map(now -> now.status() != RecordingStatus.ACTIVE).orElse(true)) {
                    filed++;  // a filing that failed again (store still full) is not counted
                }
            }
        }
        return filed;
    }

    /**
     * Names the gateway's first Asterisk server: a recording stored without a server (made before several servers were
     * known, schema V15) belongs to it.
     */
    public void firstServer(String name) {
        firstServer = name;
    }

    /**
     * True when {@code r} came from the Asterisk server {@code server}; a null {@code server} means any (one server, or
     * work not tied to an AMI connection). Events are matched by server and uniqueid: two servers' uniqueids may be equal.
     */
    public boolean serves(Recording r, String server) {
        if (server == null) {
            return true;
        }
        String own = r.call().server() == null ? firstServer : r.call().server();
        return own == null || server.equals(own);
    }

    /**
     * Takes a recording for exclusive handling (filing or stopping); false when someone else has it: another thread or
     * another gateway on the same store (issue #17), or the store could not be asked (the next signal tries again).
     */
    boolean claim(String recordingId) {
        try {
            return claims.claim(HANDLE, recordingId, HANDLING);
        } catch (RuntimeException e) {
            LOG.warn("could not claim recording {} for filing or stopping ({}); the periodic reconciliation tries again",
                    recordingId, e.toString());
            return false;
        }
    }

    void release(String recordingId) {
        claims.release(HANDLE, recordingId);
    }

    /** The claims this filer takes for the work every gateway watching a call could do (also for stops and new parties). */
    public WorkClaims claims() {
        return claims;
    }

    /** Files one recording now, unless it is already filed or being filed; its end time is what its file shows. */
    public void file(Recording recording) {
        file(recording, null);
    }

    /**
     * Files one recording now, unless it is already filed or being filed.
     *
     * @param hungUp when Asterisk said the call ended (its Hangup event), or null: then the file's last write
     */
    public void file(Recording recording, Instant hungUpNow) {
        Instant hungUp = hungUpNow != null ? hungUpNow : hungUpAt.get(recording.id());
        if (hungUpNow != null) {
            hungUpAt.putIfAbsent(recording.id(), hungUpNow);
        }
        if (!claim(recording.id())) {
            return;
        }
        try {
            Recording current = store.byId(recording.id()).orElse(recording);
            if (current.status() != RecordingStatus.ACTIVE) {
                hungUpAt.remove(recording.id());
                return;
            }
            stopping.remove(current.id());
            Path path = Path.of(current.filePath());
            long size = wholeFile.settledSize(path);
            Path sealed = AudioVault.sealedPath(path);
            if (size < 0 && vault.encrypts() && Files.isRegularFile(sealed)) {
                finishSealed(current, sealed);  // sealed before a crash, but not yet stored as filed
                return;
            }
            String unkept = size < 0 ? null : reasonNotToKeep(current, size);
            if (unkept != null) {
                deleteAudio(current, Actors.GATEWAY, unkept, unkept.equals(NEVER_BRIDGED)
                        ? "the call never reached a person: nothing is kept of a call that was not bridged"
                        : "the file holds no audio (" + size + " bytes)");
                return;
            }
            if (size < 0) {
                store.update(current.filed(clock.instant(), 0, null, RecordingStatus.MISSING));
                metrics.recording("missing");
                audit.note(Actors.GATEWAY, AuditAction.RECORDING_MISSING, current.id(), Map.of("file", path.toString()));
                LOG.warn("recording {} ended but its file {} does not exist: filed as missing; check that recordings.localDirectory is where Asterisk writes",
                        current.id(), path);
                return;
            }
            keep(current, path, size, hungUp);
        } catch (IOException | RuntimeException e) {  // e.g. the store is full or locked: the row stays active
            LOG.warn("could not file recording {} ({}); it stays active and the periodic reconciliation files it once it can, "
                    + "with the end time Asterisk gave or its file shows", recording.id(), e.toString());
        } finally {
            release(recording.id());
        }
    }

    /**
     * Hashes, seals and stores the recording as filed, or as {@link RecordingStatus#INCOMPLETE} (with an alarm) when
     * its file is shorter than its call.
     *
     * @param hungUp when Asterisk said the call ended, or null: then the file's last write
     */
    private void keep(Recording current, Path path, long size, Instant hungUp) throws IOException {
        Instant ended = wholeFile.endedAt(current, path, hungUp);
        String hash = sha256(path);
        Optional<String> shortBy = wholeFile.shortBy(current, path, size, ended);
        RecordingStatus status = shortBy.isPresent() ? RecordingStatus.INCOMPLETE : RecordingStatus.FILED;
        Path kept = vault.seal(current.id(), path, hash, size);
        store.update(current.filed(ended, size, hash, status).keptIn(kept.toString()));
        if (shortBy.isPresent()) {
            metrics.recording("incomplete");
            audit.note(Actors.GATEWAY, AuditAction.RECORDING_FILED, current.id(), Map.of("sha256", hash,
                    "sizeBytes", Long.toString(size), "sealed", Boolean.toString(vault.encrypts()), "incomplete", shortBy.get()));
            LOG.error("ALARM recording {} filed as INCOMPLETE: {}; check free space on the recordings disk", current.id(), shortBy.get());
            return;
        }
        metrics.recording("filed");
        audit.note(Actors.GATEWAY, AuditAction.RECORDING_FILED, current.id(),
                Map.of("sha256", hash, "sizeBytes", Long.toString(size), "sealed", Boolean.toString(vault.encrypts())));
        LOG.info("recording {} filed: {} bytes, sha256 {}", current.id(), size, hash);
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
        String own = r.call().server() == null ? firstServer : r.call().server();
        Instant since = own == null ? null : watchingBridges.get(own);
        since = since != null ? since : watchingBridges.get("");
        if (since == null || r.started() == null || since.isAfter(r.started())) {
            return null;
        }
        RecordingStore.CallFacts facts = store.callFacts(r.id()).orElse(null);
        return facts != null && facts.bridgedAt() == null ? NEVER_BRIDGED : null;
    }

    /**
     * The gateway watches Asterisk's bridge events without a gap since {@code since} (AMI logged in), or
     * not at all ({@code null}: AMI is down or disabled). Set by the AMI adapter.
     */
    public void watchingBridgesSince(Instant since) {
        watchingBridgesSince(null, since);
    }

    /** As {@link #watchingBridgesSince(Instant)}, for the Asterisk server {@code server} (null: the only one). */
    public void watchingBridgesSince(String server, Instant since) {
        String key = server == null ? "" : server;
        if (since == null) {
            watchingBridges.remove(key);
        } else {
            watchingBridges.put(key, since);
        }
    }

    /**
     * A channel of the call with this linkedid entered a bridge with another party: the call reached a
     * person. Marks every active recording of the call, durably, before later events of the call are handled;
     * not one that was already stopped (an end reason stored) before its call was ever bridged, e.g. for a called
     * party who did not hear its notice: its MixMonitor heard nobody of that bridge.
     */
    public void callBridged(String linkedId, Instant at) {
        callBridged(null, linkedId, at);
    }

    /** As {@link #callBridged(String, Instant)}, for a call on the Asterisk server {@code server} (null: whichever). */
    public void callBridged(String server, String linkedId, Instant at) {
        for (Recording r : store.find(RecordingQuery.byLinkedId(linkedId))) {
            if (r.status() == RecordingStatus.ACTIVE && serves(r, server) && !stoppedBeforeBridge(r)) {
                store.bridged(r.id(), at);
            }
        }
    }

    private boolean stoppedBeforeBridge(Recording r) {
        return store.callFacts(r.id()).filter(f -> f.bridgedAt() == null && f.endReason() != null && !f.endReason().isBlank())
                .isPresent();
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
        stopping.remove(r.id());
        store.endReason(r.id(), endReason);
        if (done.outcome() == AudioEraser.Outcome.FAILED) {
            throw new IOException(done.reason());
        }
        if (done.held() && size >= 0 && done.recording().status() == RecordingStatus.ACTIVE) {
            keep(done.recording(), path, size, null);  // kept while the hold lasts
            done = new AudioEraser.Result(done.outcome(), done.reason(), store.byId(r.id()).orElse(done.recording()));
        }
        LOG.info("recording {}: audio {} ({})", r.id(), done.deleted() ? "deleted" : "kept while held", why);
        return done;
    }

    private void finishSealed(Recording current, Path sealed) throws IOException {
        long size = 0;
        MessageDigest digest = sha256Digest();
        try (SeekableByteChannel in = vault.open(current.id(), sealed)) {
            ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
            for (int n; (n = in.read(buffer)) >= 0; buffer.clear()) {
                digest.update(buffer.array(), 0, n);
                size += n;
            }
        }
        String hash = HexFormat.of().formatHex(digest.digest());
        store.update(current.filed(clock.instant(), size, hash, RecordingStatus.FILED).keptIn(sealed.toString()));
        metrics.recording("filed");
        audit.note(Actors.GATEWAY, AuditAction.RECORDING_FILED, current.id(),
                Map.of("sha256", hash, "sizeBytes", Long.toString(size), "sealed", "recovered after a restart"));
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

    private static MessageDigest sha256Digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
