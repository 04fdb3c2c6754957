package org.recgateway.diagnostics;

import java.util.Optional;

/** Reads a live channel's RTP statistics and audio format from Asterisk; implemented over AMI ({@code GetVar}). */
public interface LineQualityProbe {

    /** The channel's {@code CHANNEL(rtpqos)} and {@code CHANNEL(audioreadformat)}; empty when the channel is gone. */
    Optional<Reading> read(String channel) throws Exception;

    /** What Asterisk answered, as text; parsed by {@link LineQuality#parse}. */
    record Reading(String rtpqos, String codec) { }

    /** For a gateway without AMI: nothing can be read. */
    LineQualityProbe NONE = channel -> Optional.empty();
}
