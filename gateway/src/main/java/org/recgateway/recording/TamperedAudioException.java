package org.recgateway.recording;

import java.io.IOException;

/**
 * The audio on disk is not the audio that was filed: a sealed chunk does not authenticate, its data
 * key is gone, or a plaintext file no longer has its filed hash or size. Nothing of it may be served.
 */
public final class TamperedAudioException extends IOException {
    /** @param message what did not match, and where */
    public TamperedAudioException(String message) {
        super(message);
    }

    /** @param message what did not match; {@code cause} the library's failure */
    public TamperedAudioException(String message, Throwable cause) {
        super(message, cause);
    }
}
