package org.recgateway.health;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Free space on the recordings disk against its floor ({@code recordings.minFreeMegabytes}). */
public final class DiskFloor implements Readiness.Check {

    /** Finds the file store of a directory ({@link Files#getFileStore}); a seam for tests that count the look-ups. */
    @FunctionalInterface
    interface StoreLookup {
        /** @throws IOException when the directory does not exist or cannot be read */
        FileStore of(Path directory) throws IOException;
    }

    private final Path directory;
    private final long floorBytes;
    private final StoreLookup lookup;
    /**
     * The directory's file store, looked up once: {@link Files#getFileStore} reads the whole mount table, and it ran for
     * every call the gateway answers (issue 13, BENCHMARKS.md session 7). Its free space is still read from the
     * directory itself each time (statvfs of the path), so a missing directory fails as before.
     */
    private volatile FileStore store;

    /** The floor of {@code floorBytes} free bytes on the file system of {@code directory}. */
    public DiskFloor(Path directory, long floorBytes) {
        this(directory, floorBytes, Files::getFileStore);
    }

    DiskFloor(Path directory, long floorBytes, StoreLookup lookup) {
        this.directory = directory;
        this.floorBytes = floorBytes;
        this.lookup = lookup;
    }

    /**
     * Usable bytes on the file system of the recordings directory.
     *
     * @throws IOException when the directory does not exist or its file system cannot be read
     */
    public long freeBytes() throws IOException {
        FileStore found = store;
        if (found == null) {
            found = lookup.of(directory);
            store = found;
        }
        return found.getUsableSpace();
    }

    /**
     * Why recordings cannot be kept on this disk now, or empty: the directory is missing or unreadable (saying how
     * to fix it; a bare exception named only the path), or its free space is below the floor.
     */
    @Override
    public Optional<String> problem() {
        long free;
        try {
            free = freeBytes();
        } catch (NoSuchFileException e) {
            return Optional.of("the recordings directory " + directory + " does not exist: create it, writable by the user"
                    + " Asterisk records as and readable by the gateway, or set recordings.asteriskDirectory and"
                    + " recordings.localDirectory to where Asterisk writes recordings");
        } catch (IOException e) {
            return Optional.of("cannot read the free space of the recordings directory " + directory + " (" + e
                    + "): check that it exists and that the gateway's user may read it");
        }
        return free >= floorBytes ? Optional.empty()
                : Optional.of(free / 1_048_576 + " MB free in " + directory + ", below the floor of " + floorBytes / 1_048_576
                + " MB (recordings.minFreeMegabytes); free space or move the recordings");
    }
}
