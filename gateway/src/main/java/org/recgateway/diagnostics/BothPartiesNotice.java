package org.recgateway.diagnostics;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.recgateway.recording.PerServer;

/**
 * Plays a prompt into the bridge of a call so that both parties hear it; implemented over AMI (an
 * originated Local channel joins the call's bridge with {@code BridgeAdd} and plays the prompt).
 */
public interface BothPartiesNotice {

    /** Plays {@code playbackName} into the bridge that {@code agentChannel} is in, waiting up to {@code timeout}. */
    Result play(String agentChannel, String playbackName, Duration timeout);

    /**
     * This notice on the Asterisk server {@code server} (null: the first): itself for one server's; {@link #perServer}
     * routes to that server's, since the bridge is only there.
     */
    default BothPartiesNotice on(String server) {
        return this;
    }

    /**
     * Each Asterisk server's notice (issue #17 item 3), reached through {@link #on(String)}; a server the configuration
     * does not name plays nothing and says so. Called without {@code on}, it plays on the first server.
     */
    static BothPartiesNotice perServer(PerServer<BothPartiesNotice> servers, java.time.Clock clock) {
        BothPartiesNotice first = servers.ofRecording(null).orElseThrow();
        if (!servers.several()) {
            return first;
        }
        return new BothPartiesNotice() {
            @Override
            public Result play(String agentChannel, String playbackName, Duration timeout) {
                return first.play(agentChannel, playbackName, timeout);
            }

            @Override
            public BothPartiesNotice on(String server) {
                return servers.ofRecording(server).orElseGet(() -> (channel, prompt, timeout) -> new Result(false, List.of(),
                        clock.instant(), clock.instant(), "the call is on Asterisk server '" + server
                        + "', which ami.servers does not name (it has " + servers.names() + ")"));
            }
        };
    }

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
