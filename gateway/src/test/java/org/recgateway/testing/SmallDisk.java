package org.recgateway.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A small real file system (tmpfs) mounted where a test wants a disk that can be filled during calls: the store's or
 * the recordings' directory. Needs root, as the end-to-end rig has.
 */
public final class SmallDisk {
    private SmallDisk() {
    }

    /** Mounts a tmpfs of {@code size} (e.g. {@code 8m}) on {@code dir}. */
    public static void mount(Path dir, String size) throws Exception {
        run("mount", "-t", "tmpfs", "-o", "size=" + size, "tmpfs", dir.toString());
    }

    /** Unmounts {@code dir} when something is mounted there (null or nothing mounted: does nothing). */
    public static void unmount(Path dir) throws Exception {
        if (dir != null && new ProcessBuilder("mountpoint", "-q", dir.toString()).start().waitFor() == 0) {
            run("umount", "-l", dir.toString());
        }
    }

    /** Writes a filler file until the disk of {@code dir} has at most {@code leaveBytes} free (0: until it is full). */
    public static Path fill(Path dir, long leaveBytes) throws IOException {
        Path filler = dir.resolve("filler-" + System.nanoTime());
        byte[] block = new byte[16 * 1024];
        try (OutputStream out = Files.newOutputStream(filler)) {
            while (Files.getFileStore(dir).getUsableSpace() > leaveBytes) {
                out.write(block);
                out.flush();
            }
        } catch (IOException full) {
            // no space left: what was wanted
        }
        return filler;
    }

    private static void run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed (exit " + p.exitValue() + "): " + output);
        }
    }
}
