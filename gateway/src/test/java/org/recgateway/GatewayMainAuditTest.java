package org.recgateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code gateway audit ...} and {@code gateway recordings ...} as a process runs them: config, store, exit code. */
class GatewayMainAuditTest {

    @TempDir
    Path dir;

    private Path config;
    private Path db;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeEach
    void writeConfig() throws Exception {
        db = dir.resolve("data/recordings.db");
        config = dir.resolve("gateway.yaml");
        Files.writeString(config, "ami:\n  enabled: false\nstore:\n  path: " + db + "\n");
    }

    @Test
    void auditVerifyExitsZeroOnAnIntactTrailAndOneOnAnEditedOne() throws Exception {
        assertEquals(0, run("recordings", "--config", config.toString(), "--number", "0612345678"), err());
        assertEquals(0, run("recordings", "--config", config.toString(), "--limit", "3"), err());
        assertEquals(0, run("audit", "--config", config.toString(), "verify"), err());
        assertTrue(out().contains("\"events\" : 2"), out());

        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement()) {
            s.execute("DROP TRIGGER audit_events_no_update");
            s.execute("UPDATE audit_events SET details = '{\"count\":\"0\",\"limit\":\"100\",\"via\":\"cli\"}'"
                    + " WHERE sequence = 1");
        }

        assertEquals(1, run("audit", "--config", config.toString(), "verify"));
        assertTrue(err().contains("broken at event 1 (edited)"), err());
    }

    @Test
    void storeReadingCommandsNameTheConfigurationAndDatabaseTheyUsed() throws Exception {
        assertEquals(0, run("recordings", "--config", config.toString(), "--limit", "1"), err());
        assertTrue(err().contains("reading database " + db.toAbsolutePath() + " (configuration " + config.toAbsolutePath() + ")"), err());
        assertTrue(!out().contains("reading "), "stdout stays the command's output");
    }

    @Test
    void auditListPrintsTheCliReadsOfTheStore() throws Exception {
        run("recordings", "--config", config.toString(), "--purpose", "quality");

        assertEquals(0, run("audit", "--config", config.toString(), "list"), err());
        assertTrue(out().contains("\"action\" : \"recording-listed\""), out());
        assertTrue(out().contains("\"actor\" : \"cli:" + System.getProperty("user.name") + "\""), out());
    }

    @Test
    void theCommandLineNamesWhatItReadOnStderrAndPrintsOnlyJsonOnStdout() throws Exception {
        assertEquals(0, run("recordings", "--config", config.toString(), "--number", "06 1234 5678"), err());

        assertTrue(err().contains("configuration " + config.toAbsolutePath()), err());
        assertTrue(err().contains("database " + db.toAbsolutePath()), err());
        new com.fasterxml.jackson.databind.ObjectMapper().readTree(out());  // the whole of stdout is one JSON document
        assertTrue(!out().contains("\u001b"), "no colour codes");
        assertTrue(Files.exists(db.getParent().resolve("pseudonym.key")), "the pseudonym key lives beside the database");
    }

    @Test
    void privacyRequestsFromTheCommandLineAreJsonAndAudited() throws Exception {
        assertEquals(0, run("privacy", "--config", config.toString(), "access", "--number", "+31 6 1234 5678"), err());
        assertTrue(out().contains("\"recordings\" : [ ]"), out());
        out.reset();
        assertEquals(0, run("privacy", "--config", config.toString(), "hold", "--kind", "number", "--target", "0612345678",
                "--reason", "case 7"), err());
        assertTrue(out().contains("\"target\" : \"+31612345678\""), out());
        out.reset();
        assertEquals(0, run("privacy", "--config", config.toString(), "erase", "--number", "06-12345678"), err());
        assertTrue(out().contains("\"deleted\" : 0"), out());
        out.reset();
        assertEquals(0, run("audit", "--config", config.toString(), "list"), err());
        assertTrue(out().contains("subject-access") && out().contains("hold-placed") && out().contains("subject-erasure"), out());
        assertTrue(!out().contains("612345678"), "no number in the audit trail");
        assertEquals(2, run("privacy", "--config", config.toString(), "erase"));
        assertTrue(err().contains("usage: gateway privacy"), err());
    }

    @Test
    void auditWithoutASubcommandIsAUsageError() throws Exception {
        assertEquals(2, run("audit", "--config", config.toString()));
        assertTrue(err().contains("usage: gateway audit"), err());
    }

    private int run(String... args) throws Exception {
        return GatewayMain.run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }
}
