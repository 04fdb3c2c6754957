package org.recgateway.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recgateway.diagnostics.DiagnosticTicket;
import org.recgateway.listening.ListeningWindow;
import org.recgateway.listening.Play;
import org.recgateway.listening.Span;
import org.recgateway.policy.Purpose;
import org.recgateway.recording.TestRecordings;

class JdbcListeningStoreTest {
    private static final Instant T = Instant.parse("2025-06-02T10:00:00.123456789Z");

    @TempDir
    Path dir;

    private JdbcRecordingStore store;
    private JdbcListeningStore listening;

    @BeforeEach
    void open() {
        store = TestStores.open(dir.resolve("r.db"));
        listening = JdbcListeningStore.of(store);
        store.diagnostics().insertTicket(new DiagnosticTicket("t1", "KPN-1", "kpn", "", 2, Duration.ofSeconds(120),
                T.plusSeconds(3600), T, null));
        store.insert(TestRecordings.active("r1", 0, "+31", "200", Purpose.PROVIDER_DIAGNOSTICS));
    }

    @AfterEach
    void close() {
        store.close();
    }

    private static ListeningWindow window(String id) {
        return new ListeningWindow(id, "t1", "kpn", T, T.plusSeconds(3600), 2, Duration.ofSeconds(10),
                Duration.ofSeconds(20), Duration.ofSeconds(30), "token:admin", T);
    }

    @Test
    void aWindowComesBackAsGranted() {
        listening.insertWindow(window("w1"));

        assertEquals(List.of(window("w1")), listening.windowsOf("t1"));
        assertEquals(List.of(), listening.windowsOf("t2"));
    }

    @Test
    void playsAreCountedUpToTheAllowedNumberAndNoFurther() {
        listening.insertWindow(window("w1"));
        Play play = new Play("w1", "r1", "kpn", T, new Span(45_000, 30_000));

        assertEquals(Optional.of(0), listening.recordPlay(play, 2));
        assertEquals(Optional.of(1), listening.recordPlay(play, 2));
        assertEquals(Optional.empty(), listening.recordPlay(play, 2));
        assertEquals(2, listening.plays("w1", "r1"));
    }

    @Test
    void aDeletionIsKeptWithItsTime() {
        assertEquals(Optional.empty(), listening.deletedAt("r1"));

        listening.recordDeletion("r1", T, "ticket-closed");

        assertEquals(Optional.of(T), listening.deletedAt("r1"));
    }

    @Test
    void everyTicketIsListedOpenOrClosed() {
        store.diagnostics().closeTicket("t1", T.plusSeconds(5));

        assertEquals(List.of("t1"), listening.allTickets().stream().map(DiagnosticTicket::id).toList());
        assertEquals(T.plusSeconds(5), listening.allTickets().getFirst().closedAt());
    }

    @Test
    void reopeningAMigratedDatabaseKeepsTheWindows() {
        listening.insertWindow(window("w1"));
        store.close();
        store = TestStores.open(dir.resolve("r.db"));

        assertEquals(List.of(window("w1")), JdbcListeningStore.of(store).windowsOf("t1"));
    }
}
