package org.recgateway.bench;

import org.asteriskjava.fastagi.AgiChannel;
import org.asteriskjava.fastagi.AgiException;
import org.asteriskjava.fastagi.AgiRequest;
import org.asteriskjava.fastagi.AgiScript;

/**
 * The floor: the same AGI commands the gateway sends on a recorded call (the notice, the objection
 * offer and its 3-second wait for the key, MixMonitor, the outcome), with no policy, no prompt library,
 * no store and no logging. What any asterisk-java script costs at the least; its sessions last as long
 * as the gateway's under the same {@link AsteriskSide.Shape}.
 */
final class FloorScript implements AgiScript {
    @Override
    public void service(AgiRequest request, AgiChannel channel) throws AgiException {
        channel.getVariable("CHANNEL(linkedid)");
        channel.streamFile("recording-gateway/nl/notice-quality-will", "");
        channel.streamFile("recording-gateway/nl/question-objection", "9");
        channel.waitForDigit(3000);
        channel.exec("MixMonitor", "/var/spool/asterisk/recording-gateway/floor.wav,i(RECORDING_MIXMONITOR_ID)");
        channel.getVariable("RECORDING_MIXMONITOR_ID");
        channel.setVariable("RECORDING_STATUS", "recording");
        channel.setVariable("RECORDING_ID", "floor");
        channel.setVariable("RECORDING_REASON", "");
    }
}
