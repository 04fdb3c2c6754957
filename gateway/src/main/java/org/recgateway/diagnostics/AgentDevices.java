package org.recgateway.diagnostics;

import java.util.Set;
import java.util.regex.Pattern;

/**
 * The devices the configuration knows as agents' ({@code diagnostics.agents}): only their channels may
 * switch a diagnostic recording, mark a fault or stop one. Matching is exact by device, never by prefix
 * ({@code PJSIP/agent} is not {@code PJSIP/agent-b}).
 */
public record AgentDevices(Set<String> devices) {
    /** Asterisk's per-channel suffix: a dash and eight hex digits ({@code PJSIP/agent-0000002a}). */
    private static final Pattern CHANNEL_SUFFIX = Pattern.compile("-[0-9a-fA-F]{8}$");

    public AgentDevices {
        devices = Set.copyOf(devices);
    }

    /** Whether {@code channelOrDevice} (a channel name or a bare device) is a configured agent's. */
    public boolean knows(String channelOrDevice) {
        return channelOrDevice != null && devices.contains(deviceOf(channelOrDevice));
    }

    /**
     * The device of a channel: the name without Asterisk's per-channel suffix, e.g.
     * {@code PJSIP/agent-b-0000002a} -> {@code PJSIP/agent-b}; a bare device is returned as it is.
     */
    public static String deviceOf(String channel) {
        return channel == null ? "" : CHANNEL_SUFFIX.matcher(channel).replaceFirst("");
    }
}
