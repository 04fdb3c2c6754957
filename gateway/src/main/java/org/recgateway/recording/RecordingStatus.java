package org.recgateway.recording;

/** Where a recording is in its life. */
public enum RecordingStatus {
    /** MixMonitor is writing the file; the call is still up. */
    ACTIVE,
    /** The call ended; the file is measured, hashed and filed. */
    FILED,
    /** The recording ended but its file was not found: filed with the fact that it is missing. */
    MISSING,
    /** A file in the recordings directory that no recording accounts for, found and reported. */
    QUARANTINED,
    /**
     * Stopped and its audio deleted while the call went on, at the caller's request (objection or
     * withdrawn consent); the metadata keeps that it existed, its hash and when it went.
     */
    DELETED;

    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
