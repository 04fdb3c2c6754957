package org.recgateway.privacy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.recgateway.audit.AuditAction;
import org.recgateway.audit.AuditEvent;
import org.recgateway.listening.MutableClock;
import org.recgateway.metrics.GatewayMetrics;
import org.recgateway.policy.LegalBasis;
import org.recgateway.policy.Purpose;
import org.recgateway.recording.AuditNotes;
import org.recgateway.recording.LegalHold;
import org.recgateway.recording.PhoneNumbers;
import org.recgateway.recording.Pseudonyms;
import org.recgateway.recording.RecordedPurpose;
import org.recgateway.recording.Recording;
import org.recgateway.recording.FileHashes;
import org.recgateway.recording.RecordingStatus;
import org.recgateway.store.JdbcAuditTrail;
import org.recgateway.store.JdbcRecordingStore;
import org.recgateway.recording.Evidence;
import org.recgateway.recording.PurposeSet;
import org.recgateway.recording.RecordedCall;

/**
 * A store of 3,000 recordings under 300 numbers, each filed in a random one of many notations, as
 * caller or as called party: access and erasure by any notation find exactly that person's set.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SeededStoreTest {
    private static final Instant T = Instant.parse("2026-10-01T08:00:00Z");
    private static final int NUMBERS = 300;
    private static final int RECORDINGS = 3_000;

    @TempDir
    static Path dir;
    private final MutableClock clock = new MutableClock(T.plus(Duration.ofDays(20)));
    private JdbcRecordingStore store;
    private JdbcAuditTrail trail;
    private Pseudonyms pseudonyms;
    private final Map<Integer, Set<String>> byNumber = new HashMap<>();
    private final Map<String, Recording> filed = new HashMap<>();

    @BeforeAll
    void seed() throws Exception {
        PhoneNumbers nl = PhoneNumbers.withDefaultRegion("NL");
        store = JdbcRecordingStore.open(dir.resolve("r.db"), nl);
        trail = store.auditTrail(clock);
        pseudonyms = new Pseudonyms(new byte[32], nl);
        Random random = new Random(15);
        List<Recording> all = new ArrayList<>();
        for (int i = 0; i < RECORDINGS; i++) {
            int n = random.nextInt(NUMBERS);
            String number = notation(n, random.nextInt(7));
            boolean asCaller = random.nextInt(4) != 0;
            String id = "r" + i;
            Path file = dir.resolve(id + ".wav");
            Files.writeString(file, "audio " + i);
            Purpose purpose = switch (i % 5) {
                case 0 -> Purpose.CONTRACT_EVIDENCE;
                case 1 -> Purpose.PROVIDER_DIAGNOSTICS;
                default -> Purpose.QUALITY;
            };
            Instant started = T.plusSeconds(i * 60L);
            Recording r = Recording.active(id, new RecordedCall("u" + i, "l" + i, "PJSIP/a-1", asCaller ? number : "1001", asCaller ? "1001" : number), new Evidence("rule", null, null), new PurposeSet(purpose, purpose.defaultBasis(), Duration.ofDays(30), null, List.of(new RecordedPurpose(purpose, purpose.defaultBasis(), Duration.ofDays(30)))), file.toString(), started)
                    .filed(started.plusSeconds(30), Files.size(file), FileHashes.sha256(file), RecordingStatus.FILED);
            all.add(r);
            filed.put(id, r);
            byNumber.computeIfAbsent(n, k -> new TreeSet<>()).add(id);
        }
        try (ExecutorService writers = Executors.newVirtualThreadPerTaskExecutor()) {  // group commit batches them
            all.forEach(r -> writers.submit(() -> store.insert(r)));
        }
    }

    @AfterAll
    void close() {
        store.close();
    }

    /** Number n (0612…) in one of seven notations. */
    private static String notation(int n, int form) {
        String digits = String.format("%08d", 10_000_000 + n * 7919);
        return switch (form) {
            case 0 -> "06" + digits;
            case 1 -> "+316" + digits;
            case 2 -> "00316" + digits;
            case 3 -> "06-" + digits;
            case 4 -> "06 " + digits.substring(0, 4) + " " + digits.substring(4);
            case 5 -> "+31 (0)6 " + digits;
            default -> "+31 6 " + digits.substring(0, 2) + " " + digits.substring(2, 5) + " " + digits.substring(5);
        };
    }

    private List<AuditEvent> events() {
        List<AuditEvent> all = new ArrayList<>();
        for (List<AuditEvent> page; !(page = trail.since(all.isEmpty() ? 0 : all.getLast().sequence(), 1000)).isEmpty(); ) {
            all.addAll(page);
        }
        return all;
    }

    private SubjectAccess access() {
        return new SubjectAccess(store, trail, pseudonyms, org.recgateway.recording.AudioVault.plaintext(), id -> java.util.Optional.empty());
    }

    @Test
    void accessByEveryNotationFindsExactlyThatPersonsRecordings() {
        for (int n : List.of(0, 17, 123, 299)) {
            for (int form = 0; form < 7; form++) {
                Set<String> found = new TreeSet<>();
                access().summary(notation(n, form), "officer").forEach(e -> found.add((String) e.get("id")));
                assertEquals(byNumber.get(n), found, "number " + n + " written as " + notation(n, form));
            }
        }
    }

    @Test
    void theExportHoldsEachFileExactlyAsFiledAndAReadableSummary() throws Exception {
        int n = 42;
        ByteArrayOutputStream zip = new ByteArrayOutputStream();
        access().export(notation(n, 4), "officer", zip);

        Map<String, byte[]> entries = new HashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip.toByteArray()))) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                entries.put(e.getName(), in.readAllBytes());
            }
        }
        Set<String> audio = new TreeSet<>();
        for (Map.Entry<String, byte[]> e : entries.entrySet()) {
            if (e.getKey().startsWith("audio/")) {
                String id = e.getKey().substring("audio/".length(), e.getKey().length() - ".wav".length());
                audio.add(id);
                String hash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(e.getValue()));
                assertEquals(filed.get(id).sha256(), hash, "audio of " + id + " is the filed file");
            }
        }
        assertEquals(byNumber.get(n), audio);
        JsonNode summary = new ObjectMapper().readTree(entries.get("summary.json"));
        assertEquals(byNumber.get(n).size(), summary.get("recordings").size());
        String text = new String(entries.get("summary.txt"), java.nio.charset.StandardCharsets.UTF_8);
        for (String id : byNumber.get(n)) {
            assertTrue(text.contains("Recording " + id + " "), id);
        }
        assertTrue(text.contains("legitimate-interest"), text.substring(0, 300));
        AuditEvent audited = events().stream().filter(e -> e.action() == AuditAction.SUBJECT_ACCESS)
                .reduce((a, b) -> b).orElseThrow();
        assertEquals(pseudonyms.of(notation(n, 1)), audited.details().get("number"),
                "the audit trail holds the pseudonym, the same for any notation");
        assertFalse(audited.details().toString().contains(notation(n, 0).substring(2)), "and never the number");
    }

    @Test
    void erasureByANotationDeletesThatPersonsAudioButKeepsContractsAndHolds() throws Exception {
        int n = 7;
        Set<String> mine = byNumber.get(n);
        String held = mine.iterator().next();
        store.legalHolds().place(LegalHold.Kind.RECORDING, held, "court case", "officer", clock.instant());
        AuditNotes notes = new AuditNotes(trail);
        Erasure erasure = new Erasure(store,
                org.recgateway.recording.AudioEraser.plaintext(store, notes, clock), trail, pseudonyms, clock);

        Erasure.Report report = erasure.byNumber(notation(n, 2), "officer");

        Set<String> reported = new TreeSet<>();
        report.recordings().forEach(o -> reported.add(o.recordingId()));
        assertEquals(mine, reported);
        for (Erasure.Outcome o : report.recordings()) {
            Recording before = filed.get(o.recordingId());
            Recording after = store.byId(o.recordingId()).orElseThrow();
            if (o.recordingId().equals(held)) {
                assertEquals("kept", o.outcome());
                assertTrue(o.why().contains("court case"), o.why());
                assertTrue(Files.exists(Path.of(before.filePath())));
            } else if (before.legalBasis() == LegalBasis.CONTRACT) {
                assertEquals("kept", o.outcome(), o.toString());
                assertTrue(o.why().contains("contract"), o.why());
                assertTrue(Files.exists(Path.of(before.filePath())));
            } else {
                assertEquals("deleted", o.outcome(), o.toString());
                assertFalse(Files.exists(Path.of(before.filePath())));
                assertEquals(RecordingStatus.DELETED, after.status());
                assertEquals(before.sha256(), after.sha256(), "the tombstone keeps the hash of what was deleted");
                assertEquals("erasure request", after.deletion().reason());
            }
        }
        int other = n + 1;
        for (String id : byNumber.get(other)) {
            assertEquals(RecordingStatus.FILED, store.byId(id).orElseThrow().status(), "another person's recording stays");
        }
        assertEquals(report.recordings().size(), erasure.byNumber(notation(n, 5), "officer").count("already-deleted")
                + report.count("kept"), "asking again finds the same set, now deleted or still kept");
        AuditEvent audited = events().stream().filter(e -> e.action() == AuditAction.SUBJECT_ERASURE)
                .findFirst().orElseThrow();
        assertEquals(pseudonyms.of(notation(n, 0)), audited.details().get("number"));
        assertNull(audited.recordingId());
    }
}
