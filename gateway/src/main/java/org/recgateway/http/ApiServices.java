package org.recgateway.http;

import java.time.Clock;
import java.util.Map;
import java.util.Objects;

import org.recgateway.audit.AuditTrail;
import org.recgateway.diagnostics.DiagnosticSwitch;
import org.recgateway.diagnostics.DiagnosticsStore;
import org.recgateway.listening.ListeningDesk;
import org.recgateway.listening.ListeningStore;
import org.recgateway.listening.TicketDesk;
import org.recgateway.privacy.PrivacyOffice;
import org.recgateway.recording.RecordingStore;
import org.recgateway.recording.StopAndDelete;

/**
 * What the HTTP API works with. The first three are required; an endpoint whose service is null
 * answers 503 naming what is missing (e.g. a gateway built without diagnostics).
 *
 * @param store          recording metadata
 * @param audit          where every read and change is recorded, and what {@code /api/audit} serves
 * @param clock          the time for tokens' expiry and the Date header
 * @param diagnostics    tickets, diagnostic links and fault markers
 * @param listening      listening windows (for ticket listings)
 * @param desk           the provider's samples and plays
 * @param tickets        opening and closing tickets, granting windows
 * @param stopAndDelete  stop and delete a running recording at the caller's request
 * @param diagnosticSwitch the agent's switch (fault markers)
 * @param metrics        the gateway's meters
 * @param privacy        holds, erasure and subject access
 */
public record ApiServices(RecordingStore store, AuditTrail audit, Clock clock, DiagnosticsStore diagnostics,
                          ListeningStore listening, ListeningDesk desk, TicketDesk tickets, StopAndDelete stopAndDelete,
                          DiagnosticSwitch diagnosticSwitch, java.util.function.Supplier<Map<String, Object>> metrics,
                          PrivacyOffice privacy) {
    public ApiServices {
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(audit, "audit");
        Objects.requireNonNull(clock, "clock");
    }

    /** Without the privacy officer's tools (their endpoints answer 503). */
    public ApiServices(RecordingStore store, AuditTrail audit, Clock clock, DiagnosticsStore diagnostics,
                       ListeningStore listening, ListeningDesk desk, TicketDesk tickets, StopAndDelete stopAndDelete,
                       DiagnosticSwitch diagnosticSwitch, java.util.function.Supplier<Map<String, Object>> metrics) {
        this(store, audit, clock, diagnostics, listening, desk, tickets, stopAndDelete, diagnosticSwitch, metrics, null);
    }

    /** Only recording metadata and the audit trail. */
    public static ApiServices readOnly(RecordingStore store, AuditTrail audit, Clock clock) {
        return new ApiServices(store, audit, clock, null, null, null, null, null, null, null, null);
    }
}
