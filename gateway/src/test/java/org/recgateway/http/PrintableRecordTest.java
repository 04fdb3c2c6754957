package org.recgateway.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recgateway.config.ConfigLoader;
import org.recgateway.config.GatewayConfig;
import org.recgateway.privacy.ProcessingRecord;
import org.recgateway.testing.FixedPromptLibrary;

/**
 * The record of processing as a printable page: every activity of the running policy, no script; values are text
 * (the served page escapes a title with markup in it).
 */
class PrintableRecordTest {

    @TempDir
    Path dir;

    @Test
    void thePrintablePageShowsEachPurposeItsBasisRetentionAndNoticeAsEscapedText() throws Exception {
        GatewayConfig config = ConfigLoader.parse("""
                ami: {enabled: false}
                policy:
                  defaultLanguage: nl
                  rules:
                    - name: sales
                      when: {called: ["_2XXX"]}
                      record: {purpose: contract-evidence, notice: notice-contract-evidence-will, retention: 2m}
                  default:
                    record: {purpose: quality, notice: notice-quality, retention: 30d, objection: {window: 2s}}
                """, "gateway.yaml", Map.of());

        String html = PrintablePage.of(ProcessingRecord.of(config.policy(), FixedPromptLibrary.withQuestions(),
                Instant.parse("2026-11-30T12:00:00Z")));

        assertTrue(html.startsWith("<!doctype html>"));
        assertTrue(html.contains("<h1>Record of processing activities (GDPR art. 30): call recording</h1>"), html);
        for (String shown : new String[] {"contract-evidence", "contract (6(1)(b))", "PT2M", "quality",
                "legitimate-interest (6(1)(f))", "PT720H", "provider-diagnostics", "notice-contract-evidence-will"}) {
            assertTrue(html.contains(shown), shown);
        }
        assertFalse(html.contains("<script"), "a printable page runs nothing");
    }

    @Test
    void theApiServesItToThePrivacyOfficerAsHtml() throws Exception {
        try (ListeningRig rig = new ListeningRig(dir)) {
            HttpResponse<byte[]> page = rig.get("/api/privacy/record-of-processing?format=html", ListeningRig.OFFICER);
            String body = new String(page.body(), StandardCharsets.UTF_8);

            assertEquals(200, page.statusCode(), body);
            assertEquals("text/html; charset=utf-8", page.headers().firstValue("Content-Type").orElseThrow());
            assertTrue(body.contains("<title>Record of processing &lt;test&gt;</title>"), body);
            assertEquals(403, rig.get("/api/privacy/record-of-processing?format=html", ListeningRig.PROVIDER).statusCode());
            assertEquals(400, rig.get("/api/privacy/record-of-processing?format=pdf", ListeningRig.OFFICER).statusCode());
        }
    }
}
