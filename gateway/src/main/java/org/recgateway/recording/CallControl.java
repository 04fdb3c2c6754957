package org.recgateway.recording;

/**
 * What the recording lifecycle asks of the live call, implemented by the AGI adapter. Every
 * argument is made by the gateway itself (prompt names from the manifest, file names from
 * recording ids): never caller input.
 */
public interface CallControl {

    /** Plays a prompt to the caller and waits until it ends or the caller hangs up. */
    Playback play(String playbackName) throws CallGoneException;

    /** Starts MixMonitor on {@code asteriskFile}; false when Asterisk refused. */
    boolean startRecording(String asteriskFile) throws CallGoneException;

    /** Sets the channel variables the dialplan and CDRs read. */
    void report(String status, String recordingId, String reason) throws CallGoneException;

    /**
     * The outcome of one playback.
     *
     * @param completed   Asterisk played until the end of the file (no hangup, no error)
     * @param endPosition Asterisk's reported end position in samples
     */
    record Playback(boolean completed, long endPosition) { }

    /** The caller hung up, or the AGI connection went away. */
    final class CallGoneException extends Exception {
        public CallGoneException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
