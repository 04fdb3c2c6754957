package org.recgateway.http;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import org.recgateway.privacy.Erasure;
import org.recgateway.privacy.HoldDesk;
import org.recgateway.privacy.PrivacyOffice;
import org.recgateway.privacy.QuarantineDesk;
import org.recgateway.recording.RecordingView;
import org.recgateway.recording.LegalHold;
import org.recgateway.recording.PhoneNumbers;

/**
 * The privacy officer's endpoints: {@code GET /api/privacy/access?number=} (summary),
 * {@code GET /api/privacy/export?number=} (ZIP), {@code POST /api/privacy/erasure}
 * ({@code {"number": …}} or {@code {"recording": …}}), and legal holds ({@code GET|POST /api/privacy/holds},
 * {@code POST /api/privacy/holds/{id}/lift}). Numbers are taken in any notation.
 */
final class PrivacyApi {
    private static final Pattern REASON = Pattern.compile("[^\\p{Cntrl}]{1," + HoldDesk.MAX_REASON + "}");
    private static final Pattern TARGET = Pattern.compile("[A-Za-z0-9+*#()./_ :@-]{1,64}");

    private final PrivacyOffice office;

    PrivacyApi(PrivacyOffice office) {
        this.office = office;
    }

    ApiResponse access(Map<String, List<String>> parameters, ApiRouter.Caller caller) {
        if (office == null) {
            return ApiRouter.unavailable("subject access");
        }
        Optional<String> number = number(parameters);
        if (number.isEmpty()) {
            return badNumber(parameters);
        }
        List<Map<String, Object>> recordings = office.access().summary(number.get(), caller.actor());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("number", number.get());
        body.put("count", recordings.size());
        body.put("recordings", recordings);
        return ApiResponse.ok(body);
    }

    ApiResponse export(Map<String, List<String>> parameters, ApiRouter.Caller caller) {
        if (office == null) {
            return ApiRouter.unavailable("subject access");
        }
        Optional<String> number = number(parameters);
        if (number.isEmpty()) {
            return badNumber(parameters);
        }
        return new ApiResponse(200, new ApiResponse.Streamed("application/zip",
                out -> office.access().export(number.get(), caller.actor(), out)),
                Map.of("Content-Disposition", "attachment; filename=\"subject-access.zip\""));
    }

    ApiResponse erase(byte[] bytes, ApiRouter.Caller caller) {
        if (office == null) {
            return ApiRouter.unavailable("erasure");
        }
        JsonBody body = JsonBody.parse(bytes, Set.of("number", "recording"));
        Optional<String> number = body.text("number", false, PhoneNumbers.NOTATION, PhoneNumbers.NOTATION_TEXT);
        Optional<String> recording = body.text("recording", false, QueryParameters.ID, "a recording id: 1-64 of A-Z a-z 0-9 . _ -");
        if (number.isPresent() == recording.isPresent() && body.problems().isEmpty()) {
            body.problem("number", "give either 'number' (every recording of that person) or 'recording' (one recording)");
        }
        if (!body.problems().isEmpty()) {
            return ApiResponse.badFields(body.problems());
        }
        Erasure.Report report;
        if (number.isPresent()) {
            report = office.erasure().byNumber(number.get(), caller.actor());
        } else {
            Optional<Erasure.Report> one = office.erasure().byId(recording.get(), caller.actor());
            if (one.isEmpty()) {
                return ApiResponse.error(404, "no recording with id " + recording.get());
            }
            report = one.get();
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("found", report.recordings().size());
        answer.put("deleted", report.count("deleted"));
        answer.put("kept", report.count("kept"));
        answer.put("alreadyDeleted", report.count("already-deleted"));
        answer.put("recordings", report.recordings().stream().map(Erasure::view).toList());
        return ApiResponse.ok(answer);
    }

    ApiResponse holds(Map<String, List<String>> parameters, ApiRouter.Caller caller) {
        if (office == null) {
            return ApiRouter.unavailable("legal holds");
        }
        Optional<ApiResponse> bad = ApiRouter.noParameters(parameters, "GET /api/privacy/holds");
        if (bad.isPresent()) {
            return bad.get();
        }
        return ApiResponse.ok(Map.of("holds", office.holds().list(caller.actor()).stream().map(HoldDesk::view).toList()));
    }

    ApiResponse placeHold(byte[] bytes, ApiRouter.Caller caller) {
        if (office == null) {
            return ApiRouter.unavailable("legal holds");
        }
        JsonBody body = JsonBody.parse(bytes, Set.of("kind", "target", "reason"));
        Optional<String> kindText = body.text("kind", true, Pattern.compile("recording|number|ticket"),
                "one of recording, number, ticket");
        Optional<String> target = body.text("target", true, TARGET,
                "the recording id, the phone number (any notation) or the ticket id: 1-64 characters");
        Optional<String> reason = body.text("reason", true, REASON,
                "why (e.g. the case it is for): 1-" + HoldDesk.MAX_REASON + " characters, no control characters");
        if (!body.problems().isEmpty()) {
            return ApiResponse.badFields(body.problems());
        }
        LegalHold.Kind kind = LegalHold.Kind.fromId(kindText.get()).orElseThrow();
        LegalHold hold = office.holds().place(kind, target.get(), reason.get(), caller.actor());
        return new ApiResponse(201, HoldDesk.view(hold), Map.of("Location", "/api/privacy/holds/" + hold.id()));
    }

    ApiResponse liftHold(String id, ApiRouter.Caller caller) {
        if (office == null) {
            return ApiRouter.unavailable("legal holds");
        }
        return office.holds().lift(id, caller.actor()).map(h -> ApiResponse.ok(HoldDesk.view(h)))
                .orElseGet(() -> ApiResponse.error(404, "no legal hold " + id + " in force; GET /api/privacy/holds lists them"));
    }

    /** The record of processing as JSON, or with {@code format=html} as a printable page (every value escaped). */
    ApiResponse processingRecord(Map<String, List<String>> parameters) {
        if (office == null) {
            return ApiRouter.unavailable("the record of processing");
        }
        boolean html = parameters.equals(Map.of("format", List.of("html")));
        if (!parameters.isEmpty() && !html) {
            return ApiResponse.error(400, "GET /api/privacy/record-of-processing takes only format=html (a printable page)");
        }
        Map<String, Object> record = office.processingRecord().get();
        return html ? ApiResponse.ok(new ApiResponse.Raw("text/html; charset=utf-8",
                PrintablePage.of(record).getBytes(java.nio.charset.StandardCharsets.UTF_8))) : ApiResponse.ok(record);
    }

    ApiResponse quarantine(Map<String, List<String>> parameters, ApiRouter.Caller caller) {
        if (office == null) {
            return ApiRouter.unavailable("quarantine review");
        }
        Optional<ApiResponse> bad = ApiRouter.noParameters(parameters, "GET /api/quarantine");
        return bad.orElseGet(() -> ApiResponse.ok(Map.of("quarantined",
                office.quarantine().list(caller.actor()).stream().map(RecordingView::of).toList())));
    }

    ApiResponse inspectQuarantined(String id, ApiRouter.Caller caller) {
        if (office == null) {
            return ApiRouter.unavailable("quarantine review");
        }
        return answer(office.quarantine().inspect(id, caller.actor()), v -> v);
    }

    ApiResponse assignQuarantined(String id, byte[] bytes, ApiRouter.Caller caller) {
        if (office == null) {
            return ApiRouter.unavailable("quarantine review");
        }
        JsonBody body = JsonBody.parse(bytes, Set.of("recording"));
        Optional<String> recording = body.text("recording", true, QueryParameters.ID,
                "the id of the recording filed as missing that the file belongs to");
        if (!body.problems().isEmpty()) {
            return ApiResponse.badFields(body.problems());
        }
        return answer(office.quarantine().assign(id, recording.get(), caller.actor()), RecordingView::of);
    }

    ApiResponse deleteQuarantined(String id, byte[] bytes, ApiRouter.Caller caller) {
        if (office == null) {
            return ApiRouter.unavailable("quarantine review");
        }
        JsonBody body = JsonBody.parse(bytes, Set.of("reason"));
        Optional<String> reason = body.text("reason", true, REASON, "why it may go: 1-" + HoldDesk.MAX_REASON + " characters");
        if (!body.problems().isEmpty()) {
            return ApiResponse.badFields(body.problems());
        }
        return answer(office.quarantine().delete(id, reason.get(), caller.actor()), RecordingView::of);
    }

    private static <T> ApiResponse answer(QuarantineDesk.Outcome<T> outcome, java.util.function.Function<T, Object> view) {
        return switch (outcome) {
            case QuarantineDesk.Outcome.Done<T>(T value) -> ApiResponse.ok(view.apply(value));
            case QuarantineDesk.Outcome.Refused<T>(int status, String reason) -> ApiResponse.error(status, reason);
        };
    }

    private static Optional<String> number(Map<String, List<String>> parameters) {
        List<String> values = parameters.getOrDefault("number", List.of());
        if (parameters.size() != 1 || values.size() != 1 || !PhoneNumbers.NOTATION.matcher(values.getFirst()).matches()) {
            return Optional.empty();
        }
        return Optional.of(values.getFirst());
    }

    private static ApiResponse badNumber(Map<String, List<String>> parameters) {
        return ApiResponse.error(400, "give exactly one parameter 'number': " + PhoneNumbers.NOTATION_TEXT
                + (parameters.keySet().stream().anyMatch(k -> !k.equals("number")) ? "; other parameters are not taken" : ""));
    }
}
