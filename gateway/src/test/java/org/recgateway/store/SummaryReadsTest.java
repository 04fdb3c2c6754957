package org.recgateway.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recgateway.policy.Purpose;
import org.recgateway.recording.RecordedCall;
import org.recgateway.recording.Recording;
import org.recgateway.recording.RecordingQuery;
import org.recgateway.recording.RecordingStatus;
import org.recgateway.recording.RecordingStore.Summary;
import org.recgateway.recording.TestRecordings;

/**
 * The narrow reads of the per-call paths (issue 13) give what the full read gives for the same recordings, in the
 * same order, without reading the purposes or the consent evidence; on SQLite and PostgreSQL.
 */
class SummaryReadsTest {
    private static final String CALL = "1764600000.1";

    @TempDir
    Path dir;

    /** A recording of the call {@link #CALL} on channel {@code uniqueId} of {@code server} (null: stored without one). */
    private static Recording ofCall(String id, int minutes, String uniqueId, String server, Purpose purpose) {
        Recording r = TestRecordings.active(id, minutes, "0612345678", "1001", purpose);
        return new Recording(r.id(), r.status(), new RecordedCall(uniqueId, CALL, "PJSIP/sipp-" + id, r.callerNumber(),
                r.calledNumber(), server), r.evidence(), r.audio(), r.purposeSet(), r.deletion());
    }

    /** The summary as the full reads give it. */
    private static Summary full(JdbcRecordingStore store, String id) {
        return Summary.of(store.byId(id).orElseThrow(), store.callFacts(id).orElseThrow());
    }

    private static List<Summary> full(JdbcRecordingStore store, RecordingQuery query) {
        return store.find(query).stream().map(r -> full(store, r.id())).toList();
    }

    @Test
    void anActiveAFiledAndAnAbsentRecordingSummariseAsTheFullReadShowsThem() {
        Instant bridged = TestRecordings.T0.plusSeconds(400);
        try (JdbcRecordingStore store = TestStores.open(dir.resolve("r.db"))) {
            store.insert(ofCall("active", 5, "u-1", "pbx-a", Purpose.QUALITY));
            store.mixMonitorStarted("active", "mm-1");
            store.bridged("active", bridged);
            Recording filed = ofCall("filed", 0, "u-2", null, Purpose.CONTRACT_EVIDENCE);
            store.insert(filed);
            store.endReason("filed", "never-bridged");
            store.update(TestRecordings.filed(filed));
            store.insert(ofCall("diagnostic", 3, "u-1", "pbx-b", Purpose.PROVIDER_DIAGNOSTICS));  // no recording_calls row

            for (String id : List.of("active", "filed", "diagnostic")) {
                assertEquals(Optional.of(full(store, id)), store.summary(id), id);
            }
            assertEquals(Optional.empty(), store.summary("absent"));
            assertEquals(new Summary("active", RecordingStatus.ACTIVE, "u-1", CALL, "PJSIP/sipp-active", "pbx-a",
                    Purpose.QUALITY, TestRecordings.T0.plusSeconds(300), bridged, null), store.summary("active").orElseThrow(),
                    "not merely equal: filled in");
            assertEquals(new Summary("filed", RecordingStatus.FILED, "u-2", CALL, "PJSIP/sipp-filed", null,
                    Purpose.CONTRACT_EVIDENCE, TestRecordings.T0, null, "never-bridged"), store.summary("filed").orElseThrow());

            List<Summary> ofCall = store.summariesOfCall(CALL);
            assertEquals(full(store, RecordingQuery.byLinkedId(CALL)), ofCall);
            assertEquals(List.of("active", "diagnostic", "filed"), ofCall.stream().map(Summary::id).toList(), "newest start first");
            assertEquals(full(store, RecordingQuery.byUniqueId("u-1")), store.summariesOfChannel("u-1"));
            assertEquals(2, store.summariesOfChannel("u-1").size());
            assertEquals(List.of(), store.summariesOfCall("absent"));
            assertEquals(List.of(), store.summariesOfChannel("absent"));

            List<Summary> active = store.activeSummaries();
            assertEquals(store.active().stream().map(r -> full(store, r.id())).toList(), active);
            assertEquals(List.of("active", "diagnostic"), active.stream().map(Summary::id).toList(), "newest start first");
        }
    }

    @Test
    void theNarrowReadsReadNeitherThePurposesNorTheConsentEvidence() throws Exception {
        Path file = dir.resolve("r.db");
        try (JdbcRecordingStore store = TestStores.open(file)) {
            store.insert(ofCall("r", 0, "u-1", "pbx-a", Purpose.QUALITY));
            try (Connection c = TestStores.connect(file); Statement s = c.createStatement()) {
                s.executeUpdate("UPDATE recording_purposes SET purpose = 'from-a-newer-gateway' WHERE recording_id = 'r'");
            }

            assertThrows(StoreException.class, () -> store.byId("r"), "the full read reads the purposes");
            assertEquals(RecordingStatus.ACTIVE, store.summary("r").orElseThrow().status());
            assertEquals(List.of("r"), store.summariesOfCall(CALL).stream().map(Summary::id).toList());
            assertEquals(List.of("r"), store.summariesOfChannel("u-1").stream().map(Summary::id).toList());
            assertEquals(List.of("r"), store.activeSummaries().stream().map(Summary::id).toList());
        }
    }
}
