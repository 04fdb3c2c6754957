package org.recgateway.recording;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;

import org.junit.jupiter.api.Test;

/** The one "heard to the end" rule that the caller's, the called party's and the agent's notices share. */
class PlaybackReachedEndTest {
    private static final long PROMPT = 8_000 * 7;  // a 7 s prompt at 8 kHz

    @Test
    void aPlaybackThatCompletedWithinOneFrameOfTheEndReachedIt() {
        assertTrue(new CallControl.Playback(true, PROMPT).reachedEnd(PROMPT));
        assertTrue(new CallControl.Playback(true, PROMPT - CallControl.Playback.END_POSITION_SLACK).reachedEnd(PROMPT));
        assertTrue(new CallControl.Playback(true, PROMPT + 320).reachedEnd(PROMPT), "Asterisk may report past the end");
    }

    @Test
    void moreThanOneFrameShortIsNotTheEnd() {
        assertFalse(new CallControl.Playback(true, PROMPT - CallControl.Playback.END_POSITION_SLACK - 1).reachedEnd(PROMPT));
        assertFalse(new CallControl.Playback(true, 0).reachedEnd(PROMPT));
    }

    @Test
    void aPlaybackCutShortIsNotTheEndWhereverItStopped() {
        assertFalse(new CallControl.Playback(false, PROMPT).reachedEnd(PROMPT), "a key or hangup at the last frame");
        assertFalse(new CallControl.Playback(false, PROMPT, Optional.of('9')).reachedEnd(PROMPT));
    }
}
