package org.recgateway.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * The versioned schema, kept by Flyway: {@code V<n>__*.sql} under {@code db/migration/sqlite} and
 * {@code db/migration/postgresql}, applied once each, in order, at start-up, and recorded in
 * {@code flyway_schema_history}. Append new versions to both folders; never edit one that has shipped.
 * A SQLite database made by the gateway's earlier hand-written migrations (table {@code schema_version})
 * is baselined at the version it has and then migrated on. A database from a newer gateway is refused.
 */
final class Schema {

    /** The legacy runner's table (gateways before Flyway). */
    static final String LEGACY_TABLE = "schema_version";

    /** The last version the hand-written runner had; a higher one came from a gateway this one does not know. */
    static final int LEGACY_LAST = 13;

    private Schema() {
    }

    /** Brings the database up to the newest version this gateway has; refuses one from a newer gateway. */
    static void migrate(DataSource database, Dialect dialect) {
        migrate(database, dialect, null);
    }

    /**
     * Brings the database up to {@code target} (null: the newest; tests build a database as an older gateway left it).
     *
     * @throws StoreException saying which version failed and why
     */
    static void migrate(DataSource database, Dialect dialect, Integer target) {
        try {
            int legacy = legacyVersion(database);
            if (legacy > LEGACY_LAST) {
                throw new StoreException("the database has schema version " + legacy + " (hand-written migrations) but "
                        + "this gateway knows them only up to " + LEGACY_LAST + "; run the gateway version that wrote it");
            }
            if (legacy > 0) {
                flyway(database, dialect, null).baselineVersion(Integer.toString(legacy))
                        .baselineDescription("hand-written migrations up to " + legacy).load().baseline();
            }
            var config = flyway(database, dialect, target);
            MigrateResult result = config.load().migrate();
            if (!result.success) {
                throw new StoreException("the schema migration failed: " + result.warnings
                        + "; restore the database from its backup and report this");
            }
        } catch (FlywayException e) {
            throw new StoreException("the database schema could not be brought up to date: " + e.getMessage()
                    + "; if the database was written by a newer gateway, run that version (or a newer one)", e);
        } catch (SQLException e) {
            throw new StoreException("cannot read the database's schema version: " + e.getMessage()
                    + "; check that the database is reachable and that this gateway's user may read it", e);
        }
    }

    /** The newest version applied to the database (0 for an empty one). */
    static int currentVersion(DataSource database, Dialect dialect) {
        var current = flyway(database, dialect, null).load().info().current();
        return current == null || current.getVersion() == null ? 0 : Integer.parseInt(current.getVersion().getVersion());
    }

    /** The newest version this gateway has for {@code dialect}. */
    static int latestVersion(DataSource database, Dialect dialect) {
        var all = flyway(database, dialect, null).load().info().all();
        return all.length == 0 ? 0 : Integer.parseInt(all[all.length - 1].getVersion().getVersion());
    }

    private static org.flywaydb.core.api.configuration.FluentConfiguration flyway(DataSource database, Dialect dialect,
                                                                                   Integer target) {
        var config = Flyway.configure(Schema.class.getClassLoader())
                .dataSource(database)
                .locations("classpath:" + dialect.migrations())
                // a database from a newer gateway has versions this one does not know: refuse it
                .ignoreMigrationPatterns(new String[0])
                .validateOnMigrate(true)
                .cleanDisabled(true);
        if (target != null) {
            config.target(MigrationVersion.fromVersion(Integer.toString(target)));
        }
        return config;
    }

    /** The version the legacy runner recorded, or 0 when the database has no legacy table or is already Flyway's. */
    private static int legacyVersion(DataSource database) throws SQLException {
        try (Connection c = database.getConnection()) {
            if (!hasTable(c, LEGACY_TABLE) || hasTable(c, "flyway_schema_history")) {
                return 0;
            }
            try (Statement s = c.createStatement();
                 ResultSet rows = s.executeQuery("SELECT COALESCE(MAX(version), 0) FROM " + LEGACY_TABLE)) {
                return rows.next() ? rows.getInt(1) : 0;
            }
        }
    }

    private static boolean hasTable(Connection c, String name) throws SQLException {
        try (ResultSet tables = c.getMetaData().getTables(null, null, name, null)) {
            return tables.next();
        }
    }
}
