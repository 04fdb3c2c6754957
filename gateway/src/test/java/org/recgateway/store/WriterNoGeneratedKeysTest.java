package org.recgateway.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteConnection;

/**
 * The SQLite writer asks sqlite-jdbc for no generated keys: with the driver's default every statement was matched
 * against an INSERT pattern and every insert was followed by {@code SELECT last_insert_rowid()} on a fresh statement,
 * on the one serial writer (issue 13, BENCHMARKS.md session 7). The store's ids are its own, so nothing reads them.
 */
class WriterNoGeneratedKeysTest {
    @TempDir
    Path dir;

    @Test
    void bothWayTheWriterIsOpenedItRunsNoGeneratedKeysQuery() throws SQLException {
        StoreConnections opened = StoreConnections.open(dir.resolve("r.db"));
        try (Connection write = opened.write(); Connection read = opened.read();
             Connection reopened = StoreConnections.openWriter(dir.resolve("r.db"))) {
            for (Connection c : new Connection[] {write, reopened}) {
                assertFalse(c.unwrap(SQLiteConnection.class).getConnectionConfig().isGetGeneratedKeys(),
                        "the writer must not fetch generated keys");
                assertInsertLeavesNoGeneratedKeys(c);
            }
        }
    }

    @Test
    void theDriversDefaultWouldRunTheExtraQuery() throws SQLException {
        // the control: the same insert on a connection with the driver's default does return the generated key,
        // so the assertion above can fail
        try (Connection plain = java.sql.DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("plain.db"))) {
            try (Statement s = plain.createStatement()) {
                s.execute("CREATE TABLE t (id TEXT PRIMARY KEY)");
            }
            try (PreparedStatement insert = plain.prepareStatement("INSERT INTO t (id) VALUES (?)")) {
                insert.setString(1, "a");
                insert.executeUpdate();
                try (ResultSet keys = insert.getGeneratedKeys()) {
                    assertTrue(keys.next(), "sqlite-jdbc's default fetches last_insert_rowid() after an insert");
                }
            }
        }
    }

    @Test
    void theWritersSettingsKeepImmediateTransactions() {
        assertEquals("IMMEDIATE", StoreConnections.writerProperties().getProperty("transaction_mode"));
    }

    private static void assertInsertLeavesNoGeneratedKeys(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS generated_keys_probe (id TEXT PRIMARY KEY)");
            s.execute("DELETE FROM generated_keys_probe");
        }
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO generated_keys_probe (id) VALUES (?)")) {
            insert.setString(1, "a");
            assertEquals(1, insert.executeUpdate());
            try (ResultSet keys = insert.getGeneratedKeys()) {
                assertFalse(keys.next(), "no SELECT last_insert_rowid() ran after the insert");
            }
        }
    }
}
