package org.recgateway.diagnostics;

import java.time.Clock;
import java.util.List;
import java.util.Map;

import org.recgateway.audit.Actors;
import org.recgateway.audit.AuditAction;
import org.recgateway.metrics.GatewayMetrics;
import org.recgateway.recording.AuditNotes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives back diagnostic slots whose reservation never became a recording. A slot is reserved at the key press and
 * held only while the notice plays ({@link DiagnosticsStore.Hold}); the start then confirms it or releases it. A gateway
 * that died mid-notice (or whose start hung, or whose call is gone without an answer) does neither, and the slot would
 * keep its ticket's count and its call's one chance for good. The hold's end is kept in the store with the slot
 * (migration V16), so any gateway on the store releases it: this sweep runs at start-up (so a restarted gateway frees
 * what it left) and every few seconds. Each release is done once across gateways, and is logged at WARN, counted
 * ({@code gateway.diagnostic.switches{outcome=reservation-expired}}) and audited ({@code diagnostic-slot-released}).
 * The same sweep gives back a confirmed slot whose recording row never appeared ({@link
 * DiagnosticsStore#releaseNeverStored}: the gateway stopped between the confirmation and the insert, or the insert
 * failed): nothing was recorded on it. Logged, counted ({@code outcome=never-stored}) and audited the same way, with
 * the recording's id.
 */
public final class ExpiredReservations {
    private static final Logger LOG = LoggerFactory.getLogger(ExpiredReservations.class);

    private final DiagnosticsStore tickets;
    private final AuditNotes audit;
    private final GatewayMetrics metrics;
    private final Clock clock;

    /** @param audit where each release is noted; null: not audited (tools and tests without a trail) */
    public ExpiredReservations(DiagnosticsStore tickets, AuditNotes audit, GatewayMetrics metrics, Clock clock) {
        this.tickets = tickets;
        this.audit = audit;
        this.metrics = metrics;
        this.clock = clock;
    }

    /**
     * Releases every reservation whose hold has ended and every confirmed slot whose recording was never stored;
     * returns how many this gateway released (another gateway's sweep may release some of them first). Never throws: a
     * failure is logged and the next sweep tries again.
     */
    public int release() {
        return releaseReservations() + releaseNeverStored();
    }

    private int releaseNeverStored() {
        List<DiagnosticsStore.UnstoredSlot> released;
        try {
            released = tickets.releaseNeverStored(clock.instant());
        } catch (RuntimeException e) {
            LOG.warn("could not release the diagnostic slots whose recording was never stored, retrying at the next sweep:"
                    + " {}", e.toString());
            return 0;
        }
        for (DiagnosticsStore.UnstoredSlot slot : released) {
            metrics.diagnosticSwitch("never-stored");
            LOG.warn("diagnostic slot {} of ticket {} for call {} released: confirmed at {} for recording {}, whose row was"
                    + " never stored (its gateway stopped before the start, or the store refused the insert), so nothing was"
                    + " recorded; the ticket has the slot back and the call may be switched on again", slot.slotId(),
                    slot.ticketId(), slot.call(), slot.confirmedAt(), slot.recordingId());
            if (audit != null) {
                audit.note(Actors.GATEWAY, AuditAction.DIAGNOSTIC_SLOT_RELEASED, null, Map.of("slot", slot.slotId(),
                        "ticket", slot.ticketId(), "call", slot.call(), "recording", slot.recordingId(),
                        "confirmedAt", slot.confirmedAt().toString(), "why", "never-stored"));
            }
        }
        return released.size();
    }

    private int releaseReservations() {
        List<DiagnosticsStore.ExpiredSlot> released;
        try {
            released = tickets.releaseExpired(clock.instant());
        } catch (RuntimeException e) {
            LOG.warn("could not release expired diagnostic slot reservations, retrying at the next sweep: {}", e.toString());
            return 0;
        }
        for (DiagnosticsStore.ExpiredSlot slot : released) {
            metrics.diagnosticSwitch("reservation-expired");
            LOG.warn("diagnostic slot {} of ticket {} for call {} released: reserved by {} at {} and held until {}, it never"
                    + " became a recording (that gateway stopped or its start hung while the notice played); the ticket has"
                    + " the slot back and the call may be switched on again", slot.slotId(), slot.ticketId(), slot.call(),
                    slot.reservedBy(), slot.reservedAt(), slot.heldUntil());
            if (audit != null) {
                audit.note(Actors.GATEWAY, AuditAction.DIAGNOSTIC_SLOT_RELEASED, null, Map.of("slot", slot.slotId(),
                        "ticket", slot.ticketId(), "call", slot.call(), "reservedBy", slot.reservedBy(),
                        "reservedAt", slot.reservedAt().toString(), "heldUntil", slot.heldUntil().toString()));
            }
        }
        return released.size();
    }
}
