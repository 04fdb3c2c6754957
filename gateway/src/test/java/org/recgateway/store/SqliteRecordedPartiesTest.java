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
import org.recgateway.recording.RecordingStatus;

class SqliteRecordedPartiesTest {
    private static final Instant T = Instant.parse("2026-11-30T10:00:00Z");
    @TempDir
    Path dir;

    @Test
    void partiesAreKeptInJoiningOrderSurviveARestartAndTheFirstNoticeOfAChannelCounts() throws Exception {
        Path db = dir.resolve("r.db");
        try (SqliteRecordingStore store = SqliteRecordingStore.open(db)) {
            store.insert(new Recording("r", "1.1", "1.1", "PJSIP/sipp-1", "0612", "1001", Purpose.QUALITY, LegalBasis.LEGITIMATE_INTEREST,
                    "rule", Duration.ofDays(30), null, T, null, null, "/tmp/r.wav", null, null, RecordingStatus.ACTIVE));
            store.parties().add(new RecordedParty("r", "PJSIP/sipp-1", RecordedParty.Role.CALLER, T, "notice-quality v1 nl", true));
            store.parties().add(new RecordedParty("r", "PJSIP/agent2-3", RecordedParty.Role.JOINED, T.plusSeconds(9), "notice-quality v1 nl", true));
            store.parties().add(new RecordedParty("r", "PJSIP/agent-2", RecordedParty.Role.ANSWERED, T.plusSeconds(2), "", false));
            store.parties().add(new RecordedParty("r", "PJSIP/agent-2", RecordedParty.Role.JOINED, T.plusSeconds(20), "later", true));
        }
        try (SqliteRecordingStore store = SqliteRecordingStore.open(db)) {
            assertEquals(List.of(
                    new RecordedParty("r", "PJSIP/sipp-1", RecordedParty.Role.CALLER, T, "notice-quality v1 nl", true),
                    new RecordedParty("r", "PJSIP/agent-2", RecordedParty.Role.ANSWERED, T.plusSeconds(2), "", false),
                    new RecordedParty("r", "PJSIP/agent2-3", RecordedParty.Role.JOINED, T.plusSeconds(9), "notice-quality v1 nl", true)),
                    store.parties().of("r"));
            assertEquals(List.of(), store.parties().of("unknown"));
        }
    }
}
