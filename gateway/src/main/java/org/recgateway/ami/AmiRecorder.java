package org.recgateway.ami;

import org.asteriskjava.manager.ManagerConnection;
import org.asteriskjava.manager.action.ManagerAction;
import org.asteriskjava.manager.action.MixMonitorAction;
import org.asteriskjava.manager.action.StopMixMonitorAction;
import org.asteriskjava.manager.response.ManagerError;
import org.asteriskjava.manager.response.ManagerResponse;
import org.asteriskjava.manager.response.MixMonitorResponse;
import org.recgateway.recording.Recorder;

/**
 * MixMonitor and StopMixMonitor over AMI; needs the AMI user's write=system. Starts with option
 * {@code i(var)} so that Asterisk reports the MixMonitor's id, and stops only by that id.
 */
final class AmiRecorder implements Recorder {
    /** The channel variable MixMonitor stores its id in; the AMI reply carries the same id. */
    static final String MIXMONITOR_ID_VARIABLE = "RECORDING_MIXMONITOR_ID";

    private final ManagerConnection connection;

    AmiRecorder(ManagerConnection connection) {
        this.connection = connection;
    }

    @Override
    public String start(String channel, String asteriskFile) throws Exception {
        MixMonitorAction action = new MixMonitorAction();
        action.setChannel(channel);
        action.setFile(asteriskFile);
        action.setOptions("i(" + MIXMONITOR_ID_VARIABLE + ")");
        ManagerResponse response = send(action, "MixMonitor", channel);
        String id = response instanceof MixMonitorResponse m ? m.getMixMonitorId() : response.getAttribute("mixmonitorid");
        if (id == null || id.isBlank()) {
            throw new IllegalStateException("Asterisk started MixMonitor on " + channel
                    + " but reported no MixMonitorID; the gateway could not stop it by id");
        }
        return id.trim();
    }

    @Override
    public void stop(String channel, String mixMonitorId) throws Exception {
        if (mixMonitorId == null || mixMonitorId.isBlank()) {
            throw new IllegalArgumentException("no MixMonitor id for " + channel
                    + ": the gateway stops only a MixMonitor it started and knows the id of");
        }
        StopMixMonitorAction action = new StopMixMonitorAction();
        action.setChannel(channel);
        action.setMixMonitorId(mixMonitorId);
        send(action, "StopMixMonitor", channel);
    }

    private ManagerResponse send(ManagerAction action, String name, String channel) throws Exception {
        ManagerResponse response = connection.sendAction(action, 5_000);
        if (response instanceof ManagerError || !"Success".equalsIgnoreCase(response.getResponse())) {
            throw new IllegalStateException("Asterisk answered " + name + " on " + channel + ": " + response.getMessage());
        }
        return response;
    }
}
