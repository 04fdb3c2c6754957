package org.recgateway.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.recgateway.diagnostics.DiagnosticRecording;
import org.recgateway.diagnostics.DiagnosticTicket;
import org.recgateway.diagnostics.DiagnosticsStore;
import org.recgateway.diagnostics.FaultMarker;
import org.recgateway.diagnostics.Reservation;
import org.recgateway.policy.LegalBasis;
import org.recgateway.policy.Purpose;
import org.recgateway.recording.Evidence;
import org.recgateway.recording.PurposeSet;
import org.recgateway.recording.RecordedCall;
import org.recgateway.recording.Recording;

class DiagnosticSlotsStoreTest {
    private static final Instant T = Instant.parse("2026-03-02T09:00:00Z");
    private static final DiagnosticsStore.Hold HELD_BY_A = new DiagnosticsStore.Hold(Duration.ofSeconds(90), "gw-a:1234");

    @TempDir
    Path dir;
    private JdbcRecordingStore store;
    private JdbcDiagnosticsStore diagnostics;

    @BeforeEach
    void open() {
        store = TestStores.open(dir.resolve("r.db"));
        diagnostics = store.diagnostics();
        diagnostics.insertTicket(new DiagnosticTicket("t1", "KPN-1", "kpn", "", 2, Duration.ofSeconds(120),
                T.plusSeconds(3600), T, null));
    }

    @AfterEach
    void close() {
        store.close();
    }

    private static DiagnosticRecording link(String recordingId) {
        return new DiagnosticRecording(recordingId, "t1", "PJSIP/agent", "PJSIP/agent-00000001", "PJSIP/caller-00000002",
                List.of("PJSIP/agent-00000001"), "agent:PJSIP/agent", "feature-code");
    }

    @ParameterizedTest(name = "{0} presses at once")
    @ValueSource(ints = {2, 10, 50})
    void concurrentReservationsForTheLastSlotTakeExactlyIt(int presses) throws Exception {
        assertInstanceOf(Reservation.Reserved.class, diagnostics.reserve("t1", "call-0", T));
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(presses, 16));
        List<Future<Reservation>> answers = new ArrayList<>();
        for (int i = 1; i <= presses; i++) {
            String call = "call-" + i;
            answers.add(pool.submit(() -> {
                go.await();
                return diagnostics.reserve("t1", call, T);
            }));
        }
        go.countDown();
        int reserved = 0;
        for (Future<Reservation> a : answers) {
            reserved += a.get() instanceof Reservation.Reserved ? 1 : 0;
        }
        pool.shutdown();
        assertEquals(1, reserved);
        assertEquals(2, diagnostics.slotsUsed("t1"));
    }

    @Test
    void oneSlotPerCallEvenAfterItsRecordingEnded() {
        Reservation.Reserved r = (Reservation.Reserved) diagnostics.reserve("t1", "call-1", T);
        assertEquals(Optional.empty(), diagnostics.confirm(r.slotId(), link("d1"), T.plusSeconds(5), T.plusSeconds(125)));
        diagnostics.stopConfirmed("d1", T.plusSeconds(125));
        Reservation again = diagnostics.reserve("t1", "call-1", T.plusSeconds(200));
        assertTrue(((Reservation.Refused) again).reason().contains("one per call"), again.toString());
    }

    @Test
    void aSlotKeptUnderItsCallsFormerKeyCountsForTheCall() {
        // As slots were keyed before several Asterisk servers (a bare linkedid); one reserved, one recorded and stopped.
        diagnostics.reserve("t1", "1764543600.7", T);
        Reservation.Reserved r = (Reservation.Reserved) diagnostics.reserve("t1", "1764543600.8", T);
        assertEquals(Optional.empty(), diagnostics.confirm(r.slotId(), link("d1"), T.plusSeconds(5), T.plusSeconds(125)));
        diagnostics.stopConfirmed("d1", T.plusSeconds(125));

        Reservation held = diagnostics.reserve("t1", "pbx1/1764543600.7", "1764543600.7", T.plusSeconds(200));
        Reservation had = diagnostics.reserve("t1", "pbx1/1764543600.8", "1764543600.8", T.plusSeconds(200));

        assertTrue(((Reservation.Refused) held).reason().contains("being switched on for this call already"), held.toString());
        assertTrue(((Reservation.Refused) had).reason().contains("one per call"), had.toString());
        diagnostics.insertTicket(new DiagnosticTicket("t2", "KPN-2", "kpn", "", 2, Duration.ofSeconds(120),
                T.plusSeconds(3600), T, null));
        assertInstanceOf(Reservation.Reserved.class, diagnostics.reserve("t2", "pbx2/1764543600.8", null, T.plusSeconds(200)),
                "another server's call of an equal linkedid is another call");
    }

    @Test
    void aReleasedSlotGivesTheTicketAndTheCallTheirChanceBack() {
        Reservation.Reserved r = (Reservation.Reserved) diagnostics.reserve("t1", "call-1", T);
        diagnostics.release(r.slotId(), "the notice did not reach the caller");
        assertEquals(0, diagnostics.slotsUsed("t1"));
        assertInstanceOf(Reservation.Reserved.class, diagnostics.reserve("t1", "call-1", T));
    }

    @Test
    void aTicketClosedOrPastItsDeadlineAtConfirmationReleasesTheSlot() {
        Reservation.Reserved r = (Reservation.Reserved) diagnostics.reserve("t1", "call-1", T);
        diagnostics.closeTicket("t1", T.plusSeconds(2));
        Optional<String> refused = diagnostics.confirm(r.slotId(), link("d1"), T.plusSeconds(5), T.plusSeconds(125));
        assertTrue(refused.orElseThrow().contains("closed while the notice played"), refused.toString());
        assertEquals(0, diagnostics.slotsUsed("t1"));
        assertEquals(List.of(), diagnostics.recordingsOf("t1"));

        diagnostics.insertTicket(new DiagnosticTicket("t2", "KPN-2", "kpn", "", 2, Duration.ofSeconds(120),
                T.plusSeconds(10), T, null));
        Reservation.Reserved late = (Reservation.Reserved) diagnostics.reserve("t2", "call-2", T);
        assertTrue(diagnostics.confirm(late.slotId(), new DiagnosticRecording("d2", "t2", "", "", "", List.of()),
                T.plusSeconds(10), T.plusSeconds(130)).orElseThrow().contains("deadline"));
    }

    @Test
    void theStoreItselfRefusesASlotBeyondTheLimitOrOnAClosedTicket() {
        diagnostics.reserve("t1", "call-1", T);
        diagnostics.reserve("t1", "call-2", T);
        StoreException beyond = assertThrows(StoreException.class, () -> insertSlot("s3", "t1", "call-3", T));
        assertTrue(beyond.getMessage().contains("has all its recordings"), beyond.getMessage());
        diagnostics.insertTicket(new DiagnosticTicket("t3", "KPN-3", "kpn", "", 2, Duration.ofSeconds(120),
                T.plusSeconds(10), T, null));
        StoreException sameCall = assertThrows(StoreException.class, () -> insertSlot("s4", "t3", "call-1", T));
        assertTrue(sameCall.getMessage().toLowerCase(java.util.Locale.ROOT).contains("unique"), sameCall.getMessage());  // both databases
        StoreException late = assertThrows(StoreException.class, () -> insertSlot("s5", "t3", "call-5", T.plusSeconds(10)));
        assertTrue(late.getMessage().contains("deadline"), late.getMessage());
        diagnostics.closeTicket("t3", T);
        StoreException closed = assertThrows(StoreException.class, () -> insertSlot("s6", "t3", "call-6", T));
        assertTrue(closed.getMessage().contains("closed"), closed.getMessage());
    }

    @Test
    void aReservationLeftByADeadGatewayIsReleasedOnceWhenItsHoldEnds() {
        Reservation.Reserved r = (Reservation.Reserved) diagnostics.reserve("t1", "call-1", null, T, HELD_BY_A);

        assertEquals(List.of(), diagnostics.releaseExpired(T.plusSeconds(89)), "held while its notice may still play");
        assertEquals(1, diagnostics.slotsUsed("t1"));
        List<DiagnosticsStore.ExpiredSlot> released = diagnostics.releaseExpired(T.plusSeconds(90));

        assertEquals(List.of(new DiagnosticsStore.ExpiredSlot(r.slotId(), "t1", "call-1", "gw-a:1234", T, T.plusSeconds(90))),
                released);
        assertEquals(0, diagnostics.slotsUsed("t1"));
        assertEquals(List.of(), diagnostics.releaseExpired(T.plusSeconds(95)), "released once");
        assertInstanceOf(Reservation.Reserved.class, diagnostics.reserve("t1", "call-1", null, T.plusSeconds(95), HELD_BY_A),
                "the call has its chance back");
    }

    @Test
    void aConfirmedSlotIsNeverReleasedAndAConfirmationAfterTheHoldIsRefused() {
        Reservation.Reserved live = (Reservation.Reserved) diagnostics.reserve("t1", "call-1", null, T, HELD_BY_A);
        assertEquals(Optional.empty(), diagnostics.confirm(live.slotId(), link("d1"), T.plusSeconds(89), T.plusSeconds(209)));
        Reservation.Reserved late = (Reservation.Reserved) diagnostics.reserve("t1", "call-2", null, T, HELD_BY_A);

        Optional<String> refused = diagnostics.confirm(late.slotId(), link("d2"), T.plusSeconds(90), T.plusSeconds(210));

        assertTrue(refused.orElseThrow().contains("held only until"), refused.toString());
        assertEquals(List.of(), diagnostics.releaseExpired(T.plusSeconds(3000)), "the confirmed slot stays");
        assertEquals(1, diagnostics.slotsUsed("t1"));
        assertEquals(List.of("d1"), diagnostics.recordingsOf("t1").stream().map(DiagnosticRecording::recordingId).toList());
    }

    @Test
    void aConfirmedSlotWhoseRecordingWasNeverStoredIsReleasedOnceAfterTheMarginAndOneThatWasStoredStays() {
        diagnostics.insertTicket(new DiagnosticTicket("t2", "KPN-2", "kpn", "", 3, Duration.ofSeconds(120),
                T.plusSeconds(7200), T, null));
        Reservation.Reserved lost = (Reservation.Reserved) diagnostics.reserve("t2", "call-1", null, T, HELD_BY_A);
        Reservation.Reserved kept = (Reservation.Reserved) diagnostics.reserve("t2", "call-2", null, T, HELD_BY_A);
        Instant confirmed = T.plusSeconds(30);
        assertEquals(Optional.empty(), diagnostics.confirm(lost.slotId(), new DiagnosticRecording("d-lost", "t2", "", "", "",
                List.of()), confirmed, confirmed.plusSeconds(120)));
        assertEquals(Optional.empty(), diagnostics.confirm(kept.slotId(), new DiagnosticRecording("d-kept", "t2", "", "", "",
                List.of()), confirmed, confirmed.plusSeconds(120)));
        store.insert(Recording.active("d-kept", new RecordedCall("1.2", "call-2", "PJSIP/agent-1", "0612", "1001"),
                new Evidence("ticket:KPN-2", null, null), PurposeSet.of(Purpose.PROVIDER_DIAGNOSTICS,
                        LegalBasis.LEGITIMATE_INTEREST, Duration.ofDays(30)), "/tmp/d-kept.wav", confirmed));
        Instant margin = confirmed.plus(DiagnosticsStore.NEVER_STORED_AFTER);

        assertEquals(List.of(), diagnostics.releaseNeverStored(margin.minusMillis(1)), "its insert may still be on its way");
        assertEquals(List.of(new DiagnosticsStore.UnstoredSlot(lost.slotId(), "t2", "call-1", "d-lost", confirmed)),
                diagnostics.releaseNeverStored(margin));
        assertEquals(List.of(), diagnostics.releaseNeverStored(margin.plusSeconds(5)), "released once; the stored one stays");
        assertEquals(1, diagnostics.slotsUsed("t2"));
        assertEquals(List.of(), diagnostics.releaseExpired(margin.plusSeconds(5)), "not a reservation either");
        assertInstanceOf(Reservation.Reserved.class, diagnostics.reserve("t2", "call-1", null, margin.plusSeconds(5), HELD_BY_A),
                "the call has its chance back");
    }

    @Test
    void aNeverStoredSlotOfAClosedOrPastTicketIsLeftAsItIs() {
        Reservation.Reserved r = (Reservation.Reserved) diagnostics.reserve("t1", "call-1", null, T, HELD_BY_A);
        assertEquals(Optional.empty(), diagnostics.confirm(r.slotId(), link("d1"), T.plusSeconds(10), T.plusSeconds(130)));
        Instant due = T.plusSeconds(10).plus(DiagnosticsStore.NEVER_STORED_AFTER);
        diagnostics.closeTicket("t1", due.minusSeconds(1));

        assertEquals(List.of(), diagnostics.releaseNeverStored(due), "a closed ticket records nothing more: no slot to give back");
        assertEquals(1, diagnostics.slotsUsed("t1"));
    }

    @Test
    void aReservationMadeWithoutAHoldIsHeldForTheStandardTime() {
        insertSlot("s1", "t1", "call-1", T);  // as a gateway before V16 reserved it: no hold_until, no reserved_by

        assertEquals(List.of(), diagnostics.releaseExpired(T.plus(DiagnosticsStore.Hold.STANDARD.length()).minusMillis(1)));
        List<DiagnosticsStore.ExpiredSlot> released = diagnostics.releaseExpired(T.plus(DiagnosticsStore.Hold.STANDARD.length()));

        assertEquals(List.of(new DiagnosticsStore.ExpiredSlot("s1", "t1", "call-1", JdbcDiagnosticSlots.BEFORE_HOLDS, T,
                T.plus(DiagnosticsStore.Hold.STANDARD.length()))), released);
        assertEquals(0, diagnostics.slotsUsed("t1"));
    }

    @Test
    void twoGatewaysSweepingAndPressingAtOnceReleaseEachDeadSlotOnceAndKeepTheLimit() throws Exception {
        diagnostics.insertTicket(new DiagnosticTicket("t3", "KPN-3", "kpn", "", 3, Duration.ofSeconds(120),
                T.plusSeconds(3600), T, null));
        for (int i = 0; i < 3; i++) {
            diagnostics.reserve("t3", "dead-" + i, null, T, new DiagnosticsStore.Hold(Duration.ofSeconds(90), "gw-dead"));
        }
        Instant later = T.plusSeconds(100);
        try (JdbcRecordingStore other = TestStores.open(dir.resolve("r.db"))) {
            List<JdbcDiagnosticsStore> gateways = List.of(diagnostics, other.diagnostics());
            CountDownLatch go = new CountDownLatch(1);
            ExecutorService pool = Executors.newFixedThreadPool(16);
            List<Future<List<DiagnosticsStore.ExpiredSlot>>> sweeps = new ArrayList<>();
            List<Future<Reservation>> presses = new ArrayList<>();
            for (int g = 0; g < 2; g++) {
                JdbcDiagnosticsStore gateway = gateways.get(g);
                DiagnosticsStore.Hold hold = new DiagnosticsStore.Hold(Duration.ofSeconds(90), "gw-" + g);
                for (int i = 0; i < 3; i++) {
                    sweeps.add(pool.submit(() -> {
                        go.await();
                        return gateway.releaseExpired(later);
                    }));
                }
                for (int i = 0; i < 8; i++) {
                    String call = "live-" + g + "-" + i;
                    presses.add(pool.submit(() -> {
                        go.await();
                        return gateway.reserve("t3", call, null, later, hold);
                    }));
                }
            }
            go.countDown();
            List<String> released = new ArrayList<>();
            for (Future<List<DiagnosticsStore.ExpiredSlot>> sweep : sweeps) {
                sweep.get().forEach(slot -> released.add(slot.call()));
            }
            long reserved = 0;
            for (Future<Reservation> press : presses) {
                reserved += press.get() instanceof Reservation.Reserved ? 1 : 0;
            }
            pool.shutdown();

            assertEquals(List.of("dead-0", "dead-1", "dead-2"), released.stream().sorted().toList(), "each dead slot once");
            assertTrue(reserved <= 3, reserved + " reserved beyond the ticket's 3");
            assertEquals(reserved, other.diagnostics().slotsUsed("t3"));
            assertEquals(List.of(), other.diagnostics().releaseExpired(later.plusSeconds(89)), "the live ones are held");
            long more = 0;
            for (int i = 0; i < 5; i++) {
                more += diagnostics.reserve("t3", "after-" + i, null, later, HELD_BY_A) instanceof Reservation.Reserved ? 1 : 0;
            }
            assertEquals(3, reserved + more, "the released slots are the ticket's again, and no more");
        }
    }

    @Test
    void theStopByTimeIsPersistedAndDueUntilConfirmed() {
        Reservation.Reserved r = (Reservation.Reserved) diagnostics.reserve("t1", "call-1", T);
        diagnostics.confirm(r.slotId(), link("d1"), T, T.plusSeconds(120));
        store.close();
        store = TestStores.open(dir.resolve("r.db"));
        diagnostics = store.diagnostics();
        assertEquals(List.of(), diagnostics.stopsDue(T.plusSeconds(119)));
        assertEquals(List.of(new org.recgateway.diagnostics.DiagnosticsStore.StopDue("d1", T.plusSeconds(120), 0)),
                diagnostics.stopsDue(T.plusSeconds(120)));
        assertEquals(1, diagnostics.stopFailed("d1"));
        diagnostics.stopRequested("d1", T.plusSeconds(30));
        assertEquals(1, diagnostics.stopsDue(T.plusSeconds(30)).size(), "the agent's stop brings it forward");
        diagnostics.stopConfirmed("d1", T.plusSeconds(31));
        assertEquals(List.of(), diagnostics.stopsDue(T.plusSeconds(500)));
    }

    @Test
    void markersStopAtTheTicketsCapEvenWrittenDirectly() {
        diagnostics.insertTicket(new DiagnosticTicket("t4", "KPN-4", "kpn", "", 2, Duration.ofSeconds(120),
                T.plusSeconds(3600), T, null).withLimits(2, Duration.ofSeconds(30), false));
        diagnostics.linkRecording(new DiagnosticRecording("d4", "t4", "PJSIP/agent", "", "", List.of()));
        assertTrue(diagnostics.addMarker(new FaultMarker("d4", 1_000, T, "agent:PJSIP/agent", "feature-code")));
        assertTrue(diagnostics.addMarker(new FaultMarker("d4", 2_000, T, "agent:PJSIP/agent", "http")));
        assertFalse(diagnostics.addMarker(new FaultMarker("d4", 3_000, T, "agent:PJSIP/agent", "feature-code")));
        assertEquals(List.of("feature-code", "http"), diagnostics.markers("d4").stream().map(FaultMarker::how).toList());
        assertFalse(diagnostics.addMarker(new FaultMarker("not-diagnostic", 1_000, T, "x", "http")),
                "only a diagnostic recording takes markers");
    }

    private void insertSlot(String id, String ticket, String call, Instant at) {
        store.locked("insert a slot directly", c -> {
            try (PreparedStatement s = c.prepareStatement("INSERT INTO diagnostic_slots (id, ticket_id, linked_id, state,"
                    + " reserved_at) VALUES (?, ?, ?, 'reserved', ?)")) {
                s.setString(1, id);
                s.setString(2, ticket);
                s.setString(3, call);
                s.setString(4, Timestamps.format(at));
                s.executeUpdate();
            }
            return null;
        });
    }
}
