package org.recgateway.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The gateway as its own operating-system process: the runnable build as deploy/README.md installs it
 * ({@code bin/recording-gateway} from deploy/bin and {@code lib/} with the gateway's jar and its dependencies),
 * started without Maven on a configuration file. A test can kill it with SIGKILL ({@code kill -9}) mid-call,
 * which an in-process gateway cannot show: no shutdown hook, no finally block, no flush runs.
 */
public final class GatewayProcess implements AutoCloseable {
    private final Process process;
    private final Path log;
    private final int httpPort;

    private GatewayProcess(Process process, Path log, int httpPort) {
        this.process = process;
        this.log = log;
        this.httpPort = httpPort;
    }

    /**
     * Installs the runnable build under {@code dir} ({@code bin/}, {@code lib/}) from {@code gateway/target}, which
     * Maven's package phase fills before the end-to-end tests run; returns the start script.
     */
    public static Path install(Path dir) throws IOException {
        Path repo = AsteriskRig.repo();
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path lib = Files.createDirectories(dir.resolve("lib"));
        Files.copy(repo.resolve("deploy/bin/recording-gateway"), bin.resolve("recording-gateway"),
                StandardCopyOption.COPY_ATTRIBUTES, StandardCopyOption.REPLACE_EXISTING);
        Path target = repo.resolve("gateway/target");
        if (!Files.isDirectory(target.resolve("lib"))) {
            throw new IllegalStateException("no " + target.resolve("lib") + ": run the end-to-end tests through mvn verify"
                    + " (the package phase copies the gateway's dependencies there)");
        }
        try (Stream<Path> jars = Stream.concat(Files.list(target.resolve("lib")), Files.list(target))) {
            for (Path jar : jars.filter(p -> p.toString().endsWith(".jar")).toList()) {
                Files.copy(jar, lib.resolve(jar.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        return bin.resolve("recording-gateway");
    }

    /**
     * Starts {@code start run --config config} with {@code environment} added, its output to {@code log}, and waits
     * until its HTTP API on {@code httpPort} says it is ready (store writable, AMI logged in, prompts installed).
     *
     * @throws IllegalStateException when it is not ready within 60 s (it is killed then)
     */
    public static GatewayProcess start(Path start, Path config, int httpPort, Map<String, String> environment, Path log)
            throws IOException, InterruptedException {
        return start(start, config, httpPort, environment, log, "/health/ready");
    }

    /**
     * Starts the gateway as {@link #start(Path, Path, int, Map, Path)} does, waiting until {@code health} (e.g.
     * {@code /health/live} for a gateway without an Asterisk) answers 200.
     */
    public static GatewayProcess start(Path start, Path config, int httpPort, Map<String, String> environment, Path log,
                                       String health) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(start.toString(), "run", "--config", config.toString())
                .directory(AsteriskRig.repo().toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().putAll(environment);
        GatewayProcess gateway = new GatewayProcess(builder.start(), log, httpPort);
        Instant deadline = Instant.now().plusSeconds(60);
        while (gateway.status(health) != 200) {
            if (!gateway.process.isAlive() || Instant.now().isAfter(deadline)) {
                gateway.close();
                throw new IllegalStateException("the gateway on HTTP port " + httpPort + " did not answer " + health
                        + " with 200 within 60 s; see " + log);
            }
            Thread.sleep(250);
        }
        return gateway;
    }

    /** The status of GET {@code path} on the gateway's HTTP API, or -1 when it does not answer. */
    public int status(String path) {
        try (HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build()) {
            return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException notAnswering) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** {@code kill -9}: the JVM ends at once (the start script exec's java, so this is the gateway's own process). */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the gateway (pid " + process.pid() + ") did not end after SIGKILL");
        }
    }

    /** SIGTERM, as systemd stops it; waits until it has ended. */
    public void stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            kill();
        }
    }

    public boolean alive() {
        return process.isAlive();
    }

    public Path log() {
        return log;
    }

    /**
     * Runs one of the build's other commands ({@code start <args...>}, e.g. {@code audit verify --config FILE}) to its
     * end and returns its exit status; its output is appended to {@code output}.
     */
    public static int command(Path start, Map<String, String> environment, List<String> output, String... args)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(start.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(AsteriskRig.repo().toFile()).redirectErrorStream(true);
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().putAll(environment);
        Process p = builder.start();
        String text = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("'" + String.join(" ", args) + "' did not end within 60 s: " + text);
        }
        output.add(text);
        return p.exitValue();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }
}
