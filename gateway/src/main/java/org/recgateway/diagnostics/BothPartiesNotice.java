package org.recgateway.diagnostics;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Plays a prompt into the bridge of a call so that both parties hear it; implemented over AMI (an
 * originated Local channel joins the call's bridge with {@code BridgeAdd} and plays the prompt).
 */
public interface BothPartiesNotice {

    /** Plays {@code playbackName} into the bridge that {@code agentChannel} is in, waiting up to {@code timeout}. */
    Result play(String agentChannel, String playbackName, Duration timeout);

    /**
     * What happened.
     *
     * @param playedToEnd Asterisk reported the playback finished successfully
     * @param heardBy     the channels that shared the bridge with the prompt while it played
     * @param detail      for logs and refusals: why it did not play, or "played"
     */
    record Result(boolean playedToEnd, List<String> heardBy, Instant started, Instant ended, String detail) {
        public Result {
            heardBy = List.copyOf(heardBy);
        }
    }
}
