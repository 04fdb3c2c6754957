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
     * The recorders of several Asterisk servers, first server first (issue #17 item 3): starts on the first server (where
     * the in-call features find calls); stops on whichever server holds the MixMonitor with that channel and id, asking
     * each in turn, so a recording of any server can be stopped. Fails with every server's answer when none stopped it.
     */
    static Recorder anyOf(java.util.List<Recorder> servers) {
        if (servers.size() == 1) {
            return servers.getFirst();
        }
        return new Recorder() {
            @Override
            public String start(String channel, String asteriskFile) throws Exception {
                return servers.getFirst().start(channel, asteriskFile);
            }

            @Override
            public void stop(String channel, String mixMonitorId) throws Exception {
                java.util.List<String> answers = new java.util.ArrayList<>();
                for (Recorder server : servers) {
                    try {
                        server.stop(channel, mixMonitorId);
                        return;
                    } catch (IllegalArgumentException e) {
                        throw e;
                    } catch (Exception e) {
                        answers.add(e.getMessage());
                    }
                }
                throw new IllegalStateException("no Asterisk server stopped MixMonitor " + mixMonitorId + " on " + channel
                        + ": " + String.join("; ", answers));
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
