package org.recgateway.agi;

import org.asteriskjava.fastagi.AgiChannel;
import org.asteriskjava.fastagi.AgiException;
import org.asteriskjava.fastagi.AgiHangupException;
import org.asteriskjava.fastagi.command.StreamFileCommand;
import org.asteriskjava.fastagi.reply.AgiReply;
import org.recgateway.recording.CallControl;

/**
 * {@link CallControl} over one FastAGI session. Every string it sends is made by the gateway
 * (prompt names from the manifest, file names from recording ids); asterisk-java quotes them.
 */
final class AgiCallControl implements CallControl {
    /** MixMonitor stores its id here (option {@code i(...)}); a non-empty id proves it started. */
    static final String MIXMONITOR_ID_VARIABLE = "RECORDING_MIXMONITOR_ID";

    private final AgiChannel channel;

    AgiCallControl(AgiChannel channel) {
        this.channel = channel;
    }

    @Override
    public Playback play(String playbackName) throws CallGoneException {
        try {
            AgiReply reply = channel.sendCommand(new StreamFileCommand(playbackName, ""));
            long endPosition = parseLong(reply.getAttribute("endpos"));
            // result=0: played to the end; -1: hangup or the file could not be played.
            return new Playback(reply.getResultCode() == 0, endPosition);
        } catch (AgiException e) {
            throw gone("while the notice played", e);
        }
    }

    @Override
    public boolean startRecording(String asteriskFile) throws CallGoneException {
        try {
            int result = channel.exec("MixMonitor", asteriskFile + ",i(" + MIXMONITOR_ID_VARIABLE + ")");
            String id = channel.getVariable(MIXMONITOR_ID_VARIABLE);
            return result == 0 && id != null && !id.isEmpty();
        } catch (AgiException e) {
            throw gone("while MixMonitor started", e);
        }
    }

    @Override
    public void report(String status, String recordingId, String reason) throws CallGoneException {
        try {
            channel.setVariable("RECORDING_STATUS", status);
            channel.setVariable("RECORDING_ID", recordingId);
            channel.setVariable("RECORDING_REASON", reason);
        } catch (AgiException e) {
            throw gone("while the outcome was reported", e);
        }
    }

    private static CallGoneException gone(String when, AgiException e) {
        String what = e instanceof AgiHangupException ? "the caller hung up " : "the AGI session failed ";
        return new CallGoneException(what + when, e);
    }

    private static long parseLong(String value) {
        if (value == null) {
            return 0;
        }
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
