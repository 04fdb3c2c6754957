package org.recgateway.config;

import java.util.Arrays;
import java.util.Optional;

/** The audio format MixMonitor writes; the id is also the file extension. */
public enum RecordingFormat {
    WAV("wav"),
    GSM("gsm");

    private final String id;

    RecordingFormat(String id) {
        this.id = id;
    }

    /** The name in the configuration file and the file extension, e.g. {@code wav}. */
    public String id() {
        return id;
    }

    public static Optional<RecordingFormat> fromId(String id) {
        return Arrays.stream(values()).filter(f -> f.id.equals(id)).findFirst();
    }
}
