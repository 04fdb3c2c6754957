package org.recgateway.diagnostics;

import java.util.Objects;

import org.recgateway.recording.Recorder;

/**
 * What the diagnostic switch asks of Asterisk, implemented over AMI: start and stop MixMonitor, play the
 * notice into the call's bridge, find an agent's bridged call, read a leg's RTP statistics.
 */
public record AsteriskSide(Recorder recorder, BothPartiesNotice notice, CallLocator locator, LineQualityProbe lineQuality) {
    public AsteriskSide {
        Objects.requireNonNull(recorder, "recorder");
        Objects.requireNonNull(locator, "locator");
        lineQuality = Objects.requireNonNullElse(lineQuality, LineQualityProbe.NONE);
    }
}
