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
    void theProviderSignsInLooksPlaysEachListenCountedUntilPlayIsDisabledAndIsRefusedAfterTheWindow() throws Exception {
        chromium.navigate(rig.base + "/listen/");
        assertEquals("Provider token", chromium.eval(text("label[for=token]")).asText());
        assertEquals("pages.css", chromium.eval("Array.from(document.styleSheets).filter(s => s.cssRules.length > 0)"
                + ".map(s => s.href.split('/').pop()).join(' ')").asText(), "the shared stylesheet applies");

        chromium.eval("document.getElementById('token').value = '" + ListeningRig.PROVIDER + "';"
                + " document.getElementById('signin-button').click(); true");

        chromium.waitFor(text("#plays-d1"), v -> v.asText().startsWith("Plays left: 2 of 2"), "the sample list");
        assertEquals(ListeningRig.PROVIDER, chromium.eval("sessionStorage.getItem('recording-gateway-token')").asText());
        assertTrue(chromium.eval("document.getElementById('signin').hidden").asBoolean());
        String sample = chromium.eval(text("li[data-recording=d1]")).asText();
        assertTrue(sample.contains("Ticket KPN-4711") && sample.contains("Fault markers at 60 s"), sample);
        assertTrue(sample.contains("Fault: line drops"), "the ticket description: " + sample);
        assertTrue(chromium.eval(text("li[data-recording=d1] table.quality")).asText().contains("caller"), "line quality");
        assertTrue(chromium.eval(text("li[data-recording=d1] table.quality")).asText().contains("52 ms"), "round trip");
        assertTrue(chromium.eval(text("#plays-d1")).asText().contains("Window ends:"));
        assertTrue(chromium.eval("/[A-Z]{2,5}|GMT|UTC/.test(document.querySelector('#plays-d1').textContent)").asBoolean(),
                "times carry their zone: " + chromium.eval(text("#plays-d1")).asText());
        assertEquals(0, chromium.eval("document.querySelectorAll('audio, video, a[download], [controls]').length").asInt(),
                "no player controls, no download");
        assertEquals("Play 45 s to 75 s", chromium.eval(text("button.play[data-recording=d1]")).asText());

        // Look before listening: the gateway's picture of the allowed stretch, with the marker in red; not a play.
        chromium.eval("document.querySelector('button.look[data-recording=d1]').click(); true");
        chromium.waitFor("(document.querySelector('li[data-recording=d1] figure img') || {naturalWidth: 0}).naturalWidth",
                v -> v.asInt() == 800, "the picture");
        JsonNode red = chromium.eval("(() => { const img = document.querySelector('li[data-recording=d1] figure img');"
                + " const c = document.createElement('canvas'); c.width = img.naturalWidth; c.height = img.naturalHeight;"
                + " const g = c.getContext('2d'); g.drawImage(img, 0, 0);"
                + " return Array.from(g.getImageData(400, 50, 1, 1).data).join(','); })()");
        assertEquals("255,0,0,255", red.asText(), "the marker at 60 s, halfway through 45-75 s");
        assertTrue(chromium.eval("(() => { const img = document.querySelector('li[data-recording=d1] figure img');"
                + " const c = document.createElement('canvas'); c.width = 800; c.height = 228; const g = c.getContext('2d');"
                + " g.drawImage(img, 0, 0); const d = g.getImageData(0, 100, 800, 128).data; let dark = 0;"
                + " for (let i = 0; i < d.length; i += 4) { if (d[i] < 200) dark++; } return dark > 1000; })()").asBoolean(),
                "a spectrogram is drawn");
        assertTrue(chromium.eval(text("#plays-d1")).asText().startsWith("Plays left: 2 of 2"), "a look is not a play");

        chromium.eval("document.querySelector('button.play[data-recording=d1]').click(); true");

        chromium.waitFor(text("#plays-d1"), v -> v.asText().startsWith("Plays left: 1 of 2"), "the count to go down");
        JsonNode seconds = chromium.waitFor("Number(document.getElementById('player').dataset.seconds || 0)",
                v -> v.isNumber() && v.asDouble() > 0, "the browser to decode the WAV");
        assertEquals(30.0, seconds.asDouble(), 0.01);
        assertTrue(chromium.eval(text("#status")).asText().contains("play 1 of 2"));
        assertEquals(0, chromium.eval("document.querySelectorAll('audio, video, a[download], [controls]').length").asInt());

        chromium.eval("document.querySelector('button.play[data-recording=d1]').click(); true");
        chromium.waitFor(text("#plays-d1"), v -> v.asText().startsWith("Plays left: 0 of 2"), "the second listen counted");
        assertTrue(chromium.eval("document.querySelector('button.play[data-recording=d1]').disabled").asBoolean(),
                "Play is disabled with no plays left");
        assertEquals(2, rig.listening.plays(rig.window.id(), "d1"), "each listen counted once, the look not at all");

        rig.clock.advance(Duration.ofMinutes(61));
        chromium.eval("document.getElementById('refresh').click(); true");

        chromium.waitFor(text("li[data-recording=d1]"), v -> v.asText()
                .contains("Not playable now: the listening window closed at 2025-06-02T11:00:00Z"), "the refusal after the window");
        assertTrue(chromium.eval("document.querySelector('button.play[data-recording=d1]').disabled").asBoolean());
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
