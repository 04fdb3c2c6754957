package org.recgateway.e2e;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.recgateway.recording.PhoneNumbers;
import org.recgateway.store.Database;
import org.recgateway.testing.AsteriskRig;
import org.recgateway.testing.GatewayProcess;
import org.recgateway.testing.GatewayRig;
import org.recgateway.testing.PostgresRig;

/**
 * The rig of issue #17's end-to-end tests: the real Asterisk 22, a fresh PostgreSQL database, the runnable build
 * installed once, and the configurations of two gateway processes on that database and one recordings directory, both
 * with AMI to that Asterisk (gateway one: FastAGI {@link AsteriskRig#AGI_PORT}, HTTP {@link GatewayRig#HTTP_PORT};
 * gateway two: {@link AsteriskRig#AGI2_PORT}, {@link GatewayRig#HTTP2_PORT}; the shipped dialplan's GATEWAY and
 * GATEWAY2). Shared by {@link GatewayFailoverIT} and {@link TwoLiveGatewaysIT}.
 */
final class TwoGatewaysOnPostgres implements AutoCloseable {
    /** The store's credentials, passed to every gateway process and command as the environment. */
    static final Map<String, String> ENV = Map.of("RECGATEWAY_DB_USER", PostgresRig.USER,
            "RECGATEWAY_DB_PASSWORD", PostgresRig.PASSWORD);

    final Path out;
    final Path logs;
    final String url;
    final AsteriskRig asterisk;
    /** The runnable build's start script. */
    final Path start;
    final Path config1;
    final Path config2;

    private TwoGatewaysOnPostgres(Path out, String url, AsteriskRig asterisk, Path start) throws Exception {
        this.out = out;
        this.logs = out.resolve("sipp");
        this.url = url;
        this.asterisk = asterisk;
        this.start = start;
        this.config1 = config(1, AsteriskRig.AGI_PORT, GatewayRig.HTTP_PORT);
        this.config2 = config(2, AsteriskRig.AGI2_PORT, GatewayRig.HTTP2_PORT);
    }

    /** Starts Asterisk and prepares {@code target/e2e/<name>} and the empty database {@code database}. */
    static TwoGatewaysOnPostgres start(String name, String database) throws Exception {
        Path out = Path.of("target", "e2e", name).toAbsolutePath();
        GatewayRig.delete(out);
        Files.createDirectories(out);
        PostgresRig postgres = PostgresRig.get();
        postgres.drop(database);
        String url = postgres.database(database);
        AsteriskRig asterisk = AsteriskRig.start(out.resolve("asterisk.log"));
        try {
            GatewayRig.delete(asterisk.recordingsDirectory());
            return new TwoGatewaysOnPostgres(out, url, asterisk, GatewayProcess.install(out.resolve("opt")));
        } catch (Exception e) {
            asterisk.close();
            throw e;
        }
    }

    /** Starts gateway one, logging to {@code gateway-1.log}. */
    GatewayProcess one() throws Exception {
        return GatewayProcess.start(start, config1, GatewayRig.HTTP_PORT, ENV, out.resolve("gateway-1.log"));
    }

    /** Starts gateway two, logging to {@code <logName>.log}. */
    GatewayProcess two(String logName) throws Exception {
        return GatewayProcess.start(start, config2, GatewayRig.HTTP2_PORT, ENV, out.resolve(logName + ".log"));
    }

    /** Audit events of {@code action} counted by recording id, straight from the shared database. */
    Map<String, Integer> events(String action) throws Exception {
        Map<String, Integer> counts = new TreeMap<>();
        try (Connection c = DriverManager.getConnection(url, PostgresRig.USER, PostgresRig.PASSWORD);
             Statement s = c.createStatement();
             ResultSet rows = s.executeQuery("SELECT recording_id, action FROM audit_events ORDER BY sequence")) {
            while (rows.next()) {
                if (action.equals(rows.getString(2))) {
                    counts.merge(String.valueOf(rows.getString(1)), 1, Integer::sum);
                }
            }
        }
        return counts;
    }

    /** {@code audit verify} of the runnable build with {@code config}: its exit status; its output goes to {@code output}. */
    int verifyAudit(Path config, List<String> output) throws Exception {
        return GatewayProcess.command(start, ENV, output, "audit", "verify", "--config", config.toString());
    }

    /** The shared store, opened by the test: every recording of {@code numbers} accounted for on disk and in the store. */
    void accountedFor(List<String> numbers) throws Exception {
        try (Database database = Database.postgresql(url, PostgresRig.USER, PostgresRig.PASSWORD, 2,
                PhoneNumbers.withDefaultRegion("NL"))) {
            GatewayKilledIT.accountedFor(database.recordings(), asterisk.recordingsDirectory(), numbers);
        }
    }

    /** The shared store, opened by the test for more checks. */
    Database database() throws Exception {
        return Database.postgresql(url, PostgresRig.USER, PostgresRig.PASSWORD, 2, PhoneNumbers.withDefaultRegion("NL"));
    }

    private Path config(int n, int agi, int http) throws Exception {
        Path file = out.resolve("gateway-" + n + ".yaml");
        Files.writeString(file, GatewayRig.config(asterisk, agi, http, "  url: " + url + "\n",
                        GatewayKilledIT.keys(out, "audit-head-" + n + ".json"), AgentStopsRecordingIT.POLICY)
                .replace("  localDirectory: " + asterisk.recordingsDirectory() + "\n",
                        "  localDirectory: " + asterisk.recordingsDirectory() + "\n  reconcileInterval: 2s\n"));
        return file;
    }

    @Override
    public void close() throws Exception {
        asterisk.close();
    }
}
