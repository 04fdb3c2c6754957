package org.recgateway.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recgateway.policy.Purpose;
import org.recgateway.recording.PhoneNumbers;
import org.recgateway.recording.Recording;
import org.recgateway.recording.TestRecordings;

/**
 * The number keys of a row are computed on the caller's thread before its write is queued, never on the one serial
 * store writer (issue 13: libphonenumber was 5 % of a filing burst inside it), and the stored keys are the bytes
 * {@link PhoneNumbers#key} gives, as they were when the writer computed them.
 */
class NumberKeysBeforeQueueTest {
    @TempDir
    Path dir;
    private final PhoneNumbers numbers = PhoneNumbers.withDefaultRegion("NL");
    private JdbcRecordingStore store;

    @BeforeEach
    void open() {
        store = TestStores.open(dir.resolve("r.db"), numbers);
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void neitherAnInsertNorAnUpdateKeysNumbersOnTheWriterThread() {
        Set<String> keyingThreads = ConcurrentHashMap.newKeySet();
        store.keyNumbersWith(n -> {
            keyingThreads.add(Thread.currentThread().getName());
            return numbers.key(n);
        });
        Recording r = TestRecordings.active("a", 0, "06 1234 5678", "1001", Purpose.QUALITY);
        store.insert(r);
        store.update(r);
        assertEquals(Set.of(Thread.currentThread().getName()), keyingThreads,
                "only the calling thread keys numbers; the writer thread is 'recording-store-writer'");
        assertFalse(keyingThreads.contains("recording-store-writer"));
    }

    @Test
    void theStoredKeysAreThoseOfPhoneNumbersKeyForInsertAndUpdate() throws Exception {
        // caller, called, and the keys PhoneNumbers.key gave for them when the writer computed them (region NL)
        String[][] cases = {
            {"0612345678", "1001", "+31612345678", "1001"},
            {"+31 6 1234 5678", "06-12345678", "+31612345678", "+31612345678"},
            {"0031612345678", "(1003)", "+31612345678", "1003"},
            {"anonymous", "+32 2 123 45 67", "anonymous", "+3221234567"},
            {"agent1", "1.002", "agent1", "1002"},
        };
        for (int i = 0; i < cases.length; i++) {
            store.insert(TestRecordings.active("r" + i, i, cases[i][0], cases[i][1], Purpose.QUALITY));
        }
        for (int i = 0; i < cases.length; i++) {
            assertEquals(List.of(cases[i][2], cases[i][3]), keys("r" + i), "inserted " + String.join(" / ", cases[i]));
            assertEquals(List.of(numbers.key(cases[i][0]), numbers.key(cases[i][1])), keys("r" + i));
        }
        // an update with other numbers re-keys them (the filing update binds the same columns)
        Recording changed = TestRecordings.active("r0", 0, "06 1234 5679", "+31 20 123 4567", Purpose.QUALITY);
        store.update(changed);
        assertEquals(List.of("+31612345679", "+31201234567"), keys("r0"));
        // no number, no key
        store.insert(TestRecordings.active("n", 9, null, null, Purpose.QUALITY));
        List<String> none = keys("n");
        assertTrue(none.get(0) == null && none.get(1) == null, "null numbers keep null keys: " + none);
    }

    private List<String> keys(String id) throws Exception {
        try (Connection c = TestStores.connect(dir.resolve("r.db"));
             PreparedStatement s = c.prepareStatement("SELECT caller_key, called_key FROM recordings WHERE id = ?")) {
            s.setString(1, id);
            try (ResultSet r = s.executeQuery()) {
                assertTrue(r.next(), "row " + id);
                List<String> keys = new ArrayList<>();
                keys.add(r.getString(1));
                keys.add(r.getString(2));
                return keys;
            }
        }
    }
}
