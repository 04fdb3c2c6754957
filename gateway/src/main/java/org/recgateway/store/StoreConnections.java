package org.recgateway.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The two connections of a store: {@code write}, in WAL mode with {@code synchronous=FULL} and the
 * schema migrated, used only by the group-commit writer and locked work; {@code read}, query-only,
 * for reads, which WAL lets run beside the writer.
 */
record StoreConnections(Connection write, Connection read, Dialect dialect, WriterSource writers) {

    /** Opens one more writing connection on the same, already migrated store (after a failure broke the last one). */
    @FunctionalInterface
    interface WriterSource {
        /** @throws SQLException when no connection can be opened now; nothing stays open */
        Connection open() throws SQLException;
    }

    private static final int BUSY_TIMEOUT_MILLIS = 5_000;

    /** Opens (creating it and its parent directories if needed) and migrates the database {@code file}. */
    static StoreConnections open(Path file) {
        try {
            Files.createDirectories(file.getParent());
        } catch (IOException e) {
            throw new StoreException("cannot create the directory " + file.getParent()
                    + " for the recording store; check that the path is right and writable", e);
        }
        Connection write = null;
        Connection read = null;
        try {
            // a transaction the store opens (setAutoCommit(false)) takes the write lock at once, waiting up to
            // the busy timeout, so two processes on one file serialise instead of failing on a lock upgrade
            write = openWriter(file);
            org.sqlite.SQLiteDataSource flyway = new org.sqlite.SQLiteDataSource();
            flyway.setUrl("jdbc:sqlite:" + file);
            Schema.migrate(flyway, Dialect.SQLITE);
            read = DriverManager.getConnection("jdbc:sqlite:" + file);
            try (Statement statement = read.createStatement()) {
                statement.execute("PRAGMA busy_timeout = " + BUSY_TIMEOUT_MILLIS);
                statement.execute("PRAGMA query_only = ON");
            }
            return new StoreConnections(write, read, Dialect.SQLITE, () -> openWriter(file));
        } catch (SQLException | RuntimeException e) {
            closeQuietly(read, e);
            closeQuietly(write, e);
            if (e instanceof StoreException se) {
                throw se;
            }
            throw new StoreException("cannot open the recording store " + file + ": " + e.getMessage()
                    + "; check that it is a SQLite database this gateway wrote and that the disk is writable", e);
        }
    }

    /**
     * Migrates the PostgreSQL database behind {@code pool}, then takes the writer's and the reader's
     * connection from it (the reader read-only). {@code where} names the database in messages.
     */
    static StoreConnections open(javax.sql.DataSource pool, String where) {
        Schema.migrate(pool, Dialect.POSTGRESQL);
        Connection write = null;
        Connection read = null;
        try {
            write = pool.getConnection();
            write.setAutoCommit(true);
            read = pool.getConnection();
            read.setAutoCommit(true);
            read.setReadOnly(true);
            return new StoreConnections(write, read, Dialect.POSTGRESQL, () -> {
                Connection fresh = pool.getConnection();
                fresh.setAutoCommit(true);
                return fresh;
            });
        } catch (SQLException | RuntimeException e) {
            closeQuietly(read, e);
            closeQuietly(write, e);
            throw new StoreException("cannot connect to the PostgreSQL store " + where + ": " + e.getMessage()
                    + "; check store.url, the credentials in the environment and that the server runs", e);
        }
    }

    /**
     * Opens one more writing connection on an existing, migrated store (after a failure broke the last one).
     *
     * @throws SQLException when the file cannot be opened or configured; nothing stays open
     */
    static Connection openWriter(Path file) throws SQLException {
        // a transaction the store opens (setAutoCommit(false)) takes the write lock at once, waiting up to
        // the busy timeout, so two processes on one file serialise instead of failing on a lock upgrade
        Connection write = DriverManager.getConnection("jdbc:sqlite:" + file, writerProperties());
        try {
            configureWriter(write, file);
            return write;
        } catch (SQLException | RuntimeException e) {
            closeQuietly(write, e);
            throw e;
        }
    }

    /**
     * The writer's driver settings: transactions take the write lock at once ({@code IMMEDIATE}), and no generated
     * keys: the store never asks for them (its ids are its own), while sqlite-jdbc's default matched every statement
     * against an INSERT pattern and ran {@code SELECT last_insert_rowid()} on a new statement after every insert,
     * on the one serial writer (issue 13, BENCHMARKS.md session 7).
     */
    static java.util.Properties writerProperties() {
        java.util.Properties writer = new java.util.Properties();
        writer.setProperty("transaction_mode", "IMMEDIATE");
        writer.setProperty(org.sqlite.SQLiteConfig.Pragma.JDBC_GET_GENERATED_KEYS.pragmaName, "false");
        return writer;
    }

    private static void configureWriter(Connection connection, Path file) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("PRAGMA busy_timeout = " + BUSY_TIMEOUT_MILLIS);
            try (ResultSet mode = statement.executeQuery("PRAGMA journal_mode = WAL")) {
                String actual = mode.next() ? mode.getString(1) : "unknown";
                if (!"wal".equalsIgnoreCase(actual)) {
                    throw new StoreException("the recording store " + file + " could not switch to WAL mode (it is "
                            + actual + "); put it on a local file system");
                }
            }
            statement.execute("PRAGMA synchronous = FULL");
            // a destroyed data key (crypto-shredding) is overwritten in the file, not just unlinked from its page
            statement.execute("PRAGMA secure_delete = ON");
        }
    }

    private static void closeQuietly(Connection connection, Exception cause) {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException e) {
                cause.addSuppressed(e);
            }
        }
    }
}
