package org.recgateway.health;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Free space on the recordings disk against its floor ({@code recordings.minFreeMegabytes}). */
public final class DiskFloor implements Readiness.Check {
    private final Path directory;
    private final long floorBytes;

    public DiskFloor(Path directory, long floorBytes) {
        this.directory = directory;
        this.floorBytes = floorBytes;
    }

    /** Usable bytes on the file system of the recordings directory. */
    public long freeBytes() throws IOException {
        return Files.getFileStore(directory).getUsableSpace();
    }

    @Override
    public Optional<String> problem() throws IOException {
        long free = freeBytes();
        return free >= floorBytes ? Optional.empty()
                : Optional.of(free / 1_048_576 + " MB free in " + directory + ", below the floor of " + floorBytes / 1_048_576
                + " MB (recordings.minFreeMegabytes); free space or move the recordings");
    }
}
