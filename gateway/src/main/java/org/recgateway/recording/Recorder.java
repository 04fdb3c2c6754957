package org.recgateway.recording;

/**
 * Starts and stops MixMonitor from outside a call's own AGI session; implemented over AMI. File
 * names are made by the gateway, never from caller input. Every MixMonitor it starts has an id, and
 * every stop names one: a MixMonitor the gateway did not start (the PBX's own call recording) is
 * never stopped by it.
 */
public interface Recorder {

    /**
     * Starts MixMonitor on {@code channel} writing {@code asteriskFile}.
     *
     * @return the id Asterisk gave the MixMonitor (never empty)
     * @throws Exception when Asterisk refuses, cannot be reached, or does not report an id
     */
    String start(String channel, String asteriskFile) throws Exception;

    /**
     * Stops the one MixMonitor with {@code mixMonitorId} on {@code channel}.
     *
     * @throws IllegalArgumentException when {@code mixMonitorId} is null or blank: a stop without an id would
     *                                  hit whichever MixMonitor Asterisk finds first, maybe not the gateway's
     * @throws Exception                when Asterisk cannot be reached or refuses
     */
    void stop(String channel, String mixMonitorId) throws Exception;

    /** For a gateway without AMI: every call fails with the reason. */
    static Recorder unavailable(String reason) {
        return new Recorder() {
            @Override
            public String start(String channel, String asteriskFile) {
                throw new IllegalStateException(reason);
            }

            @Override
            public void stop(String channel, String mixMonitorId) {
                throw new IllegalStateException(reason);
            }
        };
    }
}
