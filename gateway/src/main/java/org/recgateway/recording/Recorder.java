package org.recgateway.recording;

/** Stops a running MixMonitor from outside the call's own AGI session; implemented over AMI. */
public interface Recorder {

    /** Stops every MixMonitor on {@code channel}; fails when Asterisk cannot be reached or refuses. */
    void stop(String channel) throws Exception;
}
