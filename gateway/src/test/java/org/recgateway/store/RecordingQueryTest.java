package org.recgateway.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recgateway.policy.Purpose;
import org.recgateway.recording.Recording;
import org.recgateway.recording.RecordingQuery;
import org.recgateway.recording.TestRecordings;

class RecordingQueryTest {

    @TempDir
    Path dir;

    private JdbcRecordingStore store;
    private Recording first;
    private Recording second;
    private Recording third;

    @BeforeEach
    void fill() {
        store = TestStores.open(dir.resolve("recordings.db"));
        first = TestRecordings.active("r1", 0, "+31201111111", "200", Purpose.QUALITY);
        second = TestRecordings.active("r2", 10, "+31202222222", "+31201111111", Purpose.PROVIDER_DIAGNOSTICS);
        third = TestRecordings.active("r3", 20, "+31203333333", "300", Purpose.QUALITY);
        store.insert(second);
        store.insert(third);
        store.insert(first);
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void allReturnsNewestStartFirst() {
        assertEquals(List.of(third, second, first), store.find(RecordingQuery.all(100)));
    }

    @Test
    void limitKeepsTheNewest() {
        assertEquals(List.of(third, second), store.find(RecordingQuery.all(2)));
    }

    @Test
    void uniqueIdMatchesExactly() {
        assertEquals(List.of(second), store.find(query().uniqueId(second.uniqueId()).build()));
    }

    @Test
    void linkedIdMatchesExactly() {
        assertEquals(List.of(first), store.find(query().linkedId("linked-r1").build()));
    }

    @Test
    void numberMatchesCallerOrCalled() {
        assertEquals(List.of(second, first), store.find(query().number("+31201111111").build()));
    }

    @Test
    void numberIsNotAPattern() {
        assertEquals(List.of(), store.find(query().number("+3120%").build()));
    }

    @Test
    void purposeFiltersByPurpose() {
        assertEquals(List.of(third, first), store.find(query().purpose(Purpose.QUALITY).build()));
    }

    @Test
    void fromIsInclusiveAndToIsExclusive() {
        Instant from = second.started();
        Instant to = third.started();
        assertEquals(List.of(second), store.find(query().from(from).to(to).build()));
    }

    @Test
    void criteriaCombineWithAnd() {
        RecordingQuery q = query().purpose(Purpose.QUALITY).from(first.started().plus(Duration.ofNanos(1))).build();
        assertEquals(List.of(third), store.find(q));
    }

    private static Builder query() {
        return new Builder();
    }

    /** Fills a RecordingQuery one criterion at a time. */
    private static final class Builder {
        private Optional<String> uniqueId = Optional.empty();
        private Optional<String> linkedId = Optional.empty();
        private Optional<String> number = Optional.empty();
        private Optional<Purpose> purpose = Optional.empty();
        private Optional<Instant> from = Optional.empty();
        private Optional<Instant> to = Optional.empty();

        Builder uniqueId(String v) { uniqueId = Optional.of(v); return this; }
        Builder linkedId(String v) { linkedId = Optional.of(v); return this; }
        Builder number(String v) { number = Optional.of(v); return this; }
        Builder purpose(Purpose v) { purpose = Optional.of(v); return this; }
        Builder from(Instant v) { from = Optional.of(v); return this; }
        Builder to(Instant v) { to = Optional.of(v); return this; }

        RecordingQuery build() {
            return new RecordingQuery(uniqueId, linkedId, number, purpose, from, to, 100);
        }
    }
}
