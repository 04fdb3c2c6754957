package org.recgateway.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A private PostgreSQL server for the tests: Debian's PostgreSQL binaries ({@code /usr/lib/postgresql/N/bin};
 * {@code ./run tests} installs the package), a new cluster in a temporary directory, listening on
 * loopback only on a free port, run as an unprivileged user (the package's {@code postgres} user when the
 * tests run as root). Started once per JVM on first use and stopped when the JVM exits.
 * Trust authentication on 127.0.0.1 for the one user {@code gateway}: a throw-away test cluster.
 */
public final class PostgresRig {

    /** The database user every test connects as. */
    public static final String USER = "gateway";
    /** Any password (the test cluster trusts loopback). */
    public static final String PASSWORD = "unused";

    private static PostgresRig running;

    private final int port;

    private PostgresRig(int port) {
        this.port = port;
    }

    /** The server, started on first use. */
    public static synchronized PostgresRig get() {
        if (running == null) {
            running = start();
        }
        return running;
    }

    /** The JDBC URL of {@code database} on this server, created (empty) if it does not exist yet. */
    public String database(String database) {
        return database(database, null);
    }

    /** The JDBC URL of {@code database}, created as a copy of {@code template} (null: empty) if it does not exist yet. */
    public synchronized String database(String database, String template) {
        if (!database.matches("[a-z][a-z0-9_]{0,40}")) {
            throw new IllegalArgumentException("test database names are [a-z][a-z0-9_]*: " + database);
        }
        try (Connection c = DriverManager.getConnection(url("postgres"), USER, PASSWORD);
             Statement s = c.createStatement()) {
            try (ResultSet rows = s.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + database + "'")) {
                if (!rows.next()) {
                    s.execute("CREATE DATABASE " + database + (template == null ? "" : " TEMPLATE " + template));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create the test database " + database + ": " + e.getMessage(), e);
        }
        return url(database);
    }

    /** Drops {@code database} (and its connections). */
    public void drop(String database) {
        try (Connection c = DriverManager.getConnection(url("postgres"), USER, PASSWORD);
             Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot drop the test database " + database + ": " + e.getMessage(), e);
        }
    }

    /** The JDBC URL of {@code database} (not created). */
    public String url(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    private static PostgresRig start() {
        Path bin = binaries();
        try {
            Path root = Files.createTempDirectory("recgateway-pg-");
            Path data = root.resolve("data");
            Path sockets = root.resolve("sockets");
            Files.createDirectories(sockets);
            List<String> asUser = new ArrayList<>();
            boolean root0 = "root".equals(System.getProperty("user.name"));
            if (root0) {
                run(List.of("chown", "-R", "postgres:postgres", root.toString()), root);
                asUser.addAll(List.of("runuser", "-u", "postgres", "--"));
            }
            int port;
            try (ServerSocket probe = new ServerSocket(0)) {
                port = probe.getLocalPort();
            }
            List<String> initdb = new ArrayList<>(asUser);
            initdb.addAll(List.of(bin.resolve("initdb").toString(), "-D", data.toString(), "-U", USER,
                    "--auth=trust", "--no-sync", "-E", "UTF8", "--locale=C"));
            run(initdb, root);
            List<String> ctl = new ArrayList<>(asUser);
            ctl.addAll(List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-l", root.resolve("server.log").toString(),
                    "-w", "-t", "60", "-o", "-h 127.0.0.1 -p " + port + " -k " + sockets + " -F -c max_connections=200", "start"));
            run(ctl, root);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(bin, asUser, data, root)));
            return new PostgresRig(port);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void stop(Path bin, List<String> asUser, Path data, Path root) {
        List<String> ctl = new ArrayList<>(asUser);
        ctl.addAll(List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-m", "immediate", "-w", "stop"));
        try {
            run(ctl, root);
        } catch (RuntimeException e) {
            System.err.println("PostgresRig: " + e.getMessage());
        }
        try (Stream<Path> all = Files.walk(root)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            System.err.println("PostgresRig: could not delete " + root + ": " + e.getMessage());
        }
    }

    private static Path binaries() {
        Path base = Path.of("/usr/lib/postgresql");
        try (Stream<Path> versions = Files.list(base)) {
            return versions.map(v -> v.resolve("bin")).filter(b -> Files.isExecutable(b.resolve("initdb")))
                    .max(Comparator.comparing(b -> Integer.parseInt(b.getParent().getFileName().toString().replaceAll("\\D", "0"))))
                    .orElseThrow();
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("no PostgreSQL server binaries under " + base + "; install Debian's postgresql "
                    + "package (./run tests does) to run the store tests on PostgreSQL", e);
        }
    }

    private static void run(List<String> command, Path dir) {
        try {
            Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException("PostgreSQL test server: " + String.join(" ", command) + " failed: " + out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
