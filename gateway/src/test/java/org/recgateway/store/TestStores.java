package org.recgateway.store;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.HexFormat;

import org.postgresql.ds.PGSimpleDataSource;
import org.recgateway.recording.PhoneNumbers;
import org.recgateway.testing.PostgresRig;

/**
 * Opens the store under test: the SQLite file {@code file}, or, when the tests run with
 * {@code -Drecgateway.test.store=postgresql} (the pom's second store execution), a PostgreSQL database
 * on {@link PostgresRig} named after that file, so closing and reopening the same "file" reopens the
 * same data. One store test suite, run against both databases.
 */
final class TestStores {

    private TestStores() {
    }

    /** True in the PostgreSQL run. */
    static boolean onPostgres() {
        return "postgresql".equals(System.getProperty("recgateway.test.store"));
    }

    static JdbcRecordingStore open(Path file) {
        return open(file, PhoneNumbers.international());
    }

    static JdbcRecordingStore open(Path file, PhoneNumbers numbers) {
        if (!onPostgres()) {
            return JdbcRecordingStore.open(file, numbers);
        }
        // named by the file, so key and head files default to beside it as with SQLite
        return JdbcRecordingStore.open(dataSource(file), file.toAbsolutePath().toString(), numbers);
    }

    /**
     * The two connections {@link #open} would give the store, opened and migrated, for a test that wraps one before
     * {@link JdbcRecordingStore#open(StoreConnections, Path, PhoneNumbers)}.
     */
    static StoreConnections connections(Path file) {
        if (!onPostgres()) {
            return StoreConnections.open(file.toAbsolutePath());
        }
        return StoreConnections.open(dataSource(file), file.toAbsolutePath().toString());
    }

    /** A raw connection to the same database (for tests that look underneath the store). */
    static Connection connect(Path file) throws SQLException {
        if (!onPostgres()) {
            return DriverManager.getConnection("jdbc:sqlite:" + file);
        }
        return dataSource(file).getConnection();
    }

    private static boolean templateReady;

    /** A migrated database every test database is copied from (CREATE DATABASE ... TEMPLATE), so each starts migrated. */
    private static synchronized String template() {
        if (!templateReady) {
            PGSimpleDataSource source = source(PostgresRig.get().database("t_template"));
            Schema.migrate(source, Dialect.POSTGRESQL);
            templateReady = true;
        }
        return "t_template";
    }

    private static PGSimpleDataSource dataSource(Path file) {
        return source(PostgresRig.get().database(name(file), template()));
    }

    private static PGSimpleDataSource source(String url) {
        PGSimpleDataSource source = new PGSimpleDataSource();
        source.setUrl(url);
        source.setUser(PostgresRig.USER);
        source.setPassword(PostgresRig.PASSWORD);
        source.setStringType("unspecified");
        return source;
    }

    /** A database name for {@code file}: the same file always gives the same name. */
    static String name(Path file) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(file.toAbsolutePath().normalize().toString().getBytes(StandardCharsets.UTF_8));
            return "t_" + HexFormat.of().formatHex(digest, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
