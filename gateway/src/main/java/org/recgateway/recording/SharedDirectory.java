package org.recgateway.recording;

import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * The shared-directory rule (issue #17 item 3): gateways that share one recordings directory (and one store) must see
 * it at the same path, because a recording names its file by the absolute path of the gateway that filed it. A gateway
 * that mounted the directory elsewhere would take every other gateway's file for an unaccounted one and quarantine it.
 * So the disk audit applies this rule to each file it would quarantine, before it quarantines any: a file the store does
 * not know at this path, but whose recording (its file name is the recording's id) is filed at the same place under
 * another directory, shows a mismatch ({@link Mismatch}), and the audit stops, saying where the others see the
 * directory; at start-up the gateway then refuses to start.
 */
public final class SharedDirectory {
    private static final Pattern ID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    private SharedDirectory() {
    }

    /**
     * The recordings directory is seen at another path than the other gateways on the store see it; the message says
     * which path they use and what to do. Nothing was quarantined by the audit that raised it.
     */
    public static final class Mismatch extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        Mismatch(String message) {
            super(message);
        }
    }

    /**
     * Checks one file the store does not know at its path.
     *
     * @param directory the recordings directory as this gateway sees it (absolute, normalized)
     * @param file      a file under {@code directory} (absolute, normalized) that no recording names at this path
     * @throws Mismatch when the recording named by the file's name is filed at the same relative place under another
     *                  directory: another gateway on this store sees the shared directory at another path
     */
    static void check(RecordingStore store, Path directory, Path file) {
        String name = file.getFileName().toString();
        int dot = name.indexOf('.');
        String id = dot < 0 ? name : name.substring(0, dot);
        if (!ID.matcher(id).matches()) {
            return;
        }
        String filedAt = store.byId(id).map(Recording::filePath).orElse(null);
        String relative = directory.relativize(file).toString();
        if (filedAt == null || filedAt.equals(file.toString()) || !filedAt.endsWith("/" + relative)) {
            return;
        }
        String elsewhere = filedAt.substring(0, filedAt.length() - relative.length() - 1);
        throw new Mismatch("recordings.localDirectory is " + directory + ", but recording " + id + " in it is filed at "
                + filedAt + " by another gateway on this store: gateways that share a recordings directory must"
                + " see it at the same path, or each one's disk audit quarantines the others' recordings. Mount the"
                + " shared directory at " + elsewhere + " here too and set recordings.localDirectory to it (or give"
                + " this gateway a directory of its own)");
    }
}
