package org.recgateway.ami;

import org.asteriskjava.manager.action.MixMonitorMuteAction;

/**
 * AMI MixMonitorMute naming one MixMonitor by the {@code MixMonitorID} header (Asterisk 22); asterisk-java's action
 * has no such property, and without it Asterisk mutes every MixMonitor of the channel. Public only because
 * asterisk-java builds the action from its public getters by reflection.
 */
public final class MixMonitorMuteById extends MixMonitorMuteAction {
    private static final long serialVersionUID = 1L;
    private final String mixMonitorId;

    MixMonitorMuteById(String channel, String mixMonitorId, boolean muted) {
        super(channel, "both", muted ? 1 : 0);
        this.mixMonitorId = mixMonitorId;
    }

    /** Sent as the {@code MixMonitorID} header. */
    public String getMixMonitorID() {
        return mixMonitorId;
    }
}
