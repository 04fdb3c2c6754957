package org.recgateway.diagnostics;

import java.util.Optional;

import org.recgateway.recording.PerServer;

/** Reads a live channel's RTP statistics and audio format from Asterisk; implemented over AMI ({@code GetVar}). */
public interface LineQualityProbe {

    /** The channel's {@code CHANNEL(rtpqos)} and {@code CHANNEL(audioreadformat)}; empty when the channel is gone. */
    Optional<Reading> read(String channel) throws Exception;

    /**
     * This probe on the Asterisk server {@code server} as a recording names it (null: the first): itself for one
     * server's; {@link #perServer} routes to that server's, where the channel is.
     */
    default LineQualityProbe on(String server) {
        return this;
    }

    /**
     * Each Asterisk server's probe (issue #17 item 3), reached through {@link #on(String)}; a server the configuration
     * does not name reads nothing. Called without {@code on}, it reads on the first server.
     */
    static LineQualityProbe perServer(PerServer<LineQualityProbe> servers) {
        LineQualityProbe first = servers.ofRecording(null).orElseThrow();
        if (!servers.several()) {
            return first;
        }
        return new LineQualityProbe() {
            @Override
            public Optional<Reading> read(String channel) throws Exception {
                return first.read(channel);
            }

            @Override
            public LineQualityProbe on(String server) {
                return servers.ofRecording(server).orElse(NONE);
            }
        };
    }

    /** What Asterisk answered, as text; parsed by {@link LineQuality#parse}. */
    record Reading(String rtpqos, String codec) { }

    /** For a gateway without AMI: nothing can be read. */
    LineQualityProbe NONE = channel -> Optional.empty();
}
