package org.recgateway.agi;

import org.asteriskjava.fastagi.AgiChannel;
import org.asteriskjava.fastagi.AgiException;
import org.asteriskjava.fastagi.AgiRequest;
import org.asteriskjava.fastagi.AgiScript;
import org.recgateway.recording.RecordingReason;

/** Answers a session beyond capacity: the call goes on unrecorded, and the dialplan can see why. */
final class BusyScript implements AgiScript {
    @Override
    public void service(AgiRequest request, AgiChannel channel) throws AgiException {
        AgiCallControl.report(channel, "not-recorded", "", RecordingReason.GATEWAY_BUSY);
    }
}
