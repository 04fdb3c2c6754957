package org.recgateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.recgateway.audit.Actors;
import org.recgateway.audit.AuditAction;
import org.recgateway.audit.AuditEvent;
import org.recgateway.audit.ChainKeyFile;
import org.recgateway.audit.HashChain;
import org.recgateway.diagnostics.DiagnosticRecording;
import org.recgateway.diagnostics.DiagnosticTicket;
import org.recgateway.diagnostics.FaultMarker;
import org.recgateway.listening.TestAudio;
import org.recgateway.metrics.GatewayMetrics;
import org.recgateway.policy.LegalBasis;
import org.recgateway.policy.Purpose;
import org.recgateway.recording.AuditNotes;
import org.recgateway.recording.CallerChoices;
import org.recgateway.recording.ConsentEvidence;
import org.recgateway.recording.NoticeEvidence;
import org.recgateway.recording.RecordedPurpose;
import org.recgateway.recording.Recording;
import org.recgateway.recording.RecordingFiler;
import org.recgateway.recording.RecordingStatus;
import org.recgateway.store.JdbcAuditTrail;
import org.recgateway.store.JdbcDataKeys;
import org.recgateway.store.JdbcRecordingStore;
import org.recgateway.vault.TinkAudioVault;
import org.recgateway.recording.Evidence;
import org.recgateway.recording.PurposeSet;
import org.recgateway.recording.RecordedCall;

/**
 * Tamper tests on a database the gateway wrote (sealed recordings, evidence, a diagnostic ticket with a
 * marker): each edit, deletion, reordering, truncation or re-chaining of audit events, each edit of an
 * evidence table and a swapped audio file is found by {@code gateway audit verify [--recordings]},
 * which names the first bad event or row.
 */
class AuditTamperTest {
    static final String R1 = "0f8fad5b-d9cb-469f-a165-70867728950e";
    static final String D1 = "7c9e6679-7425-40de-944b-e07fc1f90ae7";
    private static final Instant T0 = Instant.parse("2025-06-02T10:00:00Z");

    @TempDir
    Path dir;

    private Path config;
    private Path db;
    private long events;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeEach
    void fileRecordingsAsTheGatewayDoes() throws Exception {
        db = dir.resolve("data/recordings.db");
        config = dir.resolve("gateway.yaml");
        Files.writeString(config, """
                ami:
                  enabled: false
                store:
                  path: %s
                recordings:
                  asteriskDirectory: /var/spool/asterisk/recording-gateway
                  localDirectory: %s
                """.formatted(db, dir.resolve("rec")));
        Clock clock = Clock.fixed(T0, ZoneOffset.UTC);
        try (JdbcRecordingStore store = JdbcRecordingStore.open(db)) {
            JdbcAuditTrail trail = store.auditTrail(clock, dir.resolve("keys/audit-chain.key"), dir.resolve("data/audit-head.json"));
            TinkAudioVault vault = TinkAudioVault.open(dir.resolve("keys/master-key.json"), JdbcDataKeys.of(store));
            RecordingFiler filer = new RecordingFiler(store, clock, GatewayMetrics.NOOP, Duration.ZERO, new AuditNotes(trail), vault);

            NoticeEvidence notice = new NoticeEvidence("notice-quality", "nl", 3, "a".repeat(64), "b".repeat(64),
                    T0, T0.plusSeconds(6), true, 48_000, 48_000);
            Recording r1 = Recording.active(R1, new RecordedCall("u1", "l1", "PJSIP/agent-1", "+31201111111", "200"), new Evidence("sales", notice, new CallerChoices(100, 7, true, null, List.of(new ConsentEvidence(Purpose.TRAINING, "consent-training",
                            "nl", 1, "c".repeat(64), T0.plusSeconds(6), T0.plusSeconds(9), "1", true)))), new PurposeSet(Purpose.QUALITY, LegalBasis.LEGITIMATE_INTEREST, java.time.Duration.ofDays(180), null, List.of(new RecordedPurpose(Purpose.QUALITY, LegalBasis.LEGITIMATE_INTEREST, java.time.Duration.ofDays(90)),
                            new RecordedPurpose(Purpose.TRAINING, LegalBasis.CONSENT, java.time.Duration.ofDays(180)))), dir.resolve("rec/" + R1 + ".wav").toString(), T0);
            store.insert(r1);
            trail.append(Actors.GATEWAY, AuditAction.RECORDING_STARTED, R1, Map.of("rule", "sales"));
            trail.append(Actors.GATEWAY, AuditAction.CONSENT_GIVEN, R1, Map.of("purpose", "training", "key", "1"));
            TestAudio.wav(dir.resolve("rec/" + R1 + ".wav"), 20);
            filer.file(r1);

            var diagnostics = store.diagnostics();
            diagnostics.insertTicket(new DiagnosticTicket("t1", "KPN-4711", "kpn", "line drops", 3, Duration.ofSeconds(120),
                    T0.plusSeconds(86_400), T0, null));
            Recording d1 = Recording.active(D1, new RecordedCall("u2", "l2", "PJSIP/agent-2", "+31202222222", "200"), new Evidence("ticket:KPN-4711", notice, null), new PurposeSet(Purpose.PROVIDER_DIAGNOSTICS, LegalBasis.LEGITIMATE_INTEREST, java.time.Duration.ofDays(30), null, List.of()), dir.resolve("rec/" + D1 + ".wav").toString(), T0);
            store.insert(d1);
            diagnostics.linkRecording(new DiagnosticRecording(D1, "t1", "PJSIP/agent", "PJSIP/agent-2", "PJSIP/caller-3",
                    List.of("PJSIP/agent-2", "PJSIP/caller-3")));
            trail.append(Actors.agent("PJSIP/agent"), AuditAction.RECORDING_STARTED, D1, Map.of("ticket", "KPN-4711"));
            diagnostics.addMarker(new FaultMarker(D1, 10_000, T0.plusSeconds(10), "agent:PJSIP/agent"));
            trail.append(Actors.agent("PJSIP/agent"), AuditAction.FAULT_MARKED, D1, Map.of("offsetMillis", "10000"));
            TestAudio.wav(dir.resolve("rec/" + D1 + ".wav"), 20);
            filer.file(d1);
            trail.append(Actors.token("dpo"), AuditAction.RECORDING_READ, R1, Map.of("via", "http"));
            events = trail.since(0, 100).size();
        }
        assertEquals(0, run("audit", "--config", config.toString(), "verify", "--recordings"), err());
        events++;  // the verification itself
        out.reset();
        err.reset();
    }

    @Test
    void anUntouchedDatabaseVerifiesWithEveryRecordingMatching() throws Exception {
        assertEquals(0, run("audit", "--config", config.toString(), "verify", "--recordings"), err());
        assertTrue(out().contains("\"recordings\" : [ ]"), out());
        try (Stream<Path> files = Files.list(dir.resolve("rec"))) {
            assertTrue(files.allMatch(f -> f.toString().endsWith(".wav.enc")), "only sealed audio on disk");
        }
    }

    static Stream<Arguments> chainTampering() {
        return Stream.of(
                Arguments.of("edit", List.of("DROP TRIGGER audit_events_no_update",
                        "UPDATE audit_events SET actor = 'token:someone-else' WHERE sequence = 3"), "broken at event 3 (edited)"),
                Arguments.of("delete", List.of("DROP TRIGGER audit_events_no_delete",
                        "DELETE FROM audit_events WHERE sequence = 3"), "broken at event 3 (missing)"),
                Arguments.of("reorder", List.of("DROP TRIGGER audit_events_no_update",
                        "UPDATE audit_events SET sequence = -3 WHERE sequence = 3",
                        "UPDATE audit_events SET sequence = 3 WHERE sequence = 4",
                        "UPDATE audit_events SET sequence = 4 WHERE sequence = -3"), "broken at event 3 (edited)"),
                Arguments.of("truncate", List.of("DROP TRIGGER audit_events_no_delete",
                        "DELETE FROM audit_events WHERE sequence > 5"), "broken at event 6 (truncated)"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("chainTampering")
    void tamperingWithTheChainIsFoundAtTheFirstBadEvent(String what, List<String> sql, String found) throws Exception {
        execute(sql);

        assertEquals(1, run("audit", "--config", config.toString(), "verify"), what);
        assertTrue(err().contains(found), err());
    }

    @Test
    void reChainingWithoutTheKeyIsFoundAtTheEditedEvent() throws Exception {
        byte[] guessed = new byte[32];
        rechainFrom(3, HashChain.keyed(guessed), "token:someone-else");

        assertEquals(1, run("audit", "--config", config.toString(), "verify"));
        assertTrue(err().contains("broken at event 3 (edited)"), err());
    }

    @Test
    void reChainingWithTheKeyIsFoundByTheCheckpointedHead() throws Exception {
        rechainFrom(3, ChainKeyFile.load(dir.resolve("keys/audit-chain.key"), false), "token:someone-else");

        assertEquals(1, run("audit", "--config", config.toString(), "verify"));
        assertTrue(err().contains("(rechained)"), err());
        assertTrue(err().contains(dir.resolve("data/audit-head.json").toString()), err());
    }

    static Stream<Arguments> evidenceTampering() {
        return Stream.of(
                Arguments.of("UPDATE recordings SET purpose = 'quality' WHERE id = '" + D1 + "'", D1, "table recordings"),
                Arguments.of("UPDATE recordings SET notice_text_version = 4 WHERE id = '" + R1 + "'", R1, "table recordings"),
                Arguments.of("UPDATE recordings SET sha256 = '" + "0".repeat(64) + "' WHERE id = '" + R1 + "'", R1, "table recordings"),
                Arguments.of("UPDATE recording_purposes SET legal_basis = 'contract' WHERE recording_id = '" + R1 + "'", R1,
                        "table recording_purposes"),
                Arguments.of("UPDATE consent_evidence SET given = 0 WHERE recording_id = '" + R1 + "'", R1, "table consent_evidence"),
                Arguments.of("INSERT INTO fault_markers (recording_id, offset_millis, at, by_whom) VALUES ('" + D1
                        + "', 15000, '2025-06-02T10:00:15Z', 'agent:PJSIP/agent')", D1, "table fault_markers"),
                Arguments.of("UPDATE diagnostic_recordings SET notice_heard_by = 'PJSIP/agent-2' WHERE recording_id = '" + D1 + "'",
                        D1, "table diagnostic_recordings"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("evidenceTampering")
    void anEditedEvidenceTableIsNamedWithItsRecording(String sql, String recording, String table) throws Exception {
        execute(List.of(sql));

        assertEquals(0, run("audit", "--config", config.toString(), "verify"), "the chain itself holds: " + err());
        assertEquals(1, run("audit", "--config", config.toString(), "verify", "--recordings"));
        assertTrue(err().contains("recording " + recording + ": " + table + " no longer matches the evidence digest of event"),
                err());
        assertEquals(1, err().lines().filter(l -> l.contains("no longer match")).count(), err());
    }

    @Test
    void aSwappedAudioFileIsNamed() throws Exception {
        Files.copy(dir.resolve("rec/" + D1 + ".wav.enc"), dir.resolve("rec/" + R1 + ".wav.enc"), StandardCopyOption.REPLACE_EXISTING);

        assertEquals(1, run("audit", "--config", config.toString(), "verify", "--recordings"));
        assertTrue(err().contains("recording " + R1 + ": the sealed audio of recording " + R1), err());
        assertTrue(!err().contains("recording " + D1), err());
    }

    /** Edits event {@code from}'s actor and recomputes every later hash and link under {@code key}, as an insider would. */
    private void rechainFrom(long from, HashChain key, String actor) throws Exception {
        try (JdbcRecordingStore store = JdbcRecordingStore.open(db)) {
            List<AuditEvent> all = store.auditTrail(Clock.systemUTC(), dir.resolve("keys/audit-chain.key"),
                    dir.resolve("scratch-head.json")).since(0, 1000);
            execute(List.of("DROP TRIGGER audit_events_no_update"));
            try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
                 PreparedStatement update = c.prepareStatement(
                         "UPDATE audit_events SET actor = ?, previous_hash = ?, hash = ? WHERE sequence = ?")) {
                String previous = all.get((int) from - 2).hash();
                for (AuditEvent e : all.subList((int) from - 1, all.size())) {
                    String newActor = e.sequence() == from ? actor : e.actor();
                    AuditEvent relinked = key.link(e.sequence(), e.at(), newActor, e.action(), e.recordingId(), e.details(), previous);
                    update.setString(1, newActor);
                    update.setString(2, previous);
                    update.setString(3, relinked.hash());
                    update.setLong(4, e.sequence());
                    update.executeUpdate();
                    previous = relinked.hash();
                }
            }
        }
    }

    private void execute(List<String> sql) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement()) {
            for (String statement : sql) {
                s.execute(statement);
            }
        }
    }

    private int run(String... args) throws Exception {
        out.reset();
        err.reset();
        return GatewayMain.run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }
}
