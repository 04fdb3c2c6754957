package org.recgateway.recording;

/**
 * Starts and stops MixMonitor from outside a call's own AGI session; implemented over AMI. File
 * names are made by the gateway, never from caller input.
 */
public interface Recorder {

    /** Starts MixMonitor on {@code channel} writing {@code asteriskFile}; fails when Asterisk refuses. */
    void start(String channel, String asteriskFile) throws Exception;

    /** Stops every MixMonitor on {@code channel}; fails when Asterisk cannot be reached or refuses. */
    void stop(String channel) throws Exception;

    /** For a gateway without AMI: every call fails with the reason. */
    static Recorder unavailable(String reason) {
        return new Recorder() {
            @Override
            public void start(String channel, String asteriskFile) {
                throw new IllegalStateException(reason);
            }

            @Override
            public void stop(String channel) {
                throw new IllegalStateException(reason);
            }
        };
    }
}
