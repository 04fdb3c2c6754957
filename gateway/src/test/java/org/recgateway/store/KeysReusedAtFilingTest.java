package org.recgateway.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recgateway.policy.Purpose;
import org.recgateway.recording.PhoneNumbers;
import org.recgateway.recording.Recording;
import org.recgateway.recording.RecordingStatus;
import org.recgateway.recording.TestRecordings;

/**
 * The filing update reuses the number keys its recording's insert computed (issue 13: libphonenumber ran again for
 * numbers that never change after the insert), and stores the same bytes as an update that keys them afresh.
 */
class KeysReusedAtFilingTest {
    @TempDir
    Path dir;
    private final PhoneNumbers numbers = PhoneNumbers.withDefaultRegion("NL");

    @Test
    void theFilingUpdateKeysNoNumberAgain() {
        AtomicInteger keyed = new AtomicInteger();
        JdbcRecordingStore store = TestStores.open(dir.resolve("r.db"), numbers);
        try {
            store.keyNumbersWith(n -> {
                keyed.incrementAndGet();
                return numbers.key(n);
            });
            Recording active = TestRecordings.active("a", 0, "06 1234 5678", "+31 20 123 4567", Purpose.QUALITY);
            store.insert(active);
            assertEquals(2, keyed.get(), "the insert keys both numbers");
            store.update(active.withFile(RecordingStatus.ACTIVE, active.filePath(), null, null));
            store.update(TestRecordings.filed(active));
            assertEquals(2, keyed.get(), "an active update and the filing update reuse the insert's keys");
            store.update(TestRecordings.filed(active));
            assertEquals(4, keyed.get(), "after the filing the insert's keys are forgotten: a later update keys afresh");
        } finally {
            store.close();
        }
    }

    @Test
    void changedNumbersAreKeyedAfresh() {
        AtomicInteger keyed = new AtomicInteger();
        JdbcRecordingStore store = TestStores.open(dir.resolve("r.db"), numbers);
        try {
            store.keyNumbersWith(n -> {
                keyed.incrementAndGet();
                return numbers.key(n);
            });
            store.insert(TestRecordings.active("a", 0, "06 1234 5678", "1001", Purpose.QUALITY));
            Recording other = TestRecordings.active("a", 0, "06 1234 5679", "1001", Purpose.QUALITY);
            store.update(TestRecordings.filed(other));
            assertEquals(4, keyed.get());
        } finally {
            store.close();
        }
    }

    @Test
    void aReusedKeyStoresTheSameRowAsAFreshOne() throws Exception {
        String[][] numbersOf = {{"0612345678", "1001"}, {"+31 6 1234 5678", "06-12345678"}, {"anonymous", "(1003)"},
            {null, "+32 2 123 45 67"}};
        // "reused": insert and filing update in one store; "fresh": the store is reopened between them, so the
        // update finds no remembered keys and computes them as before this change
        List<List<String>> reused = fileEach(dir.resolve("reused.db"), numbersOf, false);
        List<List<String>> fresh = fileEach(dir.resolve("fresh.db"), numbersOf, true);
        assertEquals(fresh, reused);
        assertTrue(reused.toString().contains("+31612345678"), "the keys are stored: " + reused);
    }

    @Test
    void theMemoIsBounded() {
        InsertedKeys memo = new InsertedKeys();
        for (int i = 0; i < InsertedKeys.MAX + 10; i++) {
            memo.atInsert(numbers::key, TestRecordings.active("r" + i, 0, "1001", "1002", Purpose.QUALITY));
        }
        assertTrue(memo.size() <= InsertedKeys.MAX, "size " + memo.size());
        memo.atUpdate(numbers::key, TestRecordings.filed(TestRecordings.active("r" + (InsertedKeys.MAX + 9), 0, "1001",
                "1002", Purpose.QUALITY)));
        assertEquals(9, memo.size(), "the filing update forgot its entry");
    }

    private List<List<String>> fileEach(Path db, String[][] numbersOf, boolean reopen) throws Exception {
        JdbcRecordingStore store = TestStores.open(db, numbers);
        List<Recording> active = new ArrayList<>();
        for (int i = 0; i < numbersOf.length; i++) {
            Recording r = TestRecordings.active("r" + i, i, numbersOf[i][0], numbersOf[i][1], Purpose.QUALITY);
            active.add(r);
            store.insert(r);
        }
        if (reopen) {
            store.close();
            store = TestStores.open(db, numbers);
        }
        try {
            for (Recording r : active) {
                store.update(TestRecordings.filed(r));
            }
        } finally {
            store.close();
        }
        List<List<String>> rows = new ArrayList<>();
        try (Connection c = TestStores.connect(db);
             PreparedStatement s = c.prepareStatement("SELECT * FROM recordings ORDER BY id");
             ResultSet r = s.executeQuery()) {
            ResultSetMetaData meta = r.getMetaData();
            while (r.next()) {
                List<String> row = new ArrayList<>();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    row.add(meta.getColumnName(i) + "=" + r.getString(i));
                }
                rows.add(row);
            }
        }
        return rows;
    }
}
