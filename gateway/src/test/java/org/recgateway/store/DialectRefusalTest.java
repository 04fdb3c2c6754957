package org.recgateway.store;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * Which failures each dialect calls a refusal (the statement broke a schema rule; the connection is fine) and
 * which may have broken the connection. The first test provokes real errors from the database under test (SQLite
 * here, PostgreSQL in the pom's second store run); the others pin each dialect's codes.
 */
class DialectRefusalTest {

    @TempDir
    Path dir;

    private static Dialect underTest() {
        return TestStores.onPostgres() ? Dialect.POSTGRESQL : Dialect.SQLITE;
    }

    @Test
    void theDatabasesOwnRefusalsAreRefusalsAndAClosedConnectionIsNot() throws Exception {
        Dialect dialect = underTest();
        Path file = dir.resolve("refusals.db");
        try (Connection c = TestStores.connect(file); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE t (id TEXT PRIMARY KEY, n INTEGER NOT NULL CHECK (n > 0))");
            s.execute("INSERT INTO t (id, n) VALUES ('a', 1)");
            if (dialect == Dialect.POSTGRESQL) {
                s.execute("CREATE FUNCTION refuse() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'refused'; END $$");
                s.execute("CREATE TABLE guarded (id TEXT)");
                s.execute("CREATE TRIGGER guard BEFORE INSERT ON guarded FOR EACH ROW EXECUTE FUNCTION refuse()");
            } else {
                s.execute("CREATE TABLE guarded (id TEXT)");
                s.execute("CREATE TRIGGER guard BEFORE INSERT ON guarded BEGIN SELECT RAISE(ABORT, 'refused'); END");
            }
            String[] refused = {
                "INSERT INTO t (id, n) VALUES ('a', 2)",         // duplicate key
                "INSERT INTO t (id, n) VALUES ('b', NULL)",      // not null
                "INSERT INTO t (id, n) VALUES ('c', 0)",         // check
                "INSERT INTO guarded (id) VALUES ('x')",         // a trigger's raise
                "INSERT INTO no_such_table (id) VALUES ('x')",   // an SQL error in the work
                "SELEKT 1",                                      // syntax
                dialect == Dialect.POSTGRESQL
                        ? "INSERT INTO t (id, n) VALUES ('d', 'not a number')"   // type mismatch
                        : "INSERT INTO t (rowid, id, n) VALUES ('not a rowid', 'd', 1)",
            };
            for (String sql : refused) {
                SQLException e = assertThrows(SQLException.class, () -> s.execute(sql), sql);
                assertTrue(dialect.refusal(e), sql + " is refused by the schema's rules, the connection is fine: "
                        + e + " (state " + e.getSQLState() + ", code " + e.getErrorCode() + ")");
            }
        }
        Connection closed = TestStores.connect(file);
        closed.close();
        SQLException lost = assertThrows(SQLException.class, () -> closed.createStatement().execute("SELECT 1"));
        assertFalse(dialect.refusal(lost), "a closed connection is not a refusal: " + lost);
    }

    @Test
    void sqliteRefusesByItsPrimaryResultCodesAndNothingElse() {
        for (SQLiteErrorCode code : new SQLiteErrorCode[] {SQLiteErrorCode.SQLITE_ERROR, SQLiteErrorCode.SQLITE_CONSTRAINT,
                SQLiteErrorCode.SQLITE_CONSTRAINT_PRIMARYKEY, SQLiteErrorCode.SQLITE_CONSTRAINT_TRIGGER,
                SQLiteErrorCode.SQLITE_CONSTRAINT_NOTNULL, SQLiteErrorCode.SQLITE_MISMATCH, SQLiteErrorCode.SQLITE_RANGE}) {
            assertTrue(Dialect.SQLITE.refusal(new SQLiteException("x", code)), code.name());
        }
        for (SQLiteErrorCode code : new SQLiteErrorCode[] {SQLiteErrorCode.SQLITE_FULL, SQLiteErrorCode.SQLITE_IOERR,
                SQLiteErrorCode.SQLITE_IOERR_WRITE, SQLiteErrorCode.SQLITE_BUSY, SQLiteErrorCode.SQLITE_LOCKED,
                SQLiteErrorCode.SQLITE_READONLY, SQLiteErrorCode.SQLITE_CORRUPT, SQLiteErrorCode.SQLITE_CANTOPEN}) {
            assertFalse(Dialect.SQLITE.refusal(new SQLiteException("x", code)), code.name());
        }
        // a PostgreSQL state means nothing to SQLite
        assertFalse(Dialect.SQLITE.refusal(new SQLException("x", "23505", 0)));
    }

    @Test
    void postgresqlRefusesByItsSqlStateClassesAndNothingElse() {
        for (String state : new String[] {"23505", "23502", "23514", "23503", "22P02", "22003", "42601", "42P01", "P0001"}) {
            assertTrue(Dialect.POSTGRESQL.refusal(new SQLException("x", state)), state);
        }
        for (String state : new String[] {"53100", "58030", "08006", "08003", "40001", "40P01", "57P01", "25006", "XX001"}) {
            assertFalse(Dialect.POSTGRESQL.refusal(new SQLException("x", state)), state);
        }
        assertFalse(Dialect.POSTGRESQL.refusal(new SQLException("no state")));
        // an SQLite result code means nothing to PostgreSQL
        assertFalse(Dialect.POSTGRESQL.refusal(new SQLException("x", null, 19)));
    }
}
