package org.recgateway.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The few places where the embedded store (SQLite) and the shared store (PostgreSQL) need different
 * SQL. Everything else is the same statements on the same tables (timestamps are fixed-width ISO-8601
 * text in both, so they compare as text). Source of each rule: the database's own manual.
 */
enum Dialect {
    /** One SQLite file; one gateway process writes it. */
    SQLITE("db/migration/sqlite", "BEGIN IMMEDIATE") {
        /** SQLite's primary result codes ERROR (1), CONSTRAINT (19), MISMATCH (20) and RANGE (25); a trigger's RAISE is CONSTRAINT. */
        @Override
        boolean refusal(SQLException e) {
            int code = e.getErrorCode() & 0xff;  // extended result codes keep the primary code in the low byte
            return code == 1 || code == 19 || code == 20 || code == 25;
        }
    },
    /** One PostgreSQL database shared by every gateway. */
    POSTGRESQL("db/migration/postgresql", "BEGIN") {
        /** SQLState classes 23 (integrity), 22 (data), 42 (syntax or access rule) and P0001 (a trigger's RAISE EXCEPTION). */
        @Override
        boolean refusal(SQLException e) {
            String state = e.getSQLState();
            return state != null && (state.startsWith("23") || state.startsWith("22") || state.startsWith("42") || state.equals("P0001"));
        }
    };

    /** The advisory-lock key that orders audit appends across gateways ("audit" in ASCII). */
    static final long AUDIT_CHAIN_LOCK = 0x6175646974L;

    private final String migrations;
    private final String begin;

    Dialect(String migrations, String begin) {
        this.migrations = migrations;
        this.begin = begin;
    }

    /**
     * True when the database refused this one statement by the schema's rules (a constraint, a trigger's
     * raise, a type or range mismatch, an SQL error in the work): the connection is fine and the failure is the
     * caller's. Any other failure (disk full, I/O error, busy, locked, read-only, corrupt, connection lost) may
     * have broken the connection, and the store turns unavailable until its next commit.
     */
    abstract boolean refusal(SQLException e);

    /** The class-path folder of this database's Flyway migrations. */
    String migrations() {
        return migrations;
    }

    /** The statement that opens a write transaction (SQLite takes its write lock at once). */
    String begin() {
        return begin;
    }

    /**
     * Serialises audit appends across processes for the rest of the current transaction: SQLite's
     * write transaction already excludes every other writer; PostgreSQL takes a transaction-scoped
     * advisory lock, so two gateways never read the same chain head.
     */
    void lockAuditChain(Connection c) throws SQLException {
        if (this == POSTGRESQL) {
            try (Statement s = c.createStatement()) {
                s.execute("SELECT pg_advisory_xact_lock(" + AUDIT_CHAIN_LOCK + ")");
            }
        }
    }

    /**
     * Inside a transaction, locks the row {@code id} of {@code table} until it ends (PostgreSQL
     * {@code SELECT ... FOR UPDATE}); SQLite's single writer needs no row lock. {@code table} is a constant.
     */
    void lockRow(Connection c, String table, String id) throws SQLException {
        if (this == POSTGRESQL) {
            try (java.sql.PreparedStatement s = c.prepareStatement("SELECT 1 FROM " + table + " WHERE id = ? FOR UPDATE")) {
                s.setString(1, id);
                s.executeQuery().close();
            }
        }
    }

    /** True when {@code e} reports an insert of a primary key (or unique value) that exists (either database). */
    static boolean isDuplicateKey(SQLException e) {
        return e instanceof org.sqlite.SQLiteException lite
                ? lite.getResultCode() == org.sqlite.SQLiteErrorCode.SQLITE_CONSTRAINT_PRIMARYKEY
                : "23505".equals(e.getSQLState());
    }

    /** {@code FROM} clause of the overdue query: SQLite is told to use the partial due index (BENCHMARKS.md). */
    String purposesByDue() {
        return this == SQLITE ? "recording_purposes p INDEXED BY recording_purposes_due CROSS JOIN recordings r"
                : "recording_purposes p JOIN recordings r";
    }
}
