package org.recgateway.ami;

import org.asteriskjava.manager.ManagerConnection;
import org.asteriskjava.manager.action.StopMixMonitorAction;
import org.asteriskjava.manager.response.ManagerError;
import org.asteriskjava.manager.response.ManagerResponse;
import org.recgateway.recording.Recorder;

/** Stops MixMonitor over AMI ({@code StopMixMonitor}); needs the AMI user's write=system. */
final class AmiRecorder implements Recorder {
    private final ManagerConnection connection;

    AmiRecorder(ManagerConnection connection) {
        this.connection = connection;
    }

    @Override
    public void stop(String channel) throws Exception {
        StopMixMonitorAction action = new StopMixMonitorAction();
        action.setChannel(channel);
        ManagerResponse response = connection.sendAction(action, 5_000);
        if (response instanceof ManagerError || !"Success".equalsIgnoreCase(response.getResponse())) {
            throw new IllegalStateException("Asterisk answered StopMixMonitor on " + channel + ": " + response.getMessage());
        }
    }
}
