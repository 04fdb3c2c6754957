package org.recgateway.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A server under test in its own process, so its resident memory and CPU time are its own: read
 * from {@code /proc/<pid>/status} (VmRSS) and {@code /proc/<pid>/stat} (utime + stime).
 */
final class ServerProcess implements AutoCloseable {
    /** Linux's USER_HZ; /proc reports CPU time in these ticks. */
    private static final double TICKS_PER_SECOND = 100.0;

    final String name;
    private final Process process;
    private final int port;

    private ServerProcess(String name, Process process, int port) {
        this.name = name;
        this.process = process;
        this.port = port;
    }

    static ServerProcess start(String name, List<String> command, int port, Path log) throws IOException, InterruptedException {
        return start(name, command, java.util.Map.of(), port, log);
    }

    /** {@code environment}: variables added to this process's for the server (e.g. the database credentials). */
    static ServerProcess start(String name, List<String> command, java.util.Map<String, String> environment, int port, Path log)
            throws IOException, InterruptedException {
        if (new ServerProcess(name, null, port).listening()) {
            // Another process (another benchmark on this shared machine) would get the load and be measured instead.
            throw new IOException("port " + port + " is already in use by another process, so " + name + " cannot be measured "
                    + "there; run again (latency and concurrency take another free port each run) or stop that process");
        }
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(environment);
        Process p = builder.start();
        ServerProcess server = new ServerProcess(name, p, port);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!server.listening()) {
            if (!p.isAlive()) {
                throw new IOException(name + " exited with " + p.exitValue() + " before listening on port " + port
                        + "; see " + log);
            }
            if (System.nanoTime() > deadline) {
                p.destroyForcibly();
                throw new IOException(name + " did not listen on port " + port + " within 60 s; see " + log);
            }
            Thread.sleep(100);
        }
        return server;
    }

    long pid() {
        return process.pid();
    }

    /** True once a socket in LISTEN state is on the port (read from /proc/net, so no probe connection counts as a call). */
    private boolean listening() throws IOException {
        String hexPort = String.format(":%04X ", port);
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            for (String line : Files.readAllLines(Path.of(table))) {
                String[] f = line.trim().split("\\s+");
                if (f.length > 3 && (f[1] + " ").endsWith(hexPort) && f[3].equals("0A")) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Resident memory in kB. */
    long rssKb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid()), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException e) {
            return -1;
        }
        return -1;
    }

    /** User + system CPU time in seconds. */
    double cpuSeconds() {
        return cpuSeconds(Path.of("/proc", Long.toString(pid()), "stat"));
    }

    static double cpuSeconds(Path stat) {
        try {
            String s = Files.readString(stat);
            String[] f = s.substring(s.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / TICKS_PER_SECOND;
        } catch (IOException e) {
            return -1;
        }
    }

    /**
     * CPU seconds (user + system) of the process's JIT compiler threads alive now ({@code C1/C2 CompilerThre...} in
     * {@code /proc/<pid>/task/<tid>/comm}); a compiler thread that ended took its time with it, so this is a floor.
     */
    double compilerCpuSeconds() {
        double sum = 0;
        try (java.util.stream.Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(pid()), "task"))) {
            for (Path task : tasks.toList()) {
                try {
                    if (Files.readString(task.resolve("comm")).trim().matches("C[12] CompilerThre.*")) {
                        sum += Math.max(0, cpuSeconds(task.resolve("stat")));
                    }
                } catch (IOException e) {
                    // the thread ended meanwhile
                }
            }
        } catch (IOException e) {
            return Double.NaN;
        }
        return sum;
    }

    /** Threads the process has (platform threads; virtual threads are not OS threads). */
    long threads() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid()), "status"))) {
                if (line.startsWith("Threads:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException e) {
            return -1;
        }
        return -1;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(5, TimeUnit.SECONDS);
        }
    }
}
