package org.recgateway.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.recgateway.audit.AuditAction;
import org.recgateway.policy.Purpose;
import org.recgateway.recording.RecordingStatus;
import org.recgateway.recording.TestRecordings;

/**
 * A full store (SQLite's {@code max_page_count} stands in for a full disk: the same SQLITE_FULL) is survived:
 * writes fail while it is full, the store says why, and writing resumes by itself once there is room again,
 * on the same store object, without a restart. The end-to-end proof on a real full tmpfs is StoreFullIT.
 */
@Timeout(60)
@org.junit.jupiter.api.Tag("sqlite-only")  // SQLite's max_page_count stands in for a full disk
class StoreSelfHealingTest {
    @TempDir
    Path dir;
    private JdbcRecordingStore store;

    @BeforeEach
    void open() {
        store = JdbcRecordingStore.open(dir.resolve("recordings.db"));
    }

    @AfterEach
    void close() {
        store.close();
    }

    private long pages() {
        return store.locked("count pages", c -> {
            try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("PRAGMA page_count")) {
                r.next();
                return r.getLong(1);
            }
        });
    }

    private void limitTo(long pages) {
        store.onWriterOpen(c -> {
            try (Statement s = c.createStatement()) {
                s.execute("PRAGMA max_page_count = " + pages);
            }
            return null;
        });
    }

    /** Inserts until the store refuses; returns how many went in. */
    private int fill(String prefix) {
        for (int i = 0; i < 10_000; i++) {
            try {
                store.insert(TestRecordings.active(prefix + i, i, "100", "200", Purpose.QUALITY));
            } catch (StoreException full) {
                assertTrue(full.getMessage().contains("full"), full.getMessage());
                return i;
            }
        }
        throw new AssertionError("the store never became full");
    }

    @Test
    void writingResumesWithoutARestartOnceAFullStoreHasRoomAgain() {
        limitTo(pages() + 3);
        int before = fill("a");
        assertTrue(store.unavailable().orElseThrow().contains("full"), store.unavailable().toString());
        // still full: writes fail again after the writer rebuilt its connection (a rebuild frees no space)
        fill("b");
        assertTrue(store.unavailable().isPresent());

        limitTo(1_000_000);  // room again
        store.insert(TestRecordings.active("after", 0, "100", "200", Purpose.QUALITY));
        store.update(store.byId("after").orElseThrow().filed(TestRecordings.T0.plusSeconds(5), 100, "ab", RecordingStatus.FILED));

        assertEquals(Optional.empty(), store.unavailable());
        assertEquals(RecordingStatus.FILED, store.byId("after").orElseThrow().status());
        for (int i = 0; i < before; i++) {
            assertTrue(store.byId("a" + i).isPresent(), "a" + i + " written before the store was full is kept");
        }
        assertEquals(Optional.empty(), store.byId("a" + before), "the write that did not fit left nothing");
    }

    @Test
    void theAuditTrailAndLockedWorkAlsoCarryOnAfterTheStoreWasFull() {
        JdbcAuditTrail trail = store.auditTrail(Clock.systemUTC(), dir.resolve("audit.key"), dir.resolve("audit.head"));
        limitTo(pages() + 3);
        int appended = 0;
        try {
            for (; appended < 10_000; appended++) {
                trail.append("gateway", AuditAction.RECORDING_FILED, null, java.util.Map.of("n", Integer.toString(appended)));
            }
        } catch (StoreException full) {
            assertTrue(full.getMessage().contains("full"), full.getMessage());
        }
        assertTrue(appended < 10_000, "the store never became full");
        assertThrows(StoreException.class, () -> store.locked("write beside the writer", c -> {
            try (Statement s = c.createStatement()) {
                return s.executeUpdate("INSERT INTO health_probe (id, at) VALUES (2, '" + "x".repeat(20_000) + "')");
            }
        }));

        limitTo(1_000_000);
        trail.append("gateway", AuditAction.RECORDING_FILED, null, java.util.Map.of());
        store.probeWrite(TestRecordings.T0);

        assertEquals(Optional.empty(), store.unavailable());
        assertTrue(trail.verify().intact(), "the chain is whole: the failed append left no gap");
    }

    @Test
    void aConstraintRefusalDoesNotMakeTheStoreUnavailable() {
        store.insert(TestRecordings.active("r1", 0, "100", "200", Purpose.QUALITY));
        assertThrows(IllegalArgumentException.class, () -> store.insert(TestRecordings.active("r1", 0, "100", "200", Purpose.QUALITY)));

        assertEquals(Optional.empty(), store.unavailable());
    }
}
