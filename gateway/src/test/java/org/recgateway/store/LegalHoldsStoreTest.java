package org.recgateway.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recgateway.policy.Purpose;
import org.recgateway.recording.LegalHold;
import org.recgateway.recording.Recording;
import org.recgateway.recording.TestRecordings;

/**
 * Which holds cover a recording, asked before every deletion ({@code AudioEraser}): by its id, by either number, and
 * not once lifted. On both databases: the question once used SQLite's numbered parameters ({@code ?1}), which
 * PostgreSQL's driver does not know, so that on PostgreSQL every deletion failed (found by TwoGatewayProcessesTest).
 */
class LegalHoldsStoreTest {
    private static final Instant T = Instant.parse("2026-03-02T09:00:00Z");

    @TempDir
    Path dir;
    private JdbcRecordingStore store;

    @BeforeEach
    void open() {
        store = TestStores.open(dir.resolve("holds.db"));
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void aHoldCoversTheRecordingItNamesOrANumberOfItAndNothingOnceLifted() {
        Recording one = TestRecordings.active("r1", 0, "+31201234567", "200", Purpose.QUALITY);
        Recording two = TestRecordings.active("r2", 1, "+31207654321", "201", Purpose.QUALITY);
        store.insert(one);
        store.insert(two);
        JdbcLegalHolds holds = store.legalHolds();
        assertEquals(List.of(), holds.covering(one));

        LegalHold byId = holds.place(LegalHold.Kind.RECORDING, "r1", "dispute", "token:privacy", T);
        assertEquals(List.of(byId.id()), holds.covering(one).stream().map(LegalHold::id).toList());
        assertEquals(List.of(), holds.covering(two));

        LegalHold byNumber = holds.place(LegalHold.Kind.NUMBER, "+31207654321", "court order", "token:privacy", T.plusSeconds(1));
        assertEquals(List.of(byNumber.id()), holds.covering(two).stream().map(LegalHold::id).toList());

        holds.lift(byId.id(), "token:privacy", T.plusSeconds(2));
        assertTrue(holds.covering(one).isEmpty(), "a lifted hold covers nothing");
    }
}
