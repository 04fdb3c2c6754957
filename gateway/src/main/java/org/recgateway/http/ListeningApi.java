package org.recgateway.http;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.recgateway.audio.WavSegment;
import org.recgateway.diagnostics.LineQuality;
import org.recgateway.listening.ListeningDesk;
import org.recgateway.listening.PlayDecision;
import org.recgateway.listening.Sample;
import org.recgateway.listening.Span;

/**
 * The provider's endpoints: {@code GET /api/listening/samples} lists the samples of its open tickets
 * with markers, segments and plays left; {@code GET /api/listening/samples/{id}/audio?segment=N}
 * streams exactly one allowed segment as a WAV, once the play is counted and audited.
 */
final class ListeningApi {

    private final ListeningDesk desk;

    ListeningApi(ApiServices services) {
        this.desk = services.desk();
    }

    ApiResponse samples(Map<String, List<String>> parameters, ApiRouter.Caller caller) {
        if (desk == null) {
            return ApiRouter.unavailable("listening");
        }
        Optional<ApiResponse> bad = ApiRouter.noParameters(parameters, "GET /api/listening/samples");
        if (bad.isPresent()) {
            return bad.get();
        }
        return ApiResponse.ok(Map.of("provider", caller.name(),
                "samples", desk.samples(caller.name()).stream().map(ListeningApi::view).toList()));
    }

    ApiResponse play(String id, Map<String, List<String>> parameters, ApiRouter.Caller caller) {
        if (desk == null) {
            return ApiRouter.unavailable("listening");
        }
        for (String name : parameters.keySet()) {
            if (!name.equals("segment")) {
                return ApiResponse.error(400, "unknown parameter '" + QueryParameters.printable(name)
                        + "'; known parameters: segment");
            }
        }
        List<String> given = parameters.getOrDefault("segment", List.of("0"));
        if (given.size() != 1 || !given.getFirst().matches("[0-9]{1,2}")) {
            return ApiResponse.error(400, "parameter 'segment' must be given once, as a segment number from 0 to 99");
        }
        return switch (desk.play(caller.name(), id, Integer.parseInt(given.getFirst()))) {
            case PlayDecision.Refused(String reason) -> ApiResponse.error(403, reason);
            case PlayDecision.Granted(byte[] wav, Span span, int play, int allowed) -> new ApiResponse(200,
                    new ApiResponse.Streamed("audio/wav", out -> out.write(wav)),
                    Map.of("X-Play", play + " of " + allowed,
                            "X-Plays-Left", Integer.toString(allowed - play),
                            "X-Segment-From", seconds(span.startMillis()),
                            "X-Segment-To", seconds(span.endMillis()),
                            "Content-Disposition", "inline"));
        };
    }

    /** The provider's view of a sample: what the fault needs, nothing about who called (no numbers, channels, paths). */
    static Map<String, Object> view(Sample s) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("recordingId", s.recordingId());
        v.put("ticketId", s.ticketId());
        v.put("ticketReference", s.ticketReference());
        v.put("ticketDescription", s.ticketDescription());
        v.put("format", s.format());
        v.put("lineQuality", s.lineQuality().stream().map(ListeningApi::quality).toList());
        v.put("started", s.started() == null ? null : s.started().toString());
        v.put("durationSeconds", s.durationMillis() == null ? null : s.durationMillis() / 1000.0);
        v.put("status", s.status());
        v.put("markersSeconds", s.markerOffsetsMillis().stream().map(m -> m / 1000.0).toList());
        List<Map<String, Object>> segments = new java.util.ArrayList<>();
        for (int i = 0; i < s.spans().size(); i++) {
            Span span = s.spans().get(i);
            segments.add(Map.of("index", i, "fromSeconds", span.startMillis() / 1000.0, "toSeconds", span.endMillis() / 1000.0));
        }
        v.put("segments", segments);
        v.put("playsLeft", s.playsLeft());
        v.put("playsPerSample", s.window() == null ? 0 : s.window().playsPerSample());
        v.put("windowFrom", s.window() == null ? null : s.window().from().toString());
        v.put("windowUntil", s.window() == null ? null : s.window().until().toString());
        v.put("playable", s.refusal() == null);
        v.put("refusal", s.refusal());
        return v;
    }

    private static Map<String, Object> quality(LineQuality q) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("leg", q.leg());
        v.put("at", q.at().toString());
        v.put("codec", q.codec());
        v.put("receivedPackets", q.receivedPackets());
        v.put("sentPackets", q.sentPackets());
        v.put("lostPackets", q.lostPackets());
        v.put("lossPercent", Math.round(q.lossPercent() * 100) / 100.0);
        v.put("remoteLostPackets", q.remoteLostPackets());
        v.put("jitterMillis", Math.round(q.receiveJitterMillis() * 100) / 100.0);
        v.put("roundTripMillis", Math.round(q.roundTripMillis() * 100) / 100.0);
        return v;
    }

    private static String seconds(long millis) {
        return java.math.BigDecimal.valueOf(millis, 3).stripTrailingZeros().toPlainString();
    }
}
