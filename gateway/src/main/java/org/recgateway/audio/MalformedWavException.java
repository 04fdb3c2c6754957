package org.recgateway.audio;

import java.io.IOException;

/** A file that is not a WAV this package can cut: not RIFF/WAVE, truncated, or not plain PCM. */
public final class MalformedWavException extends IOException {
    MalformedWavException(String message) {
        super(message);
    }
}
