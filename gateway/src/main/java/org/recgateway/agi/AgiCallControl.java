package org.recgateway.agi;

import java.time.Duration;
import java.util.Optional;

import org.asteriskjava.fastagi.AgiChannel;
import org.asteriskjava.fastagi.AgiException;
import org.asteriskjava.fastagi.AgiHangupException;
import org.asteriskjava.fastagi.reply.AgiReply;
import org.recgateway.recording.CallControl;
import org.recgateway.recording.RecordingReason;

/**
 * {@link CallControl} over one FastAGI session. Every string it sends is made by the gateway
 * (prompt names from the manifest, file names from recording ids); {@link AgiLine} quotes them, and
 * asterisk-java carries the line and parses the reply.
 */
final class AgiCallControl implements CallControl {
    /** MixMonitor stores its id here (option {@code i(...)}); a non-empty id proves it started, and every stop names it. */
    static final String MIXMONITOR_ID_VARIABLE = "RECORDING_MIXMONITOR_ID";

    private final AgiChannel channel;
    private final String server;

    /** Control of the call on {@code channel} of a session no server is named for (see below: null). */
    AgiCallControl(AgiChannel channel) {
        this(channel, null);
    }

    /**
     * Control of the call on {@code channel}, which runs on the Asterisk server named {@code server}, as the session's
     * FastAGI peer address maps ({@code ami.servers[].fastAgiFrom}; with one server, its name for every peer). Null when
     * no server is named (the peer's address is unknown). Null is not {@code AsteriskServers.ANY}: a recording started
     * with it is stored without a server name, which counts as the first server's, and a running recording looked up
     * for it (the call already recorded, the agent's call) is matched on every server.
     */
    AgiCallControl(AgiChannel channel, String server) {
        this.channel = channel;
        this.server = server;
    }

    @Override
    public String asteriskServer() {
        return server;
    }

    @Override
    public Playback play(String playbackName, String stopKeys) throws CallGoneException {
        try {
            AgiReply reply = channel.sendCommand(AgiLine.streamFile(playbackName, stopKeys));
            long endPosition = parseLong(reply.getAttribute("endpos"));
            int result = reply.getResultCode();
            // result=0: played to the end; >0: the ASCII code of the key that stopped it; -1: hangup or unplayable file.
            return new Playback(result == 0, endPosition, key(result));
        } catch (AgiException e) {
            throw gone("while a prompt played", e);
        }
    }

    @Override
    public String nativeFormats() throws CallGoneException {
        try {
            String formats = variable(channel, "CHANNEL(audionativeformat)");
            return formats == null ? "" : formats;
        } catch (AgiException e) {
            throw gone("while the channel's codec was read", e);
        }
    }

    @Override
    public Optional<Character> waitForKey(Duration timeout) throws CallGoneException {
        try {
            AgiReply reply = channel.sendCommand(AgiLine.waitForDigit(Math.max(1, timeout.toMillis())));
            int result = reply.getResultCode();
            if (result < 0) {
                throw new CallGoneException("the caller hung up while the gateway waited for a key", null);
            }
            return key(result);
        } catch (AgiException e) {
            throw gone("while waiting for a key", e);
        }
    }

    private static Optional<Character> key(int result) {
        return result > 0 && result < 128 ? Optional.of((char) result) : Optional.empty();
    }

    @Override
    public Optional<String> startRecording(String asteriskFile) throws CallGoneException {
        try {
            // Cleared first, so that an id left on the channel by an earlier MixMonitor is never taken for this one's.
            setVariable(channel, MIXMONITOR_ID_VARIABLE, "");
            int result = channel.sendCommand(AgiLine.exec("MixMonitor", asteriskFile + ",i(" + MIXMONITOR_ID_VARIABLE + ")")).getResultCode();
            String id = variable(channel, MIXMONITOR_ID_VARIABLE);
            return result == 0 && id != null && !id.isBlank() ? Optional.of(id.trim()) : Optional.empty();
        } catch (AgiException e) {
            throw gone("while MixMonitor started", e);
        }
    }

    @Override
    public void report(String status, String recordingId, RecordingReason reason) throws CallGoneException {
        try {
            report(channel, status, recordingId, reason);
        } catch (AgiException e) {
            throw gone("while the outcome was reported", e);
        }
    }

    /**
     * Sets the outcome variables the dialplan reads after {@code AGI(record)}, {@code RECORDING_STATUS} last, so that a
     * status the dialplan sees always comes with its reason and id. A recorded call also gets the inherited
     * {@code __}{@value #IN_CALL_VARIABLE} (the recording id): every channel it dials carries it, so that the called
     * party's dialplan knows the call it joins is recorded even when the gateway cannot be reached
     * (deploy/asterisk/extensions_recording_gateway_outbound.conf then does not put them through).
     */
    static void report(AgiChannel channel, String status, String recordingId, RecordingReason reason) throws AgiException {
        setVariable(channel, "RECORDING_REASON", reason.value());
        setVariable(channel, "RECORDING_ID", recordingId);
        if ("recording".equals(status) && recordingId != null && !recordingId.isBlank()) {
            setVariable(channel, "__" + IN_CALL_VARIABLE, recordingId);
        }
        setVariable(channel, "RECORDING_STATUS", status);
    }

    /** Inherited by every channel the recorded call dials: the id of the gateway recording running in the call. */
    static final String IN_CALL_VARIABLE = "RECORDING_IN_CALL";

    /** A channel variable's value, or null when it is not set (as {@link AgiChannel#getVariable} answers). */
    static String variable(AgiChannel channel, String name) throws AgiException {
        AgiReply reply = channel.sendCommand(AgiLine.getVariable(name));
        return reply.getResultCode() == 1 ? reply.getExtra() : null;
    }

    /** Sets a channel variable. */
    static void setVariable(AgiChannel channel, String name, String value) throws AgiException {
        channel.sendCommand(AgiLine.setVariable(name, value));
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
