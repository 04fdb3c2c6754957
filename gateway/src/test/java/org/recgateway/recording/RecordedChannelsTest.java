package org.recgateway.recording;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.recgateway.policy.LegalBasis;
import org.recgateway.policy.Purpose;

class RecordedChannelsTest {
    private final RecordedChannels channels = new RecordedChannels();

    private static RecordingStore.Summary active(String uniqueId, String linkedId) {
        return RecordingStore.Summary.of(Recording.active("r-" + uniqueId, new RecordedCall(uniqueId, linkedId, "PJSIP/x-1", "0611", "1001"),
                new Evidence("default", null, null),
                new PurposeSet(Purpose.QUALITY, LegalBasis.LEGITIMATE_INTEREST, java.time.Duration.ofDays(30), null, List.of()),
                "/tmp/x.wav", Instant.parse("2026-11-30T10:00:00Z")), null);
    }

    @Test
    void untilTheFirstRefreshEveryChannelMayRecord() {
        assertTrue(channels.mayRecord("any"));
        assertTrue(channels.mayRecordCall("any"));
        assertFalse(channels.mayRecord(null));
    }

    @Test
    void afterARefreshOnlyNotedOrActiveChannelsMayRecord() {
        channels.refresh(channels.mark(), List.of(active("1.1", "1.0")));
        channels.starting("2.1", "2.0");

        assertTrue(channels.mayRecord("1.1"));
        assertTrue(channels.mayRecordCall("1.0"));
        assertTrue(channels.mayRecord("2.1"));
        assertTrue(channels.mayRecordCall("2.0"));
        assertFalse(channels.mayRecord("3.1"));
        assertFalse(channels.mayRecordCall("3.0"));

        channels.hungUp("2.1");
        assertFalse(channels.mayRecord("2.1"));
    }

    @Test
    void aNoteWhoseInsertIsNotYetVisibleSurvivesOneRefreshAndGoesAtTheNextWhenNotActive() {
        channels.refresh(channels.mark(), List.of());
        channels.starting("4.1", "4.0");  // its insert not committed when the store is read next
        channels.refresh(channels.mark(), List.of());
        assertTrue(channels.mayRecord("4.1"), "noted since the previous refresh: kept");

        channels.refresh(channels.mark(), List.of());
        assertFalse(channels.mayRecord("4.1"), "neither active nor noted since the previous refresh: dropped");
        assertFalse(channels.mayRecordCall("4.0"));
        assertEquals(0, channels.size());
    }

    @Test
    void anActiveRecordingStaysNotedAcrossRefreshes() {
        RecordingStore.Summary r = active("5.1", "5.0");
        for (int i = 0; i < 3; i++) {
            channels.refresh(channels.mark(), List.of(r));
        }
        assertTrue(channels.mayRecord("5.1"));
        assertTrue(channels.mayRecordCall("5.0"));
    }
}
