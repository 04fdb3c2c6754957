package org.recgateway;

import java.util.ArrayList;
import java.util.List;

import org.recgateway.audit.RecordingFinding;
import org.recgateway.config.GatewayConfig;
import org.recgateway.metrics.GatewayMetrics;
import org.recgateway.recording.AudioVault;
import org.recgateway.recording.AuditNotes;
import org.recgateway.recording.FiledAudio;
import org.recgateway.recording.RecordingStatus;
import org.recgateway.store.JdbcAuditTrail;
import org.recgateway.store.Database;
import org.recgateway.vault.TinkAudioVault;

/**
 * What {@code audit verify --recordings} checks: every recording's evidence against the digest its
 * last chained event carries, then every filed recording's audio against its filed size and SHA-256
 * (a sealed file by authenticated decryption of all of it).
 */
final class RecordingChecks {

    private RecordingChecks() {
    }

    static List<RecordingFinding> findings(Database database, JdbcAuditTrail trail, GatewayConfig config) {
        List<RecordingFinding> findings = new ArrayList<>(trail.verifyRecordings());
        AudioVault vault = config.keys().encryptAudio()
                ? TinkAudioVault.open(config.keys().masterKeyFile(), database.dataKeys())
                : AudioVault.plaintext();
        FiledAudio audio = new FiledAudio(vault, GatewayMetrics.NOOP, new AuditNotes(trail));
        var store = database.recordings();
        for (String id : store.idsWithStatus(RecordingStatus.FILED)) {
            store.byId(id).flatMap(audio::check).ifPresent(problem ->
                    findings.add(new RecordingFinding(id, 0, "recording " + id + ": " + problem)));
        }
        return List.copyOf(findings);
    }
}
