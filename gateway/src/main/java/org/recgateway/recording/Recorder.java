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

    /**
     * This recorder on the Asterisk server {@code server} as a recording names it ({@link RecordedCall#server()}; null:
     * the first): itself for one server's recorder; {@link #perServer} routes to that server's.
     */
    default Recorder on(String server) {
        return this;
    }

    /**
     * The recorders of several Asterisk servers (issue #17 item 3): {@link #on(String)} names the server a recording
     * or call is on, and its start or stop goes to that server only, never another (two servers may have equal
     * channel names). A server the configuration no longer names answers every request with a failure saying so.
     * Called without {@code on}, it acts on the first server.
     */
    static Recorder perServer(PerServer<Recorder> servers) {
        if (!servers.several()) {
            return servers.ofRecording(null).orElseThrow();
        }
        Recorder first = servers.ofRecording(null).orElseThrow();
        return new Recorder() {
            @Override
            public String start(String channel, String asteriskFile) throws Exception {
                return first.start(channel, asteriskFile);
            }

            @Override
            public void stop(String channel, String mixMonitorId) throws Exception {
                first.stop(channel, mixMonitorId);
            }

            @Override
            public Recorder on(String server) {
                return servers.ofRecording(server).orElseGet(() -> unavailable("the recording is on Asterisk server '" + server
                        + "', which ami.servers no longer names (it has " + servers.names() + "); add it back to stop it"));
            }
        };
    }

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
