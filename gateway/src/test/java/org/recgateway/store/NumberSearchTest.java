package org.recgateway.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recgateway.policy.Purpose;
import org.recgateway.recording.PhoneNumbers;
import org.recgateway.recording.Recording;
import org.recgateway.recording.RecordingQuery;
import org.recgateway.recording.TestRecordings;

/** Filing and searching key a number alike, so every notation finds the same recordings; the original stays. */
class NumberSearchTest {
    @TempDir
    Path dir;
    private JdbcRecordingStore store;

    @BeforeEach
    void open() {
        store = TestStores.open(dir.resolve("r.db"), PhoneNumbers.withDefaultRegion("NL"));
        store.insert(TestRecordings.active("a", 0, "0612345678", "1001", Purpose.QUALITY));
        store.insert(TestRecordings.active("b", 1, "+31 6 1234 5678", "1002", Purpose.QUALITY));
        store.insert(TestRecordings.active("c", 2, "1003", "0031612345678", Purpose.CONTRACT_EVIDENCE));
        store.insert(TestRecordings.active("d", 3, "0612345679", "1001", Purpose.QUALITY));
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void everyNotationFindsEveryRecordingOfTheNumberAsCallerOrCalled() {
        for (String notation : List.of("0612345678", "+31612345678", "0031612345678", "06-12345678", "06 1234 5678",
                "+31 (0)6 1234 5678")) {
            assertEquals(List.of("c", "b", "a"), ids(store.find(byNumber(notation))), notation);
            assertEquals(List.of("c", "b", "a"), ids(store.ofNumber(notation)), notation);
        }
    }

    @Test
    void theOriginalNotationIsKeptForDisplay() {
        assertEquals("+31 6 1234 5678", store.byId("b").orElseThrow().callerNumber());
        assertEquals("0031612345678", store.byId("c").orElseThrow().calledNumber());
    }

    @Test
    void anExtensionIsFoundAsWritten() {
        assertEquals(List.of("d", "a"), ids(store.find(byNumber("1001"))));
    }

    @Test
    void rowsFiledBeforeNumbersWereKeyedGetTheirKeysWhenTheStoreOpens() throws Exception {
        store.close();
        try (var c = TestStores.connect(dir.resolve("r.db"))) {
            c.createStatement().execute("UPDATE recordings SET caller_key = NULL, called_key = NULL");
        }
        store = TestStores.open(dir.resolve("r.db"), PhoneNumbers.withDefaultRegion("NL"));
        assertEquals(List.of("c", "b", "a"), ids(store.find(byNumber("06 12345678"))));
    }

    private static RecordingQuery byNumber(String n) {
        return new RecordingQuery(Optional.empty(), Optional.empty(), Optional.of(n), Optional.empty(), Optional.empty(),
                Optional.empty(), 100);
    }

    private static List<String> ids(List<Recording> recordings) {
        return recordings.stream().map(Recording::id).toList();
    }
}
