package org.recgateway.config;

import java.nio.file.Path;

/**
 * Where recordings are written.
 *
 * @param asteriskDirectory the directory as Asterisk sees it (MixMonitor writes there); absolute
 * @param localDirectory    the same directory as the gateway sees it (differs when Asterisk runs in a
 *                          chroot or container)
 * @param format            the audio format MixMonitor writes
 * @param minFreeMegabytes  the recordings disk's floor: below it no new recording starts
 *                          ({@code recordings-disk-low}) and the gateway reports not ready
 * @param reconcileInterval how often live channels, rows and files are compared (active recordings whose call
 *                          is gone are filed, also those whose filing failed); it also runs on every AMI (re)connect
 */
public record RecordingsConfig(String asteriskDirectory, Path localDirectory, RecordingFormat format, long minFreeMegabytes,
                               java.time.Duration reconcileInterval) {

    /** With the default disk floor. */
    public RecordingsConfig(String asteriskDirectory, Path localDirectory, RecordingFormat format) {
        this(asteriskDirectory, localDirectory, format, Defaults.RECORDINGS_MIN_FREE_MEGABYTES, Defaults.RECORDINGS_RECONCILE_INTERVAL);
    }

    static RecordingsConfig read(Section s) {
        String asteriskDirectory = s.text("asteriskDirectory").filter(t -> {
            if (!t.value().startsWith("/")) {
                s.problems().add(t.line(), t.key(), "must be an absolute path (Asterisk's working directory is"
                        + " unknown), got " + Problems.show(t.value()));
                return false;
            }
            if (!Checks.safeForAsterisk(t.value())) {
                s.problems().add(t.line(), t.key(), Checks.unsafeForAsterisk(t.value()));
                return false;
            }
            return true;
        }).map(t -> stripTrailingSlash(t.value())).orElse(Defaults.RECORDINGS_ASTERISK_DIRECTORY);
        Path local = Checks.localPath(s, "localDirectory", asteriskDirectory);
        RecordingFormat format = s.text("format").map(t -> RecordingFormat.fromId(t.value()).orElseGet(() -> {
            s.problems().add(t.line(), t.key(), "unknown format " + Problems.show(t.value()) + "; formats: wav, gsm");
            return Defaults.RECORDINGS_FORMAT;
        })).orElse(Defaults.RECORDINGS_FORMAT);
        long floor = s.integer("minFreeMegabytes", (int) Defaults.RECORDINGS_MIN_FREE_MEGABYTES, 0, Integer.MAX_VALUE);
        java.time.Duration reconcile = s.duration("reconcileInterval", Defaults.RECORDINGS_RECONCILE_INTERVAL);
        s.finish();
        return new RecordingsConfig(asteriskDirectory, local, format, floor, reconcile);
    }

    private static String stripTrailingSlash(String dir) {
        return dir.length() > 1 && dir.endsWith("/") ? dir.substring(0, dir.length() - 1) : dir;
    }
}
