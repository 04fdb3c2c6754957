package org.recgateway.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The disk floor looks up the recordings directory's file store once (issue 13: {@link Files#getFileStore} reads the
 * whole mount table and ran for every call), and still reads the free space of the directory itself each time.
 */
class DiskFloorTest {
    @TempDir
    Path dir;

    @Test
    void theFileStoreIsLookedUpOnceForManyCalls() throws IOException {
        AtomicInteger lookups = new AtomicInteger();
        DiskFloor floor = new DiskFloor(dir, 0, d -> {
            lookups.incrementAndGet();
            return Files.getFileStore(d);
        });
        for (int i = 0; i < 5; i++) {
            assertTrue(floor.freeBytes() > 0);
            assertEquals(java.util.Optional.empty(), floor.problem());
        }
        assertEquals(1, lookups.get());
    }

    @Test
    void theFreeSpaceIsThatOfTheDirectorysFileSystem() throws IOException {
        long expected = Files.getFileStore(dir).getUsableSpace();
        long free = new DiskFloor(dir, 0).freeBytes();
        // the same file system read twice: equal but for what other processes wrote meanwhile
        assertTrue(Math.abs(free - expected) < 512L * 1_048_576, free + " vs " + expected);
    }

    @Test
    void aDirectoryThatWentAwayFailsAsBefore() throws IOException {
        Path sub = Files.createDirectory(dir.resolve("recordings"));
        DiskFloor floor = new DiskFloor(sub, 0);
        assertTrue(floor.freeBytes() > 0);
        Files.delete(sub);
        assertThrows(IOException.class, floor::freeBytes, "the free space is read from the directory, not a cached value");
        assertThrows(IOException.class, new DiskFloor(sub, 0)::freeBytes, "a missing directory fails at the first look");
    }

    @Test
    void aMissingDirectoryIsNamedAsMissingWithWhatToDo(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
        java.nio.file.Path missing = dir.resolve("recording-gateway");

        String problem = new DiskFloor(missing, 0).problem().orElseThrow();

        assertTrue(problem.contains(missing + " does not exist"), problem);
        assertTrue(problem.contains("create it") && problem.contains("recordings.localDirectory"), problem);
    }
}
