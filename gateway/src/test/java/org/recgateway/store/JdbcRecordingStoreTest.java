package org.recgateway.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recgateway.policy.Purpose;
import org.recgateway.recording.Recording;
import org.recgateway.recording.RecordingStatus;
import org.recgateway.recording.RecordingStore;
import org.recgateway.recording.TestRecordings;
import org.recgateway.recording.AudioFile;
import org.recgateway.recording.Evidence;
import org.recgateway.recording.PurposeSet;
import org.recgateway.recording.RecordedCall;

class JdbcRecordingStoreTest {

    @TempDir
    Path dir;

    private Path dbFile;
    private JdbcRecordingStore store;

    @BeforeEach
    void open() {
        dbFile = dir.resolve("nested/dirs/recordings.db");
        store = TestStores.open(dbFile);
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void activeRecordingRoundTripsWithNullEndFields() {
        Recording active = TestRecordings.active("r1", 0, "+31201234567", "200", Purpose.QUALITY);
        store.insert(active);

        Recording read = store.byId("r1").orElseThrow();
        assertEquals(active, read);
        assertNull(read.ended());
        assertNull(read.sizeBytes());
        assertNull(read.sha256());
        assertNull(read.retentionUntil());
    }

    @Test
    void filedRecordingRoundTripsEveryFieldIncludingNanoseconds() {
        Recording active = TestRecordings.active("r1", 0, "+31201234567", "200", Purpose.CONTRACT_EVIDENCE);
        store.insert(active);
        Recording filed = TestRecordings.filed(active);
        store.update(filed);

        Recording read = store.byId("r1").orElseThrow();
        assertEquals(filed, read);
        assertEquals(TestRecordings.T0.getNano(), read.notice().started().getNano());
    }

    @Test
    void recordingWithoutNoticeOrPurposeRoundTrips() {
        Recording quarantined = new Recording("q1", RecordingStatus.QUARANTINED, new RecordedCall(null, null, null, null, null), new Evidence(null, null, null), new AudioFile("/var/spool/recgateway/stray.wav", null, null, 10L, "d".repeat(64)), new PurposeSet(null, null, java.time.Duration.ZERO, null, List.of()), null);
        store.insert(quarantined);

        assertEquals(quarantined, store.byId("q1").orElseThrow());
    }

    @Test
    void unknownIdIsEmpty() {
        assertEquals(Optional.empty(), store.byId("nope"));
    }

    @Test
    void insertingAnExistingIdFails() {
        Recording active = TestRecordings.active("r1", 0, "100", "200", Purpose.QUALITY);
        store.insert(active);

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> store.insert(active));
        assertTrue(e.getMessage().contains("r1"), e.getMessage());
    }

    @Test
    void updatingAMissingIdFails() {
        Recording never = TestRecordings.active("ghost", 0, "100", "200", Purpose.QUALITY);

        assertThrows(IllegalArgumentException.class, () -> store.update(never));
        assertEquals(Optional.empty(), store.byId("ghost"));
    }

    @Test
    void activeListsOnlyRecordingsStillActive() {
        Recording one = TestRecordings.active("r1", 0, "100", "200", Purpose.QUALITY);
        Recording two = TestRecordings.active("r2", 1, "100", "200", Purpose.QUALITY);
        store.insert(one);
        store.insert(two);
        store.update(TestRecordings.filed(one));

        assertEquals(List.of(two), store.active());
    }

    @Test
    void anEndReasonIsClearedByANullOne() {
        store.insert(TestRecordings.active("r1", 0, "100", "200", Purpose.QUALITY));
        store.mixMonitorStarted("r1", "0x7f3a2c001230");
        store.endReason("r1", "transferred");

        store.endReason("r1", null);  // Asterisk did not carry out the stop it was stored for

        assertEquals(Optional.of(new RecordingStore.CallFacts("0x7f3a2c001230", null, null)), store.callFacts("r1"));
    }

    @Test
    void theCallFactsOfARecordingAreStoredWithItAndTheFirstBridgeWins() {
        store.insert(TestRecordings.active("r1", 0, "100", "200", Purpose.QUALITY));
        assertEquals(Optional.of(new RecordingStore.CallFacts(null, null, null)), store.callFacts("r1"));

        store.mixMonitorStarted("r1", "0x7f3a2c001230");
        store.bridged("r1", TestRecordings.T0.plusSeconds(5));
        store.bridged("r1", TestRecordings.T0.plusSeconds(60));
        store.endReason("r1", "never-bridged");
        store.update(TestRecordings.filed(store.byId("r1").orElseThrow()));

        assertEquals(Optional.of(new RecordingStore.CallFacts("0x7f3a2c001230", TestRecordings.T0.plusSeconds(5),
                "never-bridged")), store.callFacts("r1"), "an update of the recording keeps its call facts");
        assertEquals(Optional.empty(), store.callFacts("nope"));
        assertThrows(IllegalArgumentException.class, () -> store.mixMonitorStarted("nope", "0x1"));
    }

    @Test
    void knowsFileMatchesTheExactPathOnly() {
        store.insert(TestRecordings.active("r1", 0, "100", "200", Purpose.QUALITY));

        assertTrue(store.knowsFile("/var/spool/recgateway/r1.wav"));
        assertFalse(store.knowsFile("/var/spool/recgateway/r1.wav2"));
        assertFalse(store.knowsFile("/var/spool/recgateway/%"));
    }

    @Test
    void dataSurvivesCloseAndReopen() {
        Recording filed = TestRecordings.filed(TestRecordings.active("r1", 0, "100", "200", Purpose.TRAINING));
        store.insert(filed);
        store.close();

        store = TestStores.open(dbFile);
        assertEquals(filed, store.byId("r1").orElseThrow());
    }

    @Test
    void reopeningDoesNotReapplyMigrations() throws Exception {
        store.close();
        store = TestStores.open(dbFile);

        try (Connection c = TestStores.connect(dbFile);
             Statement s = c.createStatement();
             ResultSet rows = s.executeQuery("SELECT COUNT(*), COUNT(DISTINCT version), MAX(CAST(version AS INTEGER))"
                     + " FROM flyway_schema_history WHERE success")) {
            rows.next();
            int versions = MigrationFiles.count(TestStores.onPostgres() ? "postgresql" : "sqlite");
            assertEquals(versions, rows.getInt(1));
            assertEquals(versions, rows.getInt(2));
            assertEquals(versions, rows.getInt(3));
        }
    }

    @Tag("sqlite-only")
    @Test
    void databaseIsInWalModeWithFullSync() throws Exception {
        try (Connection c = TestStores.connect(dbFile);
             Statement s = c.createStatement();
             ResultSet rows = s.executeQuery("PRAGMA journal_mode")) {
            rows.next();
            assertEquals("wal", rows.getString(1));
        }
    }

    @Test
    void aDatabaseFromANewerGatewayIsRefused() throws Exception {
        store.close();
        try (Connection c = TestStores.connect(dbFile);
             Statement s = c.createStatement()) {
            s.execute("INSERT INTO flyway_schema_history (installed_rank, version, description, type, script, checksum,"
                    + " installed_by, execution_time, success) VALUES (999, '999', 'newer', 'SQL', 'V999__newer.sql', 0, 'x', 0, true)");
        }

        StoreException e = assertThrows(StoreException.class, () -> TestStores.open(dbFile));
        assertTrue(e.getMessage().contains("999"), e.getMessage());
        store = TestStores.open(dir.resolve("other.db"));
    }

    @Tag("sqlite-only")
    @Test
    void aHandMigratedDatabaseFromANewerGatewayIsRefused() throws Exception {
        store.close();
        Path legacy = dir.resolve("legacy.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + legacy); Statement s = c.createStatement()) {
            LegacySchema.migrate(c);
            s.execute("INSERT INTO schema_version (version) VALUES (99)");
        }

        StoreException e = assertThrows(StoreException.class, () -> TestStores.open(legacy));
        assertTrue(e.getMessage().contains("99"), e.getMessage());
        store = TestStores.open(dir.resolve("other.db"));
    }

    @Test
    void aClosedStoreSaysSo() {
        store.close();

        IllegalStateException e = assertThrows(IllegalStateException.class, () -> store.byId("r1"));
        assertTrue(e.getMessage().contains("closed"), e.getMessage());
    }
}
