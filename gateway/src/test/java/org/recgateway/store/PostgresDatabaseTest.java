package org.recgateway.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recgateway.audit.Actors;
import org.recgateway.audit.AuditAction;
import org.recgateway.policy.Purpose;
import org.recgateway.recording.PhoneNumbers;
import org.recgateway.recording.TestRecordings;
import org.recgateway.testing.PostgresRig;

/**
 * The PostgreSQL database handle as the gateway opens it (HikariCP pool, Flyway at start-up): an empty
 * database is migrated to every version in db/migration/postgresql, the stores it hands out work, a second
 * gateway opening the same database migrates nothing twice, and an unreachable server is a clear error.
 */
class PostgresDatabaseTest {

    @TempDir
    Path dir;

    @Test
    void anEmptyDatabaseIsMigratedAndServesEveryStore() throws Exception {
        String url = PostgresRig.get().database("handle_" + Math.abs(dir.hashCode()));
        try (Database first = Database.postgresql(url, PostgresRig.USER, PostgresRig.PASSWORD, 4, PhoneNumbers.international());
             Database second = Database.postgresql(url, PostgresRig.USER, PostgresRig.PASSWORD, 2, PhoneNumbers.international())) {
            assertEquals(url, first.where());
            first.recordings().insert(TestRecordings.active("r1", 0, "+3120", "200", Purpose.TRAINING));
            assertTrue(second.recordings().byId("r1").isPresent());
            first.probeWrite(Instant.parse("2026-03-02T09:00:00Z"));
            first.dataKeys().put("k1", new byte[] {1, 2, 3});
            second.dataKeys().put("k1", new byte[] {4});
            assertEquals(4, second.dataKeys().get("k1").orElseThrow()[0]);
            var trail = first.auditTrail(Clock.systemUTC(), dir.resolve("chain.key"), dir.resolve("head.json"));
            trail.append(Actors.GATEWAY, AuditAction.RECORDING_READ, "r1", Map.of());
            assertTrue(trail.verify().intact());
        }
        try (Connection c = DriverManager.getConnection(url, PostgresRig.USER, PostgresRig.PASSWORD);
             Statement s = c.createStatement();
             ResultSet rows = s.executeQuery("SELECT COUNT(*), COUNT(DISTINCT version) FROM flyway_schema_history WHERE success")) {
            rows.next();
            assertEquals(MigrationFiles.count("postgresql"), rows.getInt(1));
            assertEquals(MigrationFiles.count("postgresql"), rows.getInt(2));
        }
    }

    @Test
    void anUnreachableServerIsAClearError() {
        String url = "jdbc:postgresql://127.0.0.1:1/nothing";
        StoreException e = assertThrows(StoreException.class,
                () -> Database.postgresql(url, "u", "p", 2, PhoneNumbers.international()));
        assertTrue(e.getMessage().contains(url) && e.getMessage().contains("store.url"), e.getMessage());
    }
}
