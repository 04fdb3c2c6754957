package org.recgateway.recording;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.recgateway.policy.Purpose;

class RecordingViewTest {

    @Test
    void keysAreCamelCaseInAFixedOrder() {
        Map<String, Object> view = RecordingView.of(TestRecordings.active("r1", 0, "100", "200", Purpose.QUALITY));

        assertEquals(List.of("id", "uniqueId", "linkedId", "channel", "asteriskServer", "callerNumber", "calledNumber", "purpose",
                "legalBasis", "legalBasisArticle", "ruleName", "retention", "retentionSeconds", "notice", "started", "ended",
                "durationMillis", "retentionUntil", "filePath", "sizeBytes", "sha256", "status", "purposes", "choices",
                "deletion"),
                List.copyOf(view.keySet()));
    }

    @Test
    void valuesUseIdsAndIsoInstants() {
        Recording filed = TestRecordings.filed(TestRecordings.active("r1", 0, "100", "200", Purpose.TRAINING));
        Map<String, Object> view = RecordingView.of(filed);

        assertEquals("training", view.get("purpose"));
        assertEquals("consent", view.get("legalBasis"));
        assertEquals("6(1)(a)", view.get("legalBasisArticle"));
        assertEquals("filed", view.get("status"));
        assertEquals(filed.started().toString(), view.get("started"));
        assertEquals(120_000L, view.get("durationMillis"));
        Map<?, ?> notice = (Map<?, ?>) view.get("notice");
        assertEquals(filed.notice().ended().toString(), notice.get("ended"));
        assertEquals(true, notice.get("playedToEnd"));
    }

    @Test
    void activeRecordingKeepsEndKeysAsNull() {
        Map<String, Object> view = RecordingView.of(TestRecordings.active("r1", 0, "100", "200", Purpose.QUALITY));

        assertTrue(view.containsKey("ended"));
        assertNull(view.get("ended"));
        assertNull(view.get("durationMillis"));
        assertEquals("active", view.get("status"));
    }
}
