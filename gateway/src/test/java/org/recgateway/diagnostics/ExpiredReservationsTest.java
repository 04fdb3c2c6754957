package org.recgateway.diagnostics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recgateway.audit.AuditAction;
import org.recgateway.audit.AuditEvent;
import org.recgateway.listening.MutableClock;

/**
 * A slot reserved at a key press whose start never confirmed it (its gateway died mid-notice, or the start hung) is
 * given back when its hold ends, by whichever gateway sweeps: logged, counted and audited; a live one is left alone.
 */
class ExpiredReservationsTest {
    private static final Duration MAX = Duration.ofSeconds(120);
    /** The rig's notice timeout (30 s) and the margin beyond it. */
    private static final Duration HOLD = Duration.ofSeconds(30).plus(DiagnosticSwitch.HOLD_BEYOND_NOTICE);

    @TempDir
    Path dir;
    private MutableClock clock;
    private SwitchRig rig;

    @BeforeEach
    void open() {
        clock = new MutableClock(SwitchRig.T0);
        rig = SwitchRig.open(dir, clock, 3);
    }

    @AfterEach
    void close() {
        rig.close();
    }

    @Test
    void aSlotADeadGatewayReservedIsReleasedAuditedAndCountedAndTheCallCanSwitchAgain() throws Exception {
        rig.ticket("t1", 2, MAX);
        // Another gateway on this store reserved the call's slot and died while the notice played.
        rig.tickets.reserve("t1", "call-7", null, clock.instant(), new DiagnosticsStore.Hold(HOLD, "gw-dead:4711"));
        DiagnosticSwitch.Outcome blocked = rig.diagnostics.toggle(SwitchRig.press(1, 7, null));
        assertTrue(blocked.reason().contains("being switched on for this call already"), blocked.reason());

        clock.advance(HOLD.minusSeconds(1));
        assertEquals(0, rig.diagnostics.expiredReservations().release(), "held while its notice may still play");
        clock.advance(Duration.ofSeconds(1));
        assertEquals(1, rig.diagnostics.expiredReservations().release());
        assertEquals(0, rig.diagnostics.expiredReservations().release(), "released once");

        assertEquals(1.0, rig.metrics.registry().counter("gateway.diagnostic.switches", "outcome", "reservation-expired").count());
        List<AuditEvent> released = rig.audit.since(0, 1000).stream()
                .filter(e -> e.action() == AuditAction.DIAGNOSTIC_SLOT_RELEASED).toList();
        assertEquals(1, released.size());
        assertEquals("gw-dead:4711", released.getFirst().details().get("reservedBy"));
        assertEquals("call-7", released.getFirst().details().get("call"));
        assertEquals("t1", released.getFirst().details().get("ticket"));
        assertEquals(SwitchRig.T0.plus(HOLD).toString(), released.getFirst().details().get("heldUntil"));

        assertEquals("starting", rig.diagnostics.toggle(SwitchRig.press(1, 7, null)).action(), "the ticket and the call are free");
        rig.settle();
        assertEquals(1, rig.started.size());
    }

    @Test
    void aStartThatOutlivesItsHoldRecordsNothingAndALiveOneIsNotReleased() throws Exception {
        rig.ticket("t1", 2, MAX);
        rig.noticeGate = new CountDownLatch(1);  // the notice hangs
        assertEquals("starting", rig.diagnostics.toggle(SwitchRig.press(1, 7, null)).action());

        clock.advance(HOLD.minusSeconds(1));
        assertEquals(0, rig.diagnostics.expiredReservations().release(), "a live start keeps its slot for the whole hold");
        assertEquals(1, rig.tickets.slotsUsed("t1"));
        clock.advance(Duration.ofSeconds(1));
        assertEquals(1, rig.diagnostics.expiredReservations().release());
        rig.noticeGate.countDown();
        rig.settle();

        assertEquals(List.of(), List.copyOf(rig.started), "no MixMonitor on a slot the store gave back");
        assertEquals(0, rig.tickets.slotsUsed("t1"));
        String reservedBy = rig.audit.since(0, 1000).stream().filter(e -> e.action() == AuditAction.DIAGNOSTIC_SLOT_RELEASED)
                .findFirst().orElseThrow().details().get("reservedBy");
        assertTrue(reservedBy.contains(":" + ProcessHandle.current().pid() + ":"), "the gateway is named by host and process: "
                + reservedBy);
    }
    @Test
    void aSlotConfirmedByAGatewayThatDiedBeforeItsInsertIsReleasedAuditedAndCounted() throws Exception {
        rig.ticket("t1", 2, MAX);
        // Another gateway confirmed the slot after the notice and died before the recording's row was stored.
        Reservation.Reserved slot = (Reservation.Reserved) rig.tickets.reserve("t1", "call-7", null, clock.instant(),
                new DiagnosticsStore.Hold(HOLD, "gw-dead:4711"));
        assertEquals(Optional.empty(), rig.tickets.confirm(slot.slotId(), new DiagnosticRecording("d-never", "t1",
                "PJSIP/agent1", "PJSIP/agent1-1", "PJSIP/caller-1", List.of("PJSIP/agent1-1"), "agent:PJSIP/agent1",
                "feature-code"), clock.instant(), clock.instant().plus(MAX)));
        assertEquals(1, rig.tickets.slotsUsed("t1"));

        clock.advance(DiagnosticsStore.NEVER_STORED_AFTER.minusSeconds(1));
        assertEquals(0, rig.diagnostics.expiredReservations().release(), "its insert may still be on its way");
        clock.advance(Duration.ofSeconds(1));
        assertEquals(1, rig.diagnostics.expiredReservations().release());
        assertEquals(0, rig.diagnostics.expiredReservations().release(), "released once");

        assertEquals(0, rig.tickets.slotsUsed("t1"));
        assertEquals(1.0, rig.metrics.registry().counter("gateway.diagnostic.switches", "outcome", "never-stored").count());
        List<AuditEvent> released = rig.audit.since(0, 1000).stream()
                .filter(e -> e.action() == AuditAction.DIAGNOSTIC_SLOT_RELEASED).toList();
        assertEquals(1, released.size());
        assertEquals("d-never", released.getFirst().details().get("recording"));
        assertEquals("never-stored", released.getFirst().details().get("why"));
        assertEquals("starting", rig.diagnostics.toggle(SwitchRig.press(1, 7, null)).action(), "the ticket and the call are free");
        rig.settle();
        assertEquals(1, rig.started.size());
    }
}
