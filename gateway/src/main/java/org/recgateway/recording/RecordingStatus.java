package org.recgateway.recording;

import java.util.Locale;

/** Where a recording is in its life. */
public enum RecordingStatus {
    /** MixMonitor is writing the file; the call is still up. */
    ACTIVE,
    /** The call ended; the file is measured, hashed and filed. */
    FILED,
    /**
     * The call ended but its file is shorter than the call it claims (its size against the bridged duration, e.g. the
     * recordings disk filled up): filed with its size and hash, never as a good recording, and alarmed.
     */
    INCOMPLETE,
    /** The recording ended but its file was not found: filed with the fact that it is missing. */
    MISSING,
    /** A file in the recordings directory that no recording accounts for, found and reported. */
    QUARANTINED,
    /**
     * Its audio was deleted: during the call at the caller's request (objection or withdrawn consent),
     * or, for a diagnostic recording, when its listening window ended or its ticket closed. The
     * metadata keeps that it existed, the size and hash of what was deleted and when it went; the
     * audit trail keeps who and why.
     */
    DELETED;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
