package org.recgateway.recording;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The shared-directory rule (issue #17 item 3): gateways that share one recordings directory (and one store) must see
 * it at the same path, because a recording names its file by the absolute path of the gateway that filed it. A gateway
 * that mounted the directory elsewhere would take every other gateway's file for an unaccounted one and quarantine it.
 * So before the first disk audit the gateway looks at the files in its directory: one that the store does not know at
 * this path, but whose recording (its file name is the recording's id) is filed at the same place under another
 * directory, shows a mismatch, and the gateway refuses to start, saying where the others see the directory.
 */
public final class SharedDirectory {
    /** How many unknown files are looked at, at most: a mismatch shows in the first of them. */
    static final int LOOK_AT = 200;
    private static final Pattern ID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    private SharedDirectory() {
    }

    /**
     * Why {@code directory} is not seen at the path the other gateways on {@code store} see it, with what to do; empty
     * when nothing shows a mismatch (no other gateway's file here, or every one known at this path).
     *
     * @throws IOException when the directory cannot be walked
     */
    public static Optional<String> mismatch(RecordingStore store, Path directory) throws IOException {
        if (!Files.isDirectory(directory)) {
            return Optional.empty();
        }
        Path here = directory.toAbsolutePath().normalize();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(here)) {
            files = walk.filter(Files::isRegularFile).filter(f -> !store.knowsFile(f.toString())).limit(LOOK_AT).toList();
        }
        for (Path file : files) {
            String name = file.getFileName().toString();
            int dot = name.indexOf('.');
            String id = dot < 0 ? name : name.substring(0, dot);
            if (!ID.matcher(id).matches()) {
                continue;
            }
            Optional<String> filedAt = store.byId(id).map(Recording::filePath);
            String relative = here.relativize(file).toString();
            if (filedAt.isEmpty() || filedAt.get().equals(file.toString()) || !filedAt.get().endsWith("/" + relative)) {
                continue;
            }
            String elsewhere = filedAt.get().substring(0, filedAt.get().length() - relative.length() - 1);
            return Optional.of("recordings.localDirectory is " + here + ", but recording " + id + " in it is filed at "
                    + filedAt.get() + " by another gateway on this store: gateways that share a recordings directory must"
                    + " see it at the same path, or each one's disk audit quarantines the others' recordings. Mount the"
                    + " shared directory at " + elsewhere + " here too and set recordings.localDirectory to it (or give"
                    + " this gateway a directory of its own)");
        }
        return Optional.empty();
    }
}
