package org.recgateway.recording;

import java.time.Duration;
import java.time.Instant;

import org.recgateway.policy.LegalBasis;
import org.recgateway.policy.Purpose;
import java.util.List;

/** Recordings with every field set, for tests of the store, the HTTP API and the command line. */
public final class TestRecordings {

    /** A fixed moment with nanoseconds, so a lossy timestamp column shows up in a round trip. */
    public static final Instant T0 = Instant.parse("2025-03-14T09:26:53.589793238Z");

    private TestRecordings() {
    }

    /** An ACTIVE recording started {@code minutesAfterT0} after {@link #T0}, with its end fields null. */
    public static Recording active(String id, int minutesAfterT0, String caller, String called, Purpose purpose) {
        Instant noticeStart = T0.plus(Duration.ofMinutes(minutesAfterT0)).minusSeconds(7);
        NoticeEvidence notice = new NoticeEvidence("notice-" + purpose.id(), "nl", 3,
                "a".repeat(64), "b".repeat(64), noticeStart, noticeStart.plusSeconds(6), true, 48_000, 48_000,
                "alaw", "e".repeat(64), "alaw=" + "e".repeat(64) + ",wav=" + "b".repeat(64));
        return Recording.active(id, new RecordedCall("1710408413." + id.hashCode(), "linked-" + id, "PJSIP/agent-0000001" + id.length(), caller, called), new Evidence("rule-" + purpose.id(), notice, null), new PurposeSet(purpose, purpose.defaultBasis(), java.time.Duration.ofDays(90), null, List.of()), "/var/spool/recgateway/" + id + ".wav", noticeStart.plusSeconds(7));
    }

    /** The same recording filed two minutes after it started. */
    public static Recording filed(Recording active) {
        return active.filed(active.started().plusSeconds(120), 1_234_567L, "c".repeat(64), RecordingStatus.FILED);
    }
}
