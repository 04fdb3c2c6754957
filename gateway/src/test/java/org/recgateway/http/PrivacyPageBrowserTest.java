package org.recgateway.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recgateway.audit.AuditAction;
import org.recgateway.metrics.GatewayMetrics;
import org.recgateway.policy.Purpose;
import org.recgateway.recording.AuditNotes;
import org.recgateway.recording.Recording;
import org.recgateway.recording.RecordingStatus;
import org.recgateway.recording.RetentionSweep;

/**
 * The privacy officer's page in a real headless Chromium, against the real HTTP server with sealed audio:
 * sign in with the token (kept in session storage), search by a number in another notation, export the
 * ZIP (the sealed audio decrypted into it), set a hold, erase (deleted, kept for a contract, kept for the
 * hold), lift the hold (the paused erasure then finishes), and verify the audit trail.
 */
class PrivacyPageBrowserTest {

    @TempDir
    Path dir;

    private ListeningRig rig;
    private DevTools chromium;

    @BeforeEach
    void start() throws Exception {
        rig = new ListeningRig(dir.resolve("gateway"), true, GatewayMetrics.NOOP);
        chromium = DevTools.start(dir.resolve("chromium-profile"));
    }

    @AfterEach
    void stop() {
        if (chromium != null) {
            chromium.close();
        }
        rig.close();
    }

    private static String text(String selector) {
        return "(document.querySelector('" + selector + "') || {textContent: ''}).textContent";
    }

    private void click(String selector) throws Exception {
        chromium.eval("document.querySelector('" + selector + "').click(); true");
    }

    private void type(String id, String value) throws Exception {
        chromium.eval("document.getElementById('" + id + "').value = '" + value + "'; true");
    }

    @Test
    void theOfficerSearchesExportsHoldsErasesLiftsAndVerifiesTheTrail() throws Exception {
        Recording quality = rig.callerRecording("p1", "0612345678", Purpose.QUALITY, 3);
        Recording contract = rig.callerRecording("p2", "+31612345678", Purpose.CONTRACT_EVIDENCE, 2);
        Recording held = rig.callerRecording("p3", "06-12345678", Purpose.QUALITY, 2);
        rig.callerRecording("q1", "0687654321", Purpose.QUALITY, 1);
        assertTrue(quality.filePath().endsWith(".enc"), "the audio rests sealed: " + quality.filePath());

        HttpResponse<byte[]> page = rig.get("/privacy/", null);
        assertEquals(200, page.statusCode());
        assertEquals(StaticPages.POLICY, page.headers().firstValue("Content-Security-Policy").orElseThrow());
        chromium.navigate(rig.base + "/privacy/");
        assertEquals("Privacy officer token", chromium.eval(text("label[for=token]")).asText());
        assertEquals("pages.css privacy.css", chromium.eval("Array.from(document.styleSheets).filter(s => s.cssRules.length > 0)"
                + ".map(s => s.href.split('/').pop()).join(' ')").asText(), "the shared and the page's own stylesheet apply");
        assertEquals(0, chromium.eval("document.querySelectorAll('script:not([src]), [onclick], [onsubmit]').length").asInt(),
                "no inline script (the CSP would refuse it anyway)");
        assertTrue(chromium.eval("Array.from(document.scripts).every(s => new URL(s.src).origin === location.origin)")
                .asBoolean(), "only the gateway's own script");

        type("token", ListeningRig.OFFICER);
        click("#signin-button");
        chromium.waitFor("document.getElementById('desk').hidden", v -> !v.asBoolean(), "the desk after signing in");
        assertEquals(ListeningRig.OFFICER, chromium.eval("sessionStorage.getItem('recording-gateway-privacy-token')").asText());
        assertTrue(chromium.eval("document.getElementById('signin').hidden").asBoolean());

        // Search by a notation none of the three was filed in.
        type("number", "0031 6 1234 5678");
        click("#search-button");
        chromium.waitFor("document.querySelectorAll('#recordings tbody tr').length", v -> v.asInt() == 3, "three recordings");
        assertEquals(List.of("p1", "p2", "p3"), List.of(rowIds("#recordings")));
        String p1 = chromium.eval(text("#recordings tr[data-recording=p1]")).asText();
        assertTrue(p1.contains("quality") && p1.contains("legitimate-interest"), p1);
        assertTrue(chromium.eval(text("#recordings tr[data-recording=p2]")).asText().contains("contract"));
        assertTrue(chromium.eval(text("#found-summary")).asText().startsWith("3 recordings"));

        click("#export");
        chromium.waitFor(text("#export-result"), v -> v.asText().startsWith("Saved subject-access.zip"), "the export");
        String entries = chromium.eval("document.getElementById('export-result').dataset.entries").asText();
        for (String id : List.of("p1", "p2", "p3")) {
            assertTrue(entries.contains("audio/" + id + ".wav"), "the sealed audio of " + id + " decrypted into the ZIP: " + entries);
        }
        assertTrue(entries.contains("summary.txt") && entries.contains("summary.json"), entries);
        assertFalse(entries.contains("q1"), "nobody else's audio: " + entries);
        assertTrue(rig.trail.since(0, 1000).stream().anyMatch(e -> e.action() == AuditAction.SUBJECT_ACCESS
                && "export".equals(e.details().get("via")) && e.actor().equals("token:dpo")), "the export is audited");

        chromium.eval("document.getElementById('hold-kind').value = 'recording'; true");
        type("hold-target", "p3");
        type("hold-reason", "case 2026-9");
        click("#hold-button");
        chromium.waitFor(text("#hold-list tbody"), v -> v.asText().contains("recording p3"), "the hold in the list");
        assertTrue(chromium.eval(text("#hold-list tbody tr")).asText().contains("in force"));
        assertTrue(chromium.eval(text("#hold-list tbody tr")).asText().contains("case 2026-9"));

        click("#erase");
        assertFalse(chromium.eval("document.getElementById('erase-confirm').hidden").asBoolean(), "erasure asks first");
        assertTrue(Files.exists(Path.of(quality.filePath())), "nothing is erased before the officer confirms");
        click("#erase-yes");
        chromium.waitFor("document.querySelectorAll('#erasure tbody tr').length", v -> v.asInt() == 3, "the erasure report");
        assertTrue(chromium.eval(text("#erasure tr[data-recording=p1]")).asText().contains("deleted"));
        assertTrue(chromium.eval(text("#erasure tr[data-recording=p2]")).asText().contains("contract-evidence rests on contract"));
        assertTrue(chromium.eval(text("#erasure tr[data-recording=p3]")).asText().contains("case 2026-9"));
        assertFalse(chromium.eval("document.getElementById('erasure').hidden").asBoolean());
        assertFalse(Files.exists(Path.of(quality.filePath())));
        assertTrue(Files.exists(Path.of(contract.filePath())));
        assertTrue(Files.exists(Path.of(held.filePath())), "the hold keeps p3");
        chromium.waitFor(text("#recordings tr[data-recording=p1]"), v -> v.asText().contains("deleted"), "p1 shown deleted");

        click("#hold-list button.lift");
        chromium.waitFor(text("#hold-list tbody tr"), v -> v.asText().contains("lifted"), "the hold lifted");
        new RetentionSweep(rig.store, rig.filer.eraser(), new AuditNotes(rig.trail), rig.clock).run();
        assertEquals(RecordingStatus.DELETED, rig.store.byId("p3").orElseThrow().status(), "the paused erasure finished");
        assertFalse(Files.exists(Path.of(held.filePath())));

        click("#verify");
        chromium.waitFor(text("#verify-result"), v -> v.asText().startsWith("Intact: "), "the verification");
        assertEquals("true", chromium.eval("document.getElementById('verify-result').dataset.intact").asText());
    }

    @Test
    void aTokenOfAnotherRoleIsToldWhyAndStaysSignedOut() throws Exception {
        chromium.navigate(rig.base + "/privacy/");

        type("token", ListeningRig.PROVIDER);
        click("#signin-button");

        chromium.waitFor(text("#error"), v -> !v.asText().isEmpty(), "the refusal");
        assertTrue(chromium.eval("document.getElementById('desk').hidden").asBoolean());
        assertTrue(chromium.eval("sessionStorage.getItem('recording-gateway-privacy-token') === null").asBoolean());
    }

    private String[] rowIds(String table) throws Exception {
        return chromium.eval("Array.from(document.querySelectorAll('" + table + " tbody tr')).map(r => r.dataset.recording)"
                + ".sort().join(',')").asText().split(",");
    }
}
