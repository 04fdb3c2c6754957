package org.recgateway.bench;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Drops one file's pages from the kernel's page cache and counts how many are still there, so that a
 * "cold" read really misses the cache: {@code posix_fadvise(POSIX_FADV_DONTNEED)} on the whole file and
 * {@code mincore(2)} on a read-only map of it, both from the C library through the JDK's foreign
 * function API (the JDK has neither call; {@code /proc/sys/vm/drop_caches} is not writable in this
 * container). Only clean pages can be dropped, so the file must have been forced to disk before.
 * Linux only; needs {@code --enable-native-access=ALL-UNNAMED} (bench/run.sh passes it).
 */
final class PageCache {
    private static final int O_RDONLY = 0;
    private static final int POSIX_FADV_DONTNEED = 4;
    private static final Linker LINKER = Linker.nativeLinker();
    private static final MethodHandle OPEN = LINKER.downcallHandle(LINKER.defaultLookup().find("open").orElseThrow(),
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_INT), Linker.Option.firstVariadicArg(2));
    private static final MethodHandle CLOSE = LINKER.downcallHandle(LINKER.defaultLookup().find("close").orElseThrow(),
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
    private static final MethodHandle FADVISE = LINKER.downcallHandle(LINKER.defaultLookup().find("posix_fadvise").orElseThrow(),
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG,
                    ValueLayout.JAVA_INT));
    private static final MethodHandle MINCORE = LINKER.downcallHandle(LINKER.defaultLookup().find("mincore").orElseThrow(),
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_LONG, ValueLayout.ADDRESS));
    private static final long PAGE = 4096;

    private PageCache() {
    }

    /** Asks the kernel to drop every cached page of {@code file}; check with {@link #resident}. */
    static void evict(Path file) throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            int fd = (int) OPEN.invokeExact(arena.allocateFrom(file.toString()), O_RDONLY);
            if (fd < 0) {
                throw new IOException("open(" + file + ") failed; cannot drop its pages from the page cache");
            }
            try {
                int err = (int) FADVISE.invokeExact(fd, 0L, 0L, POSIX_FADV_DONTNEED);
                if (err != 0) {
                    throw new IOException("posix_fadvise(" + file + ", DONTNEED) failed with error " + err);
                }
            } finally {
                int ignored = (int) CLOSE.invokeExact(fd);
            }
        } catch (IOException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IOException("could not call the C library to drop " + file + " from the page cache: " + t, t);
        }
    }

    /** How many 4 KB pages of {@code file} are in the page cache now (mapping the file reads nothing). */
    static long resident(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ); Arena arena = Arena.ofConfined()) {
            long size = channel.size();
            if (size == 0) {
                return 0;
            }
            MemorySegment map = channel.map(FileChannel.MapMode.READ_ONLY, 0, size, arena);
            long pages = (size + PAGE - 1) / PAGE;
            MemorySegment vec = arena.allocate(pages);
            int rc = (int) MINCORE.invokeExact(map, size, vec);
            if (rc != 0) {
                throw new IOException("mincore(" + file + ") failed");
            }
            long in = 0;
            for (long i = 0; i < pages; i++) {
                in += vec.get(ValueLayout.JAVA_BYTE, i) & 1;
            }
            return in;
        } catch (IOException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IOException("could not call mincore on " + file + ": " + t, t);
        }
    }

    /** Forces {@code file}'s data to disk, so that its pages are clean and can be dropped. */
    static void force(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.force(true);
        }
    }
}
