package org.recgateway.privacy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.recgateway.audit.Actors;
import org.recgateway.audit.AuditAction;
import org.recgateway.audit.AuditEvent;
import org.recgateway.audit.AuditTrail;
import org.recgateway.recording.AudioVault;
import org.recgateway.recording.Pseudonyms;
import org.recgateway.recording.Recording;
import org.recgateway.recording.RecordingStatus;
import org.recgateway.recording.RecordingStore;

/**
 * Subject access (GDPR art. 15) by phone number in any notation: a readable summary per recording
 * (when, which purposes on which legal basis, notice heard, consent or objection, retention, who
 * accessed it, whether and why it was deleted), diagnostic recordings included, and an export (a
 * ZIP) holding that summary and the audio still held. Audio is read through the {@link AudioVault}, so a
 * sealed recording is decrypted (every chunk authenticated) into the ZIP and never lands on disk in the
 * clear. Each recording is read twice: first its SHA-256 and size are checked against what was filed, and
 * only audio that matches is then copied; what does not match (or does not decrypt) is left out, said so
 * in the summary, and audited as {@code audio-tampered}. Audited with the number's pseudonym.
 */
public final class SubjectAccess {
    /** Audit actions that are someone reaching the recording. */
    private static final Set<AuditAction> ACCESSES = Set.of(AuditAction.RECORDING_READ, AuditAction.RECORDING_LISTED,
            AuditAction.AUDIO_PLAYED);
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final RecordingStore store;
    private final AuditTrail audit;
    private final Pseudonyms pseudonyms;
    private final Function<String, Optional<String>> ticketOf;
    private final AudioVault vault;

    /**
     * @param vault    where the filed audio rests (sealed or plaintext); the export reads through it
     * @param ticketOf a recording's diagnostic ticket reference, empty for a recording made under a policy
     */
    public SubjectAccess(RecordingStore store, AuditTrail audit, Pseudonyms pseudonyms, AudioVault vault,
                         Function<String, Optional<String>> ticketOf) {
        this.vault = vault;
        this.store = store;
        this.audit = audit;
        this.pseudonyms = pseudonyms;
        this.ticketOf = ticketOf;
    }

    /** The summary of every recording of {@code number}, newest first; audited for {@code actor}. */
    public List<Map<String, Object>> summary(String number, String actor) {
        List<Recording> found = store.ofNumber(number);
        audit.append(actor, AuditAction.SUBJECT_ACCESS, null, Map.of("number", pseudonyms.of(number),
                "found", Integer.toString(found.size()), "via", "summary"));
        return found.stream().map(this::entry).toList();
    }

    /**
     * Writes the export ZIP of {@code number} to {@code out}: {@code summary.txt} (readable),
     * {@code summary.json}, and {@code audio/<id>.<ext>} for each filed recording whose file is there
     * and matches its filed SHA-256. Audited before the first byte.
     */
    public void export(String number, String actor, OutputStream out) throws IOException {
        List<Recording> found = store.ofNumber(number);
        audit.append(actor, AuditAction.SUBJECT_ACCESS, null, Map.of("number", pseudonyms.of(number),
                "found", Integer.toString(found.size()), "via", "export"));
        List<Map<String, Object>> entries = new ArrayList<>();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            for (Recording r : found) {
                Map<String, Object> e = entry(r);
                e.put("audioInExport", addAudio(zip, r, e));
                entries.add(e);
            }
            zip.putNextEntry(new ZipEntry("summary.json"));
            zip.write(JSON.writeValueAsBytes(Map.of("recordings", entries)));
            zip.closeEntry();
            zip.putNextEntry(new ZipEntry("summary.txt"));
            zip.write(AccessText.render(entries).getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }
    }

    private String addAudio(ZipOutputStream zip, Recording r, Map<String, Object> e) throws IOException {
        if (r.status() != RecordingStatus.FILED || r.filePath() == null || r.sha256() == null) {
            return null;
        }
        Path file = Path.of(r.filePath());
        if (!Files.isRegularFile(file)) {
            e.put("audioNote", "the file is missing from disk; the gateway reported it");
            return null;
        }
        String mismatch = mismatch(r, file);
        if (mismatch != null) {
            audit.append(Actors.GATEWAY, AuditAction.AUDIO_TAMPERED, r.id(), Map.of("via", "export", "problem", mismatch));
            e.put("audioNote", "the audio on disk is not what was filed (" + mismatch
                    + "); left out, ask the privacy officer");
            return null;
        }
        String name = "audio/" + r.id() + extension(file);
        zip.putNextEntry(new ZipEntry(name));
        try (InputStream in = Channels.newInputStream(vault.open(r.id(), file))) {
            in.transferTo(zip);
        }
        zip.closeEntry();
        return name;
    }

    /** Why the audio is not the filed audio (hash, size, or a chunk that does not decrypt), or null when it is. */
    private String mismatch(Recording r, Path file) {
        MessageDigest digest = sha256();
        long size = 0;
        byte[] buffer = new byte[64 * 1024];
        try (InputStream in = Channels.newInputStream(vault.open(r.id(), file))) {
            for (int n; (n = in.read(buffer)) > 0; size += n) {
                digest.update(buffer, 0, n);
            }
        } catch (IOException ex) {
            return "it does not decrypt: " + ex.getMessage();
        }
        if (r.sizeBytes() != null && r.sizeBytes() != size) {
            return size + " bytes, filed " + r.sizeBytes();
        }
        String hash = HexFormat.of().formatHex(digest.digest());
        return hash.equals(r.sha256()) ? null : "SHA-256 " + hash + ", filed " + r.sha256();
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException("every JDK has SHA-256", ex);
        }
    }

    /** The audio's own extension: that of the plaintext name, also for a sealed file. */
    private static String extension(Path file) {
        String name = file.getFileName().toString();
        if (name.endsWith(AudioVault.SEALED_SUFFIX)) {
            name = name.substring(0, name.length() - AudioVault.SEALED_SUFFIX.length());
        }
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot);
    }

    private Map<String, Object> entry(Recording r) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("id", r.id());
        e.put("kind", ticketOf.apply(r.id()).map(t -> "diagnostic (fault ticket " + t + ")").orElse("policy"));
        e.put("started", text(r.started()));
        e.put("ended", text(r.ended()));
        e.put("callerNumber", r.callerNumber());
        e.put("calledNumber", r.calledNumber());
        e.put("status", r.status().id());
        e.put("purposes", r.purposes().stream().map(p -> {
            Map<String, Object> v = new LinkedHashMap<>();
            v.put("purpose", p.purpose().id());
            v.put("legalBasis", p.basis().id() + " (" + p.basis().article() + ")");
            v.put("retention", p.retention().toString());
            v.put("until", text(p.due()));
            v.put("ended", p.live() ? null : text(p.endedAt()) + " (" + p.endReason() + ")");
            return v;
        }).toList());
        e.put("notice", r.notice() == null ? null : r.notice().promptId() + " v" + r.notice().textVersion() + " ("
                + r.notice().language() + "), " + (r.notice().playedToEnd() ? "played to the end" : "not played to the end")
                + " at " + text(r.notice().started()));
        e.put("choices", r.choices() == null ? null : choices(r));
        e.put("sha256", r.sha256());
        e.put("sizeBytes", r.sizeBytes());
        e.put("deleted", r.deletion() == null ? null : text(r.deletion().at()) + " (" + r.deletion().reason() + ")");
        List<AuditEvent> events = audit.forRecording(r.id());
        e.put("accessedBy", events.stream().filter(ev -> ACCESSES.contains(ev.action()))
                .map(ev -> ev.at() + " " + ev.actor() + " " + ev.action().id()).toList());
        return e;
    }

    private static String choices(Recording r) {
        var c = r.choices();
        List<String> parts = new ArrayList<>();
        if (c.objectionOffered()) {
            parts.add(c.objectedAt() == null ? "objection offered, not made" : "objected at " + c.objectedAt());
        }
        c.consents().forEach(k -> parts.add("consent for " + k.purpose().id() + (k.given() ? " given (key " + k.keyPressed()
                + ")" : " not given") + " at " + k.answered()));
        return parts.isEmpty() ? "no objection offered, no consent asked" : String.join("; ", parts);
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }
}
