package org.recgateway.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recgateway.policy.LegalBasis;
import org.recgateway.policy.Purpose;
import org.recgateway.recording.RecordedParty;
import org.recgateway.recording.Recording;

class JdbcRecordedPartiesTest {
    private static final Instant T = Instant.parse("2026-11-30T10:00:00Z");
    @TempDir
    Path dir;

    @Test
    void partiesAreKeptInJoiningOrderSurviveARestartAndTheFirstNoticeOfAChannelCounts() throws Exception {
        Path db = dir.resolve("r.db");
        try (JdbcRecordingStore store = TestStores.open(db)) {
            store.insert(Recording.active("r", new org.recgateway.recording.RecordedCall("1.1", "1.1", "PJSIP/sipp-1", "0612", "1001"),
                    new org.recgateway.recording.Evidence("rule", null, null),
                    org.recgateway.recording.PurposeSet.of(Purpose.QUALITY, LegalBasis.LEGITIMATE_INTEREST, Duration.ofDays(30)), "/tmp/r.wav", T));
            store.parties().add(new RecordedParty("r", "PJSIP/sipp-1", RecordedParty.Role.CALLER, T, "notice-quality v1 nl", true));
            store.parties().add(new RecordedParty("r", "PJSIP/agent2-3", RecordedParty.Role.JOINED, T.plusSeconds(9), "notice-quality v1 nl", true));
            store.parties().add(new RecordedParty("r", "PJSIP/agent-2", RecordedParty.Role.ANSWERED, T.plusSeconds(2), "", false));
            store.parties().add(new RecordedParty("r", "PJSIP/agent-2", RecordedParty.Role.JOINED, T.plusSeconds(20), "later", true));
        }
        try (JdbcRecordingStore store = TestStores.open(db)) {
            assertEquals(List.of(
                    new RecordedParty("r", "PJSIP/sipp-1", RecordedParty.Role.CALLER, T, "notice-quality v1 nl", true),
                    new RecordedParty("r", "PJSIP/agent-2", RecordedParty.Role.ANSWERED, T.plusSeconds(2), "", false),
                    new RecordedParty("r", "PJSIP/agent2-3", RecordedParty.Role.JOINED, T.plusSeconds(9), "notice-quality v1 nl", true)),
                    store.parties().of("r"));
            assertEquals(List.of(), store.parties().of("unknown"));
        }
    }
}
