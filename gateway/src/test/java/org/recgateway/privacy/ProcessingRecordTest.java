package org.recgateway.privacy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.recgateway.config.ConfigLoader;
import org.recgateway.config.GatewayConfig;
import org.recgateway.testing.FixedPromptLibrary;

/** The record of processing follows the policy that runs, rule by rule and purpose by purpose. */
class ProcessingRecordTest {

    @Test
    void everyRecordingRuleAndPurposeIsAnActivityWithItsBasisRetentionAccessAndNotice() throws Exception {
        GatewayConfig config = ConfigLoader.parse("""
                ami: {enabled: false}
                policy:
                  defaultLanguage: nl
                  rules:
                    - name: sales
                      when: {called: ["_2XXX"]}
                      record:
                        purpose: contract-evidence
                        notice: notice-contract-evidence-will
                        retention: 2m
                        also:
                          - {purpose: training, basis: consent, retention: 90d, consent: {}}
                  default:
                    record: {purpose: quality, notice: notice-quality, retention: 30d, objection: {window: 2s}}
                """, "gateway.yaml", Map.of());

        Map<String, Object> record = ProcessingRecord.of(config.policy(), FixedPromptLibrary.withQuestions(),
                Instant.parse("2026-11-30T12:00:00Z"));

        @SuppressWarnings("unchecked")
        List<Map<String, Object>> activities = (List<Map<String, Object>>) record.get("activities");
        assertEquals(List.of("sales contract-evidence", "sales training", "default quality",
                        "the agent's diagnostic switch (*8 or POST /api/diagnostics/toggle), per call, for an open fault ticket provider-diagnostics"),
                activities.stream().map(a -> a.get("rule") + " " + a.get("purpose")).toList());
        Map<String, Object> sales = activities.getFirst();
        assertEquals("contract (6(1)(b))", sales.get("legalBasis"));
        assertEquals("PT2M", sales.get("retention"), "the retention as configured, not rounded to days");
        assertTrue(((List<?>) sales.get("access")).contains("supervisor"));
        Map<String, Object> training = activities.get(1);
        assertTrue(String.valueOf(training.get("consent")).contains("silence is no"), training.toString());
        assertTrue(String.valueOf(training.get("reasoning")).contains("an actor can play the call"));
        Map<String, Object> quality = activities.get(2);
        assertTrue(String.valueOf(quality.get("objection")).contains("PT2S"), quality.toString());
        assertEquals(false, ((List<?>) quality.get("notice")).isEmpty(), "the notice text callers hear is in the record");
        Map<String, Object> diagnostics = activities.get(3);
        assertTrue(((List<?>) diagnostics.get("access")).stream().anyMatch(r -> r.toString().startsWith("provider (")));
        assertTrue(!((List<?>) diagnostics.get("access")).contains("supervisor"), "a supervisor never reaches diagnostics");
    }
}
