package org.recgateway.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The provider's listening page in a real headless Chromium: sign in with the token, see the sample
 * with its marker, plays left and the window's end, play the segment (fetched with the token, played
 * from a blob URL), see the count go down, and see the refusal once the window has closed.
 */
class ListeningPageBrowserTest {

    @TempDir
    Path dir;

    private ListeningRig rig;
    private DevTools chromium;

    @BeforeEach
    void start() throws Exception {
        rig = new ListeningRig(dir.resolve("gateway"));
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

    @Test
    void theProviderSignsInListsPlaysSeesTheCountGoDownAndIsRefusedAfterTheWindow() throws Exception {
        chromium.navigate(rig.base + "/listen/");
        assertEquals("Provider token", chromium.eval(text("label[for=token]")).asText());

        chromium.eval("document.getElementById('token').value = '" + ListeningRig.PROVIDER + "';"
                + " document.getElementById('signin-button').click(); true");

        chromium.waitFor(text("#plays-d1"), v -> v.asText().startsWith("Plays left: 2 of 2"), "the sample list");
        assertEquals(ListeningRig.PROVIDER, chromium.eval("sessionStorage.getItem('recording-gateway-token')").asText());
        assertTrue(chromium.eval("document.getElementById('signin').hidden").asBoolean());
        String sample = chromium.eval(text("li[data-recording=d1]")).asText();
        assertTrue(sample.contains("Ticket KPN-4711") && sample.contains("Fault markers at 60 s"), sample);
        assertTrue(chromium.eval(text("#plays-d1")).asText().contains("Window ends:"));
        assertEquals("Play 45 s to 75 s", chromium.eval(text("button.play[data-recording=d1]")).asText());

        chromium.eval("document.querySelector('button.play[data-recording=d1]').click(); true");

        chromium.waitFor(text("#plays-d1"), v -> v.asText().startsWith("Plays left: 1 of 2"), "the count to go down");
        assertTrue(chromium.eval("document.getElementById('audio').src").asText().startsWith("blob:"));
        JsonNode seconds = chromium.waitFor("document.getElementById('audio').duration",
                v -> v.isNumber() && v.asDouble() > 0, "the browser to decode the WAV");
        assertEquals(30.0, seconds.asDouble(), 0.01);
        assertTrue(chromium.eval(text("#status")).asText().contains("play 1 of 2"));

        rig.clock.advance(Duration.ofMinutes(61));
        chromium.eval("document.querySelector('button.play[data-recording=d1]').click(); true");

        chromium.waitFor(text("#error"), v -> v.asText().contains("Refused: the listening window closed at"),
                "the refusal after the window");
        assertTrue(chromium.eval(text("li[data-recording=d1]")).asText()
                .contains("Not playable now: the listening window closed at 2025-06-02T11:00:00Z"));
    }

    @Test
    void aWrongTokenIsToldWhyAndStaysSignedOut() throws Exception {
        chromium.navigate(rig.base + "/listen/");

        chromium.eval("document.getElementById('token').value = 'not-a-token';"
                + " document.getElementById('signin-button').click(); true");

        chromium.waitFor(text("#error"), v -> v.asText().contains("the bearer token is not valid"), "the refusal");
        assertTrue(chromium.eval("document.getElementById('samples').hidden").asBoolean());
        assertTrue(chromium.eval("sessionStorage.getItem('recording-gateway-token') === null").asBoolean());
    }
}
