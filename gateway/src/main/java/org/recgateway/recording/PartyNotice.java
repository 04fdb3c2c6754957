package org.recgateway.recording;

import java.time.Duration;
import java.util.List;

/**
 * Plays a prompt into the bridge a recorded channel is in, so that everyone in that bridge hears it; implemented
 * over AMI (a Local channel joins the bridge with {@code BridgeAdd} and plays the prompt there).
 */
@FunctionalInterface
public interface PartyNotice {

    /**
     * Plays {@code playbackName} (a prompt name from the manifest, never caller input) into {@code channel}'s bridge,
     * waiting up to {@code timeout}.
     */
    Heard play(String channel, String playbackName, Duration timeout);

    /**
     * What happened.
     *
     * @param playedToEnd Asterisk reported the playback finished
     * @param heardBy     the channels that shared the bridge with the prompt while it played
     * @param detail      "played", or why not, for logs and the audit trail
     */
    record Heard(boolean playedToEnd, List<String> heardBy, String detail) {
        public Heard {
            heardBy = List.copyOf(heardBy);
        }
    }
}
