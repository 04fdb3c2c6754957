package org.recgateway.recording;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.recgateway.policy.LegalBasis;
import org.recgateway.policy.Purpose;

/** A recording is built of parts by named factories; its life changes only the parts that change. */
class RecordingTest {
    private static final Instant T = Instant.parse("2026-11-30T10:00:00Z");
    private static final RecordedCall CALL = new RecordedCall("1.1", "1.0", "PJSIP/sipp-1", "0612345678", "1001");

    private static Recording active() {
        return Recording.active("r1", CALL, new Evidence("rule", null, null), PurposeSet.of(List.of(
                new RecordedPurpose(Purpose.CONTRACT_EVIDENCE, LegalBasis.CONTRACT, Duration.ofDays(365)),
                new RecordedPurpose(Purpose.QUALITY, LegalBasis.LEGITIMATE_INTEREST, Duration.ofMinutes(2)))),
                "/rec/r1.wav", T);
    }

    @Test
    void anActiveRecordingHasItsCallEvidenceAndPurposesButNothingMeasured() {
        Recording r = active();

        assertEquals(RecordingStatus.ACTIVE, r.status());
        assertEquals("0612345678", r.callerNumber());
        assertEquals(Purpose.CONTRACT_EVIDENCE, r.purpose(), "the first purpose is the main one");
        assertEquals(Duration.ofDays(365), r.retention(), "the longest retention");
        assertEquals(AudioFile.writing("/rec/r1.wav", T), r.audio());
        assertNull(r.ended());
        assertNull(r.retentionUntil());
        assertNull(r.deletion());
    }

    @Test
    void filingSetsTheMeasuredAudioAndEachPurposesDeadlineAndLeavesTheRestAlone() {
        Recording filed = active().filed(T.plusSeconds(60), 4_000, "a".repeat(64), RecordingStatus.FILED);

        assertEquals(new AudioFile("/rec/r1.wav", T, T.plusSeconds(60), 4_000L, "a".repeat(64)), filed.audio());
        assertEquals(T.plusSeconds(60).plus(Duration.ofDays(365)), filed.retentionUntil());
        assertEquals(T.plusSeconds(180), filed.purposes().get(1).due());
        assertEquals(CALL, filed.call());
        assertEquals(active().evidence(), filed.evidence());
    }

    @Test
    void aQuarantinedFileHasNoCallNoEvidenceNoPurposeOnlyItsAudio() {
        Recording q = Recording.quarantined("q1", "/rec/stray.wav", T, 44, "b".repeat(64));

        assertEquals(RecordedCall.NONE, q.call());
        assertEquals(Evidence.NONE, q.evidence());
        assertEquals(List.of(), q.purposes());
        assertEquals(Duration.ZERO, q.retention());
        assertEquals(44L, q.sizeBytes());
        Recording closed = q.assignedTo("r1");
        assertEquals("assigned to r1", closed.ruleName());
        assertEquals(q.audio(), closed.audio());
    }

    @Test
    void aDoneDeletionMakesATombstoneThatKeepsWhatWasDeleted() {
        Recording filed = active().filed(T.plusSeconds(60), 4_000, "a".repeat(64), RecordingStatus.FILED);

        Recording tomb = filed.withDeletion(new Deletion(T.plusSeconds(90), "erasure", "officer", true), 4_000L, "a".repeat(64));

        assertEquals(RecordingStatus.DELETED, tomb.status());
        assertEquals(filed.purposeSet(), tomb.purposeSet());
        assertEquals("a".repeat(64), tomb.sha256());
        assertTrue(tomb.deletion().done());
    }
}
