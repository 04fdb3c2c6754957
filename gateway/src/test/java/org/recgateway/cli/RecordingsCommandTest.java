package org.recgateway.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
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
import org.recgateway.audit.AuditAction;
import org.recgateway.audit.AuditEvent;
import org.recgateway.audit.AuditTrail;
import org.recgateway.policy.Purpose;
import org.recgateway.recording.Recording;
import org.recgateway.recording.RecordingView;
import org.recgateway.recording.TestRecordings;
import org.recgateway.testing.FailingAuditTrail;
import org.recgateway.store.JdbcAuditTrail;
import org.recgateway.store.JdbcRecordingStore;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

class RecordingsCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private JdbcRecordingStore store;
    private JdbcAuditTrail trail;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private Recording first;
    private Recording second;

    @BeforeEach
    void fill() {
        store = JdbcRecordingStore.open(dir.resolve("recordings.db"));
        trail = store.auditTrail(Clock.systemUTC());
        first = TestRecordings.active("r1", 0, "+31201111111", "200", Purpose.QUALITY);
        second = TestRecordings.filed(TestRecordings.active("r2", 10, "+31202222222", "300", Purpose.TRAINING));
        store.insert(first);
        store.insert(second);
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void idPrintsTheRecordingsViewPretty() throws Exception {
        assertEquals(0, run("--id", "r2"));

        assertEquals(JSON.readTree(JSON.writeValueAsString(RecordingView.of(second, java.util.List.of()))), JSON.readTree(out()));
        assertTrue(out().contains("\n  \"uniqueId\""), out());
        assertEquals("", err());
    }

    @Test
    void unknownIdIsReportedOnErrWithExitOne() {
        assertEquals(1, run("--id", "nope"));

        assertEquals("", out());
        assertTrue(err().contains("no recording with id nope"), err());
    }

    static Stream<Arguments> searches() {
        return Stream.of(
                Arguments.of(List.of(), List.of("r2", "r1")),
                Arguments.of(List.of("--limit", "1"), List.of("r2")),
                Arguments.of(List.of("--number=+31201111111"), List.of("r1")),
                Arguments.of(List.of("--purpose", "training"), List.of("r2")),
                Arguments.of(List.of("--linkedid", "linked-r1"), List.of("r1")),
                Arguments.of(List.of("--from", "2025-03-14T09:30:00Z"), List.of("r2")),
                Arguments.of(List.of("--to", "2025-03-14T09:30:00Z"), List.of("r1")));
    }

    @ParameterizedTest
    @MethodSource("searches")
    void searchPrintsMatchingRecordingsNewestFirst(List<String> args, List<String> ids) throws Exception {
        assertEquals(0, RecordingsCommand.run(args, store, trail, print(out), print(err)));

        List<String> found = JSON.readTree(out()).get("recordings").valueStream()
                .map(r -> r.get("id").asText()).toList();
        assertEquals(ids, found);
    }

    @Test
    void uniqueIdSearchFindsItsRecording() throws Exception {
        assertEquals(0, run("--uniqueid", first.uniqueId()));

        JsonNode recordings = JSON.readTree(out()).get("recordings");
        assertEquals(1, recordings.size());
        assertEquals("r1", recordings.get(0).get("id").asText());
    }

    @Test
    void noResultsPrintAnEmptyListWithExitZero() throws Exception {
        assertEquals(0, run("--number", "0000"));

        assertEquals(JSON.readTree("{\"recordings\":[]}"), JSON.readTree(out()));
    }

    static Stream<Arguments> badOptions() {
        return Stream.of(
                Arguments.of(List.of("--limit", "0"), "--limit"),
                Arguments.of(List.of("--limit"), "option --limit needs a value"),
                Arguments.of(List.of("--from", "monday"), "--from"),
                Arguments.of(List.of("--from", "2025-03-15T00:00:00Z", "--to", "2025-03-14T00:00:00Z"), "--from"),
                Arguments.of(List.of("--purpose", "marketing"), "--purpose"),
                Arguments.of(List.of("--number", "06;12"), "--number"),
                Arguments.of(List.of("--id", "../etc/passwd"), "--id"),
                Arguments.of(List.of("--id", "r1", "--purpose", "quality"), "cannot be combined"),
                Arguments.of(List.of("--purpose", "quality", "--purpose", "training"), "more than once"),
                Arguments.of(List.of("--verbose"), "unknown option '--verbose'"),
                Arguments.of(List.of("r1"), "unexpected argument 'r1'"));
    }

    @ParameterizedTest
    @MethodSource("badOptions")
    void badOptionsAreNamedWithUsageAndExitTwo(List<String> args, String named) {
        assertEquals(2, RecordingsCommand.run(args, store, trail, print(out), print(err)));

        assertTrue(err().contains(named), err());
        assertTrue(err().contains("usage: gateway recordings"), err());
        assertEquals("", out());
    }

    @Test
    void helpPrintsUsageWithExitZero() {
        assertEquals(0, run("--help"));

        assertTrue(out().startsWith("usage: gateway recordings"), out());
    }

    @Test
    void storeFailureIsReportedWithExitOne() {
        store.close();

        assertEquals(1, run("--id", "r1"));
        assertTrue(err().contains("could not read the recording store"), err());
    }

    @Test
    void readingOneRecordingIsAuditedAsTheCli() {
        assertEquals(0, run("--id", "r2"));

        List<AuditEvent> events = trail.forRecording("r2");
        assertEquals(1, events.size());
        assertEquals(org.recgateway.audit.Actors.commandLine(), events.getFirst().actor());
        assertEquals(AuditAction.RECORDING_READ, events.getFirst().action());
    }

    @Test
    void aSearchedNumberIsAuditedOnlyAsItsKeyedPseudonym() {
        var pseudonyms = new org.recgateway.recording.Pseudonyms(new byte[32],
                org.recgateway.recording.PhoneNumbers.withDefaultRegion("NL"));
        assertEquals(0, RecordingsCommand.run(List.of("--number", "06 1234 5678"), store, trail, pseudonyms::of,
                new java.io.PrintStream(new java.io.ByteArrayOutputStream()), new java.io.PrintStream(new java.io.ByteArrayOutputStream())));

        String audited = trail.since(0, 10).getFirst().details().get("number");
        assertEquals(pseudonyms.of("+31612345678"), audited, "one pseudonym for every notation");
        assertTrue(audited.startsWith("pn:") && !audited.contains("612345678"), audited);
    }

    @Test
    void aSearchIsOneAuditEventWithItsCriteriaAndCount() {
        assertEquals(0, run("--purpose", "training", "--limit", "5"));

        List<AuditEvent> events = trail.since(0, 10);
        assertEquals(1, events.size());
        assertEquals(AuditAction.RECORDING_LISTED, events.getFirst().action());
        assertEquals(Map.of("via", "cli", "purpose", "training", "limit", "5", "count", "1"),
                events.getFirst().details());
    }

    @Test
    void unknownIdOrBadOptionsAreNotAudited() {
        run("--id", "nope");
        run("--limit", "0");

        assertEquals(List.of(), trail.since(0, 10));
    }

    @Test
    void nothingIsPrintedWhenTheReadCannotBeAudited() {
        AuditTrail broken = new FailingAuditTrail();

        assertEquals(1, RecordingsCommand.run(List.of("--id", "r1"), store, broken, print(out), print(err)));
        assertEquals("", out());
        assertTrue(err().contains("audit trail"), err());
    }

    private int run(String... args) {
        return RecordingsCommand.run(List.of(args), store, trail, print(out), print(err));
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
