package org.recgateway.ami;

import org.asteriskjava.manager.ManagerConnection;
import org.asteriskjava.manager.action.ManagerAction;
import org.asteriskjava.manager.action.MixMonitorAction;
import org.asteriskjava.manager.action.StopMixMonitorAction;
import org.asteriskjava.manager.response.ManagerError;
import org.asteriskjava.manager.response.ManagerResponse;
import org.recgateway.recording.Recorder;

/** MixMonitor and StopMixMonitor over AMI; needs the AMI user's write=system. */
final class AmiRecorder implements Recorder {
    private final ManagerConnection connection;

    AmiRecorder(ManagerConnection connection) {
        this.connection = connection;
    }

    @Override
    public void start(String channel, String asteriskFile) throws Exception {
        MixMonitorAction action = new MixMonitorAction();
        action.setChannel(channel);
        action.setFile(asteriskFile);
        send(action, "MixMonitor", channel);
    }

    @Override
    public void stop(String channel) throws Exception {
        StopMixMonitorAction action = new StopMixMonitorAction();
        action.setChannel(channel);
        send(action, "StopMixMonitor", channel);
    }

    private void send(ManagerAction action, String name, String channel) throws Exception {
        ManagerResponse response = connection.sendAction(action, 5_000);
        if (response instanceof ManagerError || !"Success".equalsIgnoreCase(response.getResponse())) {
            throw new IllegalStateException("Asterisk answered " + name + " on " + channel + ": " + response.getMessage());
        }
    }
}
