package org.recgateway.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recgateway.audit.AuditAction;
import org.recgateway.audit.Actors;
import org.recgateway.policy.Purpose;
import org.recgateway.recording.Recording;
import org.recgateway.recording.TestRecordings;

/**
 * The move to Flyway: a database made by the hand-written migrations (every version they had) opens,
 * keeps its rows and audit chain, and ends with exactly the schema a new database gets from the
 * Flyway files, so the conversion of Schema.java into {@code db/migration/sqlite} lost nothing.
 */
class FlywayUpgradeTest {

    @TempDir
    Path dir;

    @Test
    void everyHandMigratedVersionUpgradesToTheSchemaANewDatabaseGets() throws Exception {
        List<String> fresh = schemaOf(dir.resolve("fresh.db"), -1);
        for (int version = 1; version <= Schema.LEGACY_LAST; version++) {
            assertEquals(fresh, schemaOf(dir.resolve("legacy-" + version + ".db"), version), "from version " + version);
        }
    }

    @Test
    void aHandMigratedDatabaseKeepsItsRowsAndItsAuditChain() throws Exception {
        Path made = dir.resolve("data/made.db");
        Path db = dir.resolve("data/recordings.db");  // beside made.db: the same audit key and head files
        Recording filed = TestRecordings.filed(TestRecordings.active("r1", 0, "100", "200", Purpose.TRAINING));
        try (JdbcRecordingStore store = JdbcRecordingStore.open(made)) {
            store.insert(filed);
            store.auditTrail(Clock.systemUTC()).append(Actors.GATEWAY, AuditAction.RECORDING_FILED, "r1", Map.of());
        }
        // The database as an older gateway left it: the legacy runner's schema at its last version (no Flyway
        // history, none of the later migrations' columns), holding the same rows.
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db)) {
            LegacySchema.migrate(c, Schema.LEGACY_LAST);
            c.setAutoCommit(true);
            copyRows(c, made);
        }

        try (JdbcRecordingStore store = JdbcRecordingStore.open(db)) {
            assertEquals(filed, store.byId("r1").orElseThrow());
            JdbcAuditTrail trail = store.auditTrail(Clock.systemUTC());
            assertEquals(2, trail.append(Actors.GATEWAY, AuditAction.RECORDING_READ, "r1", Map.of()).sequence());
            assertTrue(trail.verify().intact());
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement();
             ResultSet rows = s.executeQuery("SELECT type, version FROM flyway_schema_history ORDER BY installed_rank")) {
            List<String> history = new ArrayList<>();
            while (rows.next()) {
                history.add(rows.getString(1) + " " + rows.getString(2));
            }
            List<String> expected = new ArrayList<>(List.of("BASELINE " + Schema.LEGACY_LAST));
            for (int v = Schema.LEGACY_LAST + 1; v <= MigrationFiles.count("sqlite"); v++) {
                expected.add("SQL " + v);
            }
            assertEquals(expected, history);
        }
    }

    /** Copies every row of {@code from} into the same tables of {@code c}, by the columns both have (rows {@code c} has already stay). */
    private static void copyRows(Connection c, Path from) throws Exception {
        try (Statement s = c.createStatement()) {
            s.execute("ATTACH DATABASE '" + from + "' AS made");  // a test's own temporary path
            List<String> tables = new ArrayList<>();
            try (ResultSet rows = s.executeQuery("SELECT name FROM main.sqlite_master WHERE type = 'table'"
                    + " AND name <> 'schema_version' AND name NOT LIKE 'sqlite%' ORDER BY name")) {
                while (rows.next()) {
                    tables.add(rows.getString(1));
                }
            }
            for (String table : tables) {
                List<String> columns = columns(s, "main", table);
                columns.retainAll(columns(s, "made", table));
                if (!columns.isEmpty()) {
                    String list = String.join(", ", columns);
                    s.execute("INSERT OR IGNORE INTO main." + table + " (" + list + ") SELECT " + list + " FROM made." + table);
                }
            }
            s.execute("DETACH DATABASE made");
        }
    }

    private static List<String> columns(Statement s, String schema, String table) throws Exception {
        List<String> columns = new ArrayList<>();
        try (ResultSet rows = s.executeQuery("PRAGMA " + schema + ".table_info(" + table + ")")) {
            while (rows.next()) {
                columns.add(rows.getString("name"));
            }
        }
        return columns;
    }

    /** The tables, indexes and triggers (normalised SQL) of a database built by the legacy runner to {@code legacy}, then opened. */
    private static List<String> schemaOf(Path db, int legacy) throws Exception {
        if (legacy > 0) {
            try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db)) {
                LegacySchema.migrate(c, legacy);
            }
        }
        JdbcRecordingStore.open(db).close();
        List<String> schema = new ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement();
             ResultSet rows = s.executeQuery("SELECT type, name, sql FROM sqlite_master WHERE sql IS NOT NULL"
                     + " AND name NOT IN ('schema_version', 'flyway_schema_history') AND name NOT LIKE 'flyway%'"
                     + " ORDER BY type, name")) {
            while (rows.next()) {
                schema.add(rows.getString(1) + " " + rows.getString(2) + ": " + rows.getString(3).replaceAll("\\s+", " "));
            }
        }
        return schema;
    }
}
