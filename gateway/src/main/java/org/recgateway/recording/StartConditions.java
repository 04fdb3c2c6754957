package org.recgateway.recording;

import java.util.Optional;

/**
 * What must hold before a new recording starts: the store can write (else nothing could be filed) and the
 * recordings disk is above its floor (else the file would be cut short). Asked once per call, before the
 * notice; a refusal leaves the call to go on unrecorded with its {@link RecordingReason}.
 */
@FunctionalInterface
public interface StartConditions {

    /** Empty when a recording may start; else why not. */
    Optional<Refusal> refusal();

    /** Why no recording starts now: the reason the dialplan is told and a sentence for the log. */
    record Refusal(RecordingReason reason, String why) { }

    /** Every recording may start; for tests and tools. */
    StartConditions ALWAYS = Optional::empty;
}
