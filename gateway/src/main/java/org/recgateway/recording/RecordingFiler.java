package org.recgateway.recording;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
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
    private static final int MAX_SETTLE_ROUNDS = 20;

    private final RecordingStore store;
    private final Clock clock;
    private final GatewayMetrics metrics;
    private final Duration settle;
    private final Set<String> inProgress = ConcurrentHashMap.newKeySet();
    private final AuditNotes audit;

    /** @param settle how long a file's size must stay the same before it counts as closed */
    public RecordingFiler(RecordingStore store, Clock clock, GatewayMetrics metrics, Duration settle, AuditNotes audit) {
        this.store = store;
        this.clock = clock;
        this.metrics = metrics;
        this.settle = settle;
        this.audit = audit;
    }

    /** The audit trail the lifecycle writes to. */
    public AuditNotes audit() {
        return audit;
    }

    /** The channel with this uniqueid hung up or its MixMonitor stopped: file its active recordings. */
    public void callEnded(String uniqueId) {
        // Called for every hangup on the PBX: an indexed lookup of this channel, not a scan of all active recordings.
        for (Recording r : store.find(RecordingQuery.byUniqueId(uniqueId))) {
            if (r.status() == RecordingStatus.ACTIVE) {
                file(r);
            }
        }
    }

    /** After a (re)connect or a restart: file every active recording whose channel no longer exists. */
    public int reconcile(Set<String> liveUniqueIds) {
        int filed = 0;
        for (Recording r : store.active()) {
            if (!liveUniqueIds.contains(r.uniqueId())) {
                file(r);
                filed++;
            }
        }
        return filed;
    }

    /** Takes a recording for exclusive handling (filing or stopping); false when someone else has it. */
    boolean claim(String recordingId) {
        return inProgress.add(recordingId);
    }

    void release(String recordingId) {
        inProgress.remove(recordingId);
    }

    /** Files one recording now, unless it is already filed or being filed. */
    public void file(Recording recording) {
        if (!claim(recording.id())) {
            return;
        }
        try {
            Recording current = store.byId(recording.id()).orElse(recording);
            if (current.status() != RecordingStatus.ACTIVE) {
                return;
            }
            Path path = Path.of(current.filePath());
            long size = settledSize(path, settle);
            if (size < 0) {
                store.update(current.filed(clock.instant(), 0, null, RecordingStatus.MISSING));
                metrics.recording("missing");
                audit.note(Actors.GATEWAY, AuditAction.RECORDING_MISSING, current.id(), Map.of("file", path.toString()));
                LOG.warn("recording {} ended but its file {} does not exist: filed as missing; check that recordings.localDirectory is where Asterisk writes",
                        current.id(), path);
                return;
            }
            String hash = sha256(path);
            store.update(current.filed(clock.instant(), size, hash, RecordingStatus.FILED));
            metrics.recording("filed");
            audit.note(Actors.GATEWAY, AuditAction.RECORDING_FILED, current.id(),
                    Map.of("sha256", hash, "sizeBytes", Long.toString(size)));
            LOG.info("recording {} filed: {} bytes, sha256 {}", current.id(), size, hash);
        } catch (IOException e) {
            LOG.warn("could not file recording {}; it stays active and is retried at the next reconciliation", recording.id(), e);
        } finally {
            release(recording.id());
        }
    }

    /** The file's size once it stopped growing, or -1 when it does not exist. */
    static long settledSize(Path path, Duration settle) throws IOException {
        long last = -2;
        for (int round = 0; round < MAX_SETTLE_ROUNDS; round++) {
            long size;
            try {
                size = Files.size(path);
            } catch (NoSuchFileException e) {
                size = -1;
            }
            if (size == last) {
                return size;
            }
            last = size;
            sleep(settle);
        }
        return last;
    }

    /** SHA-256 (hex) of a file, read in 64 KB blocks. */
    public static String sha256(Path path) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
        byte[] buffer = new byte[64 * 1024];
        try (InputStream in = Files.newInputStream(path)) {
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
