package org.recgateway.recording;

import java.time.Duration;
import java.util.Optional;

/**
 * What the recording lifecycle asks of the live call, implemented by the AGI adapter. Every
 * argument is made by the gateway itself (prompt names from the manifest, file names from
 * recording ids, keys from the validated policy): never caller input.
 */
public interface CallControl {

    /**
     * Plays a prompt to the caller and waits until it ends, the caller presses one of
     * {@code stopKeys} (may be empty) or hangs up.
     */
    Playback play(String playbackName, String stopKeys) throws CallGoneException;

    /**
     * The channel's native audio formats as Asterisk names them (e.g. {@code (alaw)}), which decide the prompt
     * file Asterisk plays; empty when not known.
     */
    default String nativeFormats() throws CallGoneException {
        return "";
    }

    /** Waits up to {@code timeout} for one key press. */
    Optional<Character> waitForKey(Duration timeout) throws CallGoneException;

    /**
     * The name of the Asterisk server the call runs on (issue #17 item 3), as the gateway's configuration maps the
     * session's FastAGI peer address ({@code ami.servers[].fastAgiFrom}; with one server, its name); null when no server
     * is named: a recording is then stored without a server name (the first server's), and running recordings are
     * matched on every server. Never {@link AsteriskServers#ANY}.
     */
    default String asteriskServer() {
        return null;
    }

    /**
     * Starts MixMonitor on {@code asteriskFile}.
     *
     * @return the id Asterisk gave that MixMonitor (every later stop names it), or empty when Asterisk refused
     */
    Optional<String> startRecording(String asteriskFile) throws CallGoneException;

    /**
     * Sets the channel variables the dialplan and CDRs read: {@code RECORDING_STATUS} ({@code recording} or
     * {@code not-recorded}), {@code RECORDING_ID} and {@code RECORDING_REASON} ({@link RecordingReason#value()}).
     */
    void report(String status, String recordingId, RecordingReason reason) throws CallGoneException;

    /**
     * The outcome of one playback.
     *
     * @param completed   Asterisk played until the end of the file (no hangup, no key, no error)
     * @param endPosition Asterisk's reported end position in samples
     * @param key         the stop key that ended it, if any
     */
    record Playback(boolean completed, long endPosition, Optional<Character> key) {
        /** Asterisk reports the end position frame by frame: one 20 ms frame at 8 kHz of slack, in samples. */
        public static final long END_POSITION_SLACK = 160;

        public Playback(boolean completed, long endPosition) {
            this(completed, endPosition, Optional.empty());
        }

        /**
         * Whether a prompt of {@code durationSamples} (8 kHz samples) was heard to its end: Asterisk played it until
         * the end of the file and its end position is within {@link #END_POSITION_SLACK} of the prompt's length. The
         * one rule for every notice (caller, called party, agent): no notice heard to the end, no recording.
         */
        public boolean reachedEnd(long durationSamples) {
            return completed && endPosition >= durationSamples - END_POSITION_SLACK;
        }
    }

    /** The caller hung up, or the AGI connection went away. */
    final class CallGoneException extends Exception {
        public CallGoneException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
