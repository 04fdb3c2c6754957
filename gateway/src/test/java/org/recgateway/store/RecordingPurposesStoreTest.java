package org.recgateway.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recgateway.policy.LegalBasis;
import org.recgateway.policy.Purpose;
import org.recgateway.recording.CallerChoices;
import org.recgateway.recording.ConsentEvidence;
import org.recgateway.recording.RecordedPurpose;
import org.recgateway.recording.Recording;
import org.recgateway.recording.RecordingQuery;
import org.recgateway.recording.RecordingStatus;
import org.recgateway.recording.Evidence;
import org.recgateway.recording.PurposeSet;
import org.recgateway.recording.RecordedCall;

class RecordingPurposesStoreTest {
    private static final Instant T = Instant.parse("2026-11-29T10:00:00Z");

    @TempDir
    Path dir;

    private static Recording twoPurposes(String id) {
        List<RecordedPurpose> purposes = List.of(new RecordedPurpose(Purpose.CONTRACT_EVIDENCE, LegalBasis.CONTRACT, java.time.Duration.ofDays(365)),
                new RecordedPurpose(Purpose.TRAINING, LegalBasis.CONSENT, java.time.Duration.ofDays(90)));
        ConsentEvidence consent = new ConsentEvidence(Purpose.TRAINING, "question-consent", "nl", 1, "c".repeat(64),
                T, T.plusSeconds(4), "1", true, "alaw", "d".repeat(64));
        CallerChoices choices = new CallerChoices(20, 7, true, null, List.of(consent));
        return Recording.active(id, new RecordedCall("1.1", "1.0", "PJSIP/a-1", "0612", "1001"), new Evidence("sales", null, choices), new PurposeSet(Purpose.CONTRACT_EVIDENCE, LegalBasis.CONTRACT, java.time.Duration.ofDays(365), null, purposes), "/r/" + id + ".wav", T);
    }

    @Test
    void everyPurposeAndTheCallersChoicesRoundTrip() {
        try (JdbcRecordingStore store = TestStores.open(dir.resolve("r.db"))) {
            Recording r = twoPurposes("a");
            store.insert(r);

            assertEquals(r, store.byId("a").orElseThrow());
        }
    }

    @Test
    void purposesAndChoicesSurviveFiling() {
        try (JdbcRecordingStore store = TestStores.open(dir.resolve("r.db"))) {
            Recording r = twoPurposes("a");
            store.insert(r);
            Recording filed = r.filed(T.plusSeconds(60), 10, "d".repeat(64), RecordingStatus.FILED);
            store.update(filed);

            assertEquals(filed, store.byId("a").orElseThrow());
        }
    }

    @Test
    void searchByPurposeFindsRecordingsWhereItIsNotTheMainOne() {
        try (JdbcRecordingStore store = TestStores.open(dir.resolve("r.db"))) {
            store.insert(twoPurposes("a"));
            RecordingQuery training = new RecordingQuery(Optional.empty(), Optional.empty(), Optional.empty(),
                    Optional.of(Purpose.TRAINING), Optional.empty(), Optional.empty(), 10);
            RecordingQuery quality = new RecordingQuery(Optional.empty(), Optional.empty(), Optional.empty(),
                    Optional.of(Purpose.QUALITY), Optional.empty(), Optional.empty(), 10);

            assertEquals(List.of("a"), store.find(training).stream().map(Recording::id).toList());
            assertEquals(List.of(), store.find(quality));
        }
    }

    @Test
    void aPurposeEndedByTheCallersObjectionNoLongerFindsTheRecording() {
        try (JdbcRecordingStore store = TestStores.open(dir.resolve("r.db"))) {
            Recording r = twoPurposes("a");
            store.insert(r);
            Recording narrowed = r.withPurposes(p -> p.purpose() == Purpose.TRAINING ? p.end(T.plusSeconds(5), "objection") : p);
            store.update(narrowed);
            RecordingQuery training = new RecordingQuery(Optional.empty(), Optional.empty(), Optional.empty(),
                    Optional.of(Purpose.TRAINING), Optional.empty(), Optional.empty(), 10);
            RecordingQuery contract = new RecordingQuery(Optional.empty(), Optional.empty(), Optional.empty(),
                    Optional.of(Purpose.CONTRACT_EVIDENCE), Optional.empty(), Optional.empty(), 10);

            assertEquals(List.of(), store.find(training));
            assertEquals(List.of("a"), store.find(contract).stream().map(Recording::id).toList());
            assertEquals(List.of(Purpose.CONTRACT_EVIDENCE), store.byId("a").orElseThrow().purposes().stream()
                    .filter(RecordedPurpose::live).map(RecordedPurpose::purpose).toList());
            store.update(store.byId("a").orElseThrow().filed(T.plusSeconds(60), 10, "d".repeat(64), RecordingStatus.FILED));
            assertEquals(List.of(Purpose.CONTRACT_EVIDENCE), store.byId("a").orElseThrow().purposes().stream()
                    .filter(RecordedPurpose::live).map(RecordedPurpose::purpose).toList(), "filing keeps the purpose ended");
        }
    }

    @Test
    void aRecordingWithoutChoicesReadsBackWithoutThem() {
        try (JdbcRecordingStore store = TestStores.open(dir.resolve("r.db"))) {
            Recording plain = Recording.active("b", new RecordedCall("1.2", "1.0", "PJSIP/a-2", "0612", "1001"), new Evidence("default", null, null), new PurposeSet(Purpose.QUALITY, LegalBasis.LEGITIMATE_INTEREST, java.time.Duration.ofDays(30), null, List.of()), "/r/b.wav", T);
            store.insert(plain);

            Recording read = store.byId("b").orElseThrow();
            assertNull(read.choices());
            assertEquals(List.of(new RecordedPurpose(Purpose.QUALITY, LegalBasis.LEGITIMATE_INTEREST, java.time.Duration.ofDays(30))), read.purposes());
        }
    }
}
