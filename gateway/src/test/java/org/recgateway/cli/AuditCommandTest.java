package org.recgateway.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.recgateway.audit.Actors;
import org.recgateway.audit.AuditAction;
import org.recgateway.audit.AuditEvent;
import org.recgateway.store.JdbcAuditTrail;
import org.recgateway.store.JdbcRecordingStore;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

class AuditCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private JdbcRecordingStore store;
    private JdbcAuditTrail trail;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeEach
    void fill() {
        store = JdbcRecordingStore.open(dir.resolve("recordings.db"));
        trail = store.auditTrail(Clock.systemUTC());
        for (int i = 1; i <= 4; i++) {
            trail.append(Actors.GATEWAY, AuditAction.RECORDING_STARTED, "r" + (i % 2), Map.of());
        }
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void intactTrailVerifiesWithExitZero() throws Exception {
        assertEquals(0, run("verify"));

        JsonNode result = JSON.readTree(out());
        assertTrue(result.get("intact").asBoolean());
        assertEquals(4, result.get("events").asLong());
        assertEquals("", err());
    }

    @Test
    void verificationIsAuditedAsTheCli() {
        run("verify");

        AuditEvent verified = trail.since(4, 1).getFirst();
        assertEquals(AuditAction.AUDIT_VERIFIED, verified.action());
        assertEquals("cli:" + System.getProperty("user.name"), verified.actor());
        assertEquals("intact", verified.details().get("result"));
    }

    @Test
    void editedTrailFailsWithExitOneNamingTheEvent() throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("recordings.db"));
             Statement s = c.createStatement()) {
            s.execute("DROP TRIGGER audit_events_no_update");
            s.execute("UPDATE audit_events SET actor = 'token:mallory' WHERE sequence = 3");
        }

        assertEquals(1, run("verify"));

        assertTrue(err().contains("broken at event 3 (edited)"), err());
        assertEquals(3, JSON.readTree(out()).get("brokenAt").asLong());
    }

    @Test
    void deletedEventFailsWithExitOne() throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("recordings.db"));
             Statement s = c.createStatement()) {
            s.execute("DROP TRIGGER audit_events_no_delete");
            s.execute("DELETE FROM audit_events WHERE sequence = 2");
        }

        assertEquals(1, run("verify"));

        assertTrue(err().contains("broken at event 2 (missing)"), err());
    }

    @Test
    void listByRecordingPrintsItsEvents() throws Exception {
        assertEquals(0, run("list", "--recording", "r1"));

        List<Long> sequences = JSON.readTree(out()).get("events").valueStream()
                .map(e -> e.get("sequence").asLong()).toList();
        assertEquals(List.of(1L, 3L), sequences);
        assertEquals(AuditAction.AUDIT_LISTED, trail.since(4, 1).getFirst().action());
    }

    @Test
    void listSinceAndLimitPages() throws Exception {
        assertEquals(0, run("list", "--since=1", "--limit", "2"));

        List<Long> sequences = JSON.readTree(out()).get("events").valueStream()
                .map(e -> e.get("sequence").asLong()).toList();
        assertEquals(List.of(2L, 3L), sequences);
    }

    static Stream<Arguments> badArguments() {
        return Stream.of(
                Arguments.of(List.of(), "usage: gateway audit"),
                Arguments.of(List.of("check"), "unknown audit command 'check'"),
                Arguments.of(List.of("verify", "--deep"), "verify takes only the option --recordings"),
                Arguments.of(List.of("list", "--since", "-1"), "--since"),
                Arguments.of(List.of("list", "--limit", "0"), "--limit"),
                Arguments.of(List.of("list", "--limit"), "needs a value"),
                Arguments.of(List.of("list", "--recording", "r1", "--limit", "5"), "cannot be combined"),
                Arguments.of(List.of("list", "--recording", "../x"), "--recording"),
                Arguments.of(List.of("list", "--since", "1", "--since", "2"), "more than once"),
                Arguments.of(List.of("list", "--all"), "unknown option '--all'"));
    }

    @ParameterizedTest
    @MethodSource("badArguments")
    void badArgumentsAreNamedWithUsageAndExitTwo(List<String> args, String named) {
        assertEquals(2, AuditCommand.run(args, trail, print(out), print(err)));

        assertTrue(err().contains(named), err());
        assertTrue(err().contains("usage: gateway audit"), err());
        assertEquals("", out());
        assertEquals(4, trail.since(0, 10).size());
    }

    @Test
    void storeFailureIsReportedWithExitOne() {
        store.close();

        assertEquals(1, run("list"));
        assertTrue(err().contains("could not read or write the audit trail"), err());
        assertFalse(out().contains("events"), out());
    }

    private int run(String... args) {
        return AuditCommand.run(List.of(args), trail, print(out), print(err));
    }

    private static PrintStream print(ByteArrayOutputStream bytes) {
        return new PrintStream(bytes, true, StandardCharsets.UTF_8);
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }
}
