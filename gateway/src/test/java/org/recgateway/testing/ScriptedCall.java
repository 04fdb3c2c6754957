package org.recgateway.testing;

import org.recgateway.recording.RecordingReason;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.recgateway.recording.CallControl;

/**
 * A call in memory: the test says which key the caller presses during which prompt, and whether
 * they hang up; every action the gateway takes on the call is kept in order.
 */
public final class ScriptedCall implements CallControl {
    /** The MixMonitor id this fake Asterisk reports for every recording it starts. */
    public static final String MIXMONITOR_ID = "0x7f00deadbeef";
    private final Map<String, Character> keyDuring = new HashMap<>();
    private final Deque<Optional<Character>> keysWaitedFor = new ArrayDeque<>();
    private String hangUpDuring;
    private final Map<String, Playback> playedAs = new HashMap<>();
    private boolean hangUpWhileWaiting;
    private final List<String> actions = new ArrayList<>();
    private final Map<String, String> variables = new HashMap<>();
    private String nativeFormats = "(alaw)";
    private String server;

    /** The call runs on the Asterisk server {@code name} (as a FastAGI peer mapped by {@code fastAgiFrom}). */
    public ScriptedCall on(String name) {
        this.server = name;
        return this;
    }

    @Override
    public String asteriskServer() {
        return server;
    }

    /** The channel's native formats as Asterisk reports them; {@code (alaw)} unless set. */
    public ScriptedCall codec(String nativeFormats) {
        this.nativeFormats = nativeFormats;
        return this;
    }

    @Override
    public String nativeFormats() {
        return nativeFormats;
    }

    /** The caller presses {@code key} while the prompt whose name ends with {@code promptSuffix} plays. */
    public ScriptedCall pressDuring(String promptSuffix, char key) {
        keyDuring.put(promptSuffix, key);
        return this;
    }

    /** The next wait for a key returns {@code key} (null: silence). */
    public ScriptedCall thenPress(Character key) {
        keysWaitedFor.add(Optional.ofNullable(key));
        return this;
    }

    /**
     * The prompt whose name ends with {@code promptSuffix} ends as {@code playback} says, the caller still on the line
     * (e.g. {@code new Playback(false, 0)}: Asterisk could not play the file; {@code new Playback(true, 800)}: it stopped
     * early).
     */
    public ScriptedCall playsAs(String promptSuffix, Playback playback) {
        playedAs.put(promptSuffix, playback);
        return this;
    }

    public ScriptedCall hangUpDuring(String promptSuffix) {
        hangUpDuring = promptSuffix;
        return this;
    }

    public ScriptedCall hangUpWhileWaiting() {
        hangUpWhileWaiting = true;
        return this;
    }

    @Override
    public Playback play(String playbackName, String stopKeys) throws CallGoneException {
        actions.add("play " + playbackName + (stopKeys.isEmpty() ? "" : " stop=" + stopKeys));
        if (hangUpDuring != null && playbackName.endsWith(hangUpDuring)) {
            throw new CallGoneException("the caller hung up", null);
        }
        for (var e : playedAs.entrySet()) {
            if (playbackName.endsWith(e.getKey())) {
                return e.getValue();
            }
        }
        for (var e : keyDuring.entrySet()) {
            if (playbackName.endsWith(e.getKey()) && stopKeys.indexOf(e.getValue()) >= 0) {
                return new Playback(false, 100, Optional.of(e.getValue()));
            }
        }
        return new Playback(true, FixedPromptLibrary.QUALITY_SAMPLES);
    }

    @Override
    public Optional<Character> waitForKey(Duration timeout) throws CallGoneException {
        actions.add("wait " + timeout.toMillis() + "ms");
        if (hangUpWhileWaiting) {
            throw new CallGoneException("the caller hung up", null);
        }
        return keysWaitedFor.isEmpty() ? Optional.empty() : keysWaitedFor.poll();
    }

    @Override
    public Optional<String> startRecording(String asteriskFile) {
        actions.add("record " + asteriskFile);
        return Optional.of(MIXMONITOR_ID);
    }

    @Override
    public void report(String status, String recordingId, RecordingReason reason) {
        variables.put("RECORDING_STATUS", status);
        variables.put("RECORDING_ID", recordingId);
        variables.put("RECORDING_REASON", reason.value());
    }

    public List<String> actions() {
        return List.copyOf(actions);
    }

    public String variable(String name) {
        return variables.get(name);
    }

    public boolean recorded() {
        return actions.stream().anyMatch(a -> a.startsWith("record "));
    }
}
