package org.recgateway.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13: the head checkpoint, run by the one store writer after every committed group, reads the file back only
 * when another process replaced it, and still never moves the head backwards; it leaves no temporary files behind.
 */
class AuditHeadFileTest {
    @TempDir
    Path dir;

    private static String hash(int n) {
        return String.format("%064x", n);
    }

    @Test
    void aProcessThatAloneWritesTheFileNeverReadsItBack() throws Exception {
        AuditHead head = new AuditHead(dir.resolve("audit-head.json"));
        for (int sequence = 1; sequence <= 5; sequence++) {
            head.committed(sequence, hash(sequence));
            head.flush();
        }
        assertEquals(Optional.of(new AuditHead.Head(5, hash(5))), head.read());
        assertEquals(5, head.checkpointWrites());
        assertEquals(1, head.fileReads(), "only before the first write, when the file was not yet its own");
    }

    @Test
    void aHeadAnotherProcessWroteIsReadAndNeverMovedBack() throws Exception {
        Path file = dir.resolve("audit-head.json");
        AuditHead head = new AuditHead(file);
        head.committed(5, hash(5));
        head.flush();
        long readsBefore = head.fileReads();

        // the command line (another process) appended up to event 100 and replaced the file, as AuditHead does
        Path theirs = dir.resolve(".theirs.tmp");
        Files.writeString(theirs, "{\"sequence\": 100, \"hash\": \"" + hash(100) + "\"}\n");
        Files.move(theirs, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);

        head.committed(6, hash(6));
        head.flush();
        assertEquals(Optional.of(new AuditHead.Head(100, hash(100))), head.read(), "never moved back");
        assertEquals(readsBefore + 1, head.fileReads(), "the replaced file was read");

        head.committed(101, hash(101));
        head.flush();
        assertEquals(Optional.of(new AuditHead.Head(101, hash(101))), head.read());
    }

    @Test
    void aDirectoryThatWentMissingIsMadeAgain() throws Exception {
        Path file = dir.resolve("store").resolve("audit-head.json");
        AuditHead head = new AuditHead(file);
        head.committed(1, hash(1));
        head.flush();
        Files.delete(file);
        Files.delete(file.getParent());

        head.committed(2, hash(2));
        head.flush();
        assertEquals(Optional.of(new AuditHead.Head(2, hash(2))), head.read());
    }

    @Test
    void noTemporaryFileIsLeftAndTheHeadIsOwnerOnly() throws Exception {
        Path file = dir.resolve("audit-head.json");
        AuditHead head = new AuditHead(file);
        for (int sequence = 1; sequence <= 3; sequence++) {
            head.committed(sequence, hash(sequence));
            head.flush();
        }
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(file), files.toList());
        }
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    }
}
