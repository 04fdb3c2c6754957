package org.recgateway.recording;

import java.util.Optional;

/**
 * Asterisk's own word about a live channel, asked outside the channel's FastAGI session
 * (implemented over AMI). FastAGI has no authentication: what a FastAGI peer says about its channel
 * is a claim, and a script that acts on a call checks the claim here first.
 */
public interface AsteriskChannels {

    /**
     * The value Asterisk holds for a channel variable or dialplan function (e.g. {@code CHANNEL(linkedid)})
     * on {@code channel}; empty when it is unset.
     *
     * @throws Exception when there is no such channel, the name is not a channel name, or Asterisk cannot be asked
     */
    Optional<String> variable(String channel, String name) throws Exception;

    /** For a gateway without AMI: nothing can be checked, every question fails with {@code reason}. */
    static AsteriskChannels unavailable(String reason) {
        return (channel, name) -> {
            throw new IllegalStateException(reason);
        };
    }
}
