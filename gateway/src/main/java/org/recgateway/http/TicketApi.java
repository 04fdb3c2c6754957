package org.recgateway.http;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import org.recgateway.diagnostics.DiagnosticTicket;
import org.recgateway.diagnostics.DiagnosticsStore;
import org.recgateway.listening.ListeningStore;
import org.recgateway.listening.ListeningWindow;
import org.recgateway.listening.TicketDesk;
import org.recgateway.policy.Role;

/**
 * {@code GET /api/tickets} (administrators: every ticket; providers: their own open tickets),
 * {@code POST /api/tickets}, {@code POST /api/tickets/{id}/close} and {@code POST /api/tickets/{id}/windows}.
 */
final class TicketApi {
    static final Pattern REFERENCE = Pattern.compile("[A-Za-z0-9 ._:/#-]{1,64}");
    static final Pattern NAME = Pattern.compile("[A-Za-z0-9._@/-]{1,64}");
    static final Pattern DESCRIPTION = Pattern.compile("[^\\p{Cntrl}]{0,500}");
    private static final Set<String> TICKET_FIELDS = Set.of("reference", "provider", "description", "maxRecordings",
            "maxLengthSeconds", "recordUntil", "maxMarkers", "maxAudibleSeconds", "administratorMaySwitch");
    private static final Set<String> WINDOW_FIELDS = Set.of("from", "until", "playsPerSample", "secondsBefore",
            "secondsAfter", "secondsWithoutMarkers");

    private final DiagnosticsStore diagnostics;
    private final ListeningStore listening;
    private final TicketDesk desk;
    private final java.time.Clock clock;

    TicketApi(ApiServices services) {
        this.diagnostics = services.diagnostics();
        this.listening = services.listening();
        this.desk = services.tickets();
        this.clock = services.clock();
    }

    ApiResponse list(Map<String, List<String>> parameters, ApiRouter.Caller caller) {
        if (desk == null) {
            return ApiRouter.unavailable("tickets");
        }
        Optional<ApiResponse> bad = ApiRouter.noParameters(parameters, "GET /api/tickets");
        if (bad.isPresent()) {
            return bad.get();
        }
        List<DiagnosticTicket> tickets = Access.role(caller.token()).orElseThrow() == Role.PROVIDER
                ? diagnostics.ticketsOf(caller.name()).stream().filter(DiagnosticTicket::open).toList()
                : listening.allTickets();
        return ApiResponse.ok(Map.of("tickets", tickets.stream().map(this::view).toList()));
    }

    ApiResponse open(byte[] bytes, ApiRouter.Caller caller) {
        if (desk == null) {
            return ApiRouter.unavailable("tickets");
        }
        JsonBody body = JsonBody.parse(bytes, TICKET_FIELDS);
        Optional<String> reference = body.text("reference", true, REFERENCE, "a fault reference: 1-64 of A-Z a-z 0-9 space . _ : / # -");
        Optional<String> provider = body.text("provider", true, NAME,
                "the provider's name as its API token is named: 1-64 of A-Z a-z 0-9 . _ @ / -");
        String description = body.text("description", false, DESCRIPTION, "at most 500 characters, no control characters").orElse("");
        int max = body.integer("maxRecordings", DiagnosticTicket.DEFAULT_MAX_RECORDINGS, 1, 10);
        int seconds = body.integer("maxLengthSeconds", (int) DiagnosticTicket.DEFAULT_MAX_LENGTH.toSeconds(), 1, 600);
        int markers = body.integer("maxMarkers", DiagnosticTicket.DEFAULT_MAX_MARKERS, 1, 20);
        int audible = body.integer("maxAudibleSeconds", (int) DiagnosticTicket.DEFAULT_MAX_AUDIBLE.toSeconds(), 1, 600);
        boolean administratorMaySwitch = body.bool("administratorMaySwitch", false);
        Optional<Instant> until = body.instant("recordUntil", true, null);
        until.filter(u -> !u.isAfter(clock.instant())).ifPresent(u -> body.problem("recordUntil", "must lie in the future"));
        if (!body.problems().isEmpty()) {
            return ApiResponse.badFields(body.problems());
        }
        DiagnosticTicket ticket = desk.open(new TicketDesk.NewTicket(reference.get(), provider.get(), description, max,
                Duration.ofSeconds(seconds), until.get(), markers, Duration.ofSeconds(audible), administratorMaySwitch),
                caller.actor());
        return new ApiResponse(201, view(ticket), Map.of("Location", "/api/tickets/" + ticket.id()));
    }

    ApiResponse close(String id, ApiRouter.Caller caller) {
        if (desk == null) {
            return ApiRouter.unavailable("tickets");
        }
        return switch (desk.close(id, caller.actor())) {
            case TicketDesk.Outcome.Done<DiagnosticTicket>(DiagnosticTicket t) -> ApiResponse.ok(view(t));
            case TicketDesk.Outcome.Refused<DiagnosticTicket>(int status, String reason) -> ApiResponse.error(status, reason);
        };
    }

    ApiResponse grant(String id, byte[] bytes, ApiRouter.Caller caller) {
        if (desk == null) {
            return ApiRouter.unavailable("listening windows");
        }
        JsonBody body = JsonBody.parse(bytes, WINDOW_FIELDS);
        Instant now = clock.instant();
        Optional<Instant> from = body.instant("from", false, now);
        Optional<Instant> until = body.instant("until", true, null);
        int plays = body.integer("playsPerSample", ListeningWindow.DEFAULT_PLAYS, 1, ListeningWindow.MAX_PLAYS);
        int around = (int) ListeningWindow.MAX_AROUND.toSeconds();
        int before = body.integer("secondsBefore", (int) ListeningWindow.DEFAULT_AROUND.toSeconds(), 0, around);
        int after = body.integer("secondsAfter", (int) ListeningWindow.DEFAULT_AROUND.toSeconds(), 0, around);
        int first = body.integer("secondsWithoutMarkers", (int) ListeningWindow.DEFAULT_WITHOUT_MARKERS.toSeconds(), 1,
                (int) ListeningWindow.MAX_WITHOUT_MARKERS.toSeconds());
        if (from.isPresent() && until.isPresent()) {
            if (!from.get().isBefore(until.get())) {
                body.problem("until", "must be after 'from' (" + from.get() + ")");
            } else if (Duration.between(from.get(), until.get()).compareTo(ListeningWindow.MAX_LENGTH) > 0) {
                body.problem("until", "a window lasts at most " + ListeningWindow.MAX_LENGTH.toDays() + " days");
            }
        }
        if (!body.problems().isEmpty()) {
            return ApiResponse.badFields(body.problems());
        }
        return switch (desk.grant(id, new TicketDesk.NewWindow(from.get(), until.get(), plays, Duration.ofSeconds(before),
                Duration.ofSeconds(after), Duration.ofSeconds(first)), caller.actor())) {
            case TicketDesk.Outcome.Done<ListeningWindow>(ListeningWindow w) -> new ApiResponse(201, window(w), Map.of());
            case TicketDesk.Outcome.Refused<ListeningWindow>(int status, String reason) -> ApiResponse.error(status, reason);
        };
    }

    private Map<String, Object> view(DiagnosticTicket t) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("id", t.id());
        v.put("reference", t.reference());
        v.put("provider", t.provider());
        v.put("description", t.description());
        v.put("maxRecordings", t.maxRecordings());
        v.put("maxLengthSeconds", t.maxLength().toSeconds());
        v.put("maxMarkers", t.maxMarkers());
        v.put("maxAudibleSeconds", t.maxAudible().toSeconds());
        v.put("administratorMaySwitch", t.administratorMaySwitch());
        v.put("recordUntil", t.recordUntil().toString());
        v.put("opened", t.opened().toString());
        v.put("closedAt", t.closedAt() == null ? null : t.closedAt().toString());
        v.put("open", t.open());
        v.put("recordings", diagnostics.recordingsOf(t.id()).size());
        v.put("windows", listening.windowsOf(t.id()).stream().map(TicketApi::window).toList());
        return v;
    }

    static Map<String, Object> window(ListeningWindow w) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("id", w.id());
        v.put("ticketId", w.ticketId());
        v.put("provider", w.provider());
        v.put("from", w.from().toString());
        v.put("until", w.until().toString());
        v.put("playsPerSample", w.playsPerSample());
        v.put("secondsBefore", w.before().toSeconds());
        v.put("secondsAfter", w.after().toSeconds());
        v.put("secondsWithoutMarkers", w.withoutMarkers().toSeconds());
        return v;
    }
}
