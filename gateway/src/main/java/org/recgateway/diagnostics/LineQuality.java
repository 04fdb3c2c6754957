package org.recgateway.diagnostics;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Asterisk's RTP statistics of one leg of a call at one moment ({@code CHANNEL(rtpqos)}), kept beside a
 * diagnostic recording so the provider can often find the fault without listening. The leg is named
 * by its role ({@code agent} or {@code caller}), never by channel or number (data minimisation).
 *
 * @param leg             {@code agent} or {@code caller}
 * @param codec           the leg's audio format, e.g. {@code alaw}; empty when unknown
 * @param receivedPackets RTP packets Asterisk received on this leg ({@code rxcount})
 * @param lostPackets     packets Asterisk found lost on receive ({@code lp})
 * @param remoteLostPackets packets the far end reported lost in RTCP ({@code rlp})
 * @param receiveJitterMillis jitter on receive in milliseconds ({@code rxjitter}, which Asterisk reports in seconds)
 * @param roundTripMillis round-trip time from RTCP in milliseconds ({@code rtt}, seconds in Asterisk); 0 without RTCP
 */
public record LineQuality(String recordingId, String leg, Instant at, String codec, long receivedPackets, long sentPackets,
                          long lostPackets, long remoteLostPackets, double receiveJitterMillis, double transmitJitterMillis,
                          double roundTripMillis) {
    public LineQuality {
        Objects.requireNonNull(recordingId, "recordingId");
        Objects.requireNonNull(leg, "leg");
        Objects.requireNonNull(at, "at");
        codec = Objects.requireNonNullElse(codec, "");
    }

    /**
     * Reads Asterisk's {@code CHANNEL(rtpqos)} text ({@code ssrc=…;themssrc=…;lp=0;rxjitter=0.000125;rxcount=250;
     * txjitter=…;txcount=…;rlp=0;rtt=0.000000}); empty when it is not such a text (e.g. a channel without RTP).
     * Unknown fields are ignored; a malformed number makes the whole reading empty.
     */
    public static Optional<LineQuality> parse(String recordingId, String leg, Instant at, String codec, String rtpqos) {
        if (rtpqos == null || rtpqos.length() > 2_000 || !rtpqos.contains("rxcount=")) {
            return Optional.empty();
        }
        Map<String, String> fields = new LinkedHashMap<>();
        for (String pair : rtpqos.strip().split(";")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                fields.put(pair.substring(0, eq).strip(), pair.substring(eq + 1).strip());
            }
        }
        try {
            return Optional.of(new LineQuality(recordingId, leg, at, codec, whole(fields, "rxcount"), whole(fields, "txcount"),
                    whole(fields, "lp"), whole(fields, "rlp"), millis(fields, "rxjitter"), millis(fields, "txjitter"),
                    millis(fields, "rtt")));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Lost packets as a share of those expected on receive, in percent; 0 when nothing was received. */
    public double lossPercent() {
        long expected = receivedPackets + lostPackets;
        return expected == 0 ? 0 : 100.0 * lostPackets / expected;
    }

    private static long whole(Map<String, String> fields, String key) {
        String v = fields.getOrDefault(key, "0");
        return v.isEmpty() ? 0 : Math.max(0, (long) Double.parseDouble(v));
    }

    private static double millis(Map<String, String> fields, String key) {
        String v = fields.getOrDefault(key, "0");
        double seconds = v.isEmpty() ? 0 : Double.parseDouble(v);
        return Double.isFinite(seconds) ? Math.max(0, seconds * 1000.0) : 0;
    }
}
