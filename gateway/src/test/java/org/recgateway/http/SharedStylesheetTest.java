package org.recgateway.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Both pages link one shared stylesheet, served under each page's root from one copy; each page keeps only its own rules. */
class SharedStylesheetTest {

    @TempDir
    Path dir;

    @Test
    void bothPagesServeTheSameSharedStylesheetAndLinkItFirst() throws Exception {
        try (ListeningRig rig = new ListeningRig(dir)) {
            HttpResponse<byte[]> listen = rig.get(StaticPages.ROOT + StaticPages.SHARED_STYLES, null);
            HttpResponse<byte[]> privacy = rig.get(StaticPages.PRIVACY_ROOT + StaticPages.SHARED_STYLES, null);
            assertEquals(200, listen.statusCode());
            assertEquals(200, privacy.statusCode());
            assertEquals("text/css; charset=utf-8", listen.headers().firstValue("Content-Type").orElseThrow());
            assertArrayEquals(listen.body(), privacy.body());
            String shared = new String(listen.body(), StandardCharsets.UTF_8);
            assertTrue(shared.contains("body {"), shared);

            String privacyOwn = new String(rig.get("/privacy/privacy.css", null).body(), StandardCharsets.UTF_8);
            for (String line : privacyOwn.split("\n")) {
                assertTrue(line.isBlank() || !shared.contains(line), "the privacy page repeats a shared rule: " + line);
            }
            assertEquals(404, rig.get("/listen/listen.css", null).statusCode(), "the listening page has no stylesheet of its own");

            String listenPage = new String(rig.get("/listen/", null).body(), StandardCharsets.UTF_8);
            String privacyPage = new String(rig.get("/privacy/", null).body(), StandardCharsets.UTF_8);
            assertTrue(listenPage.contains("<link rel=\"stylesheet\" href=\"pages.css\">"), listenPage);
            assertTrue(privacyPage.indexOf("href=\"pages.css\"") >= 0
                    && privacyPage.indexOf("href=\"pages.css\"") < privacyPage.indexOf("href=\"privacy.css\""), privacyPage);
        }
    }
}
