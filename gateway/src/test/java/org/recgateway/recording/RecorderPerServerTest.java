package org.recgateway.recording;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/**
 * Issue #17 item 3: with several Asterisk servers a recording is started and stopped on the server its call is on,
 * never another (two servers may well have a channel of the same name), and the per-server lookup refuses a session
 * nobody can place.
 */
class RecorderPerServerTest {

    /** A server's recorder that logs every request. */
    private static Recorder server(String name, List<String> log) {
        return new Recorder() {
            @Override
            public String start(String channel, String asteriskFile) {
                log.add(name + " start " + channel);
                return "id-" + name;
            }

            @Override
            public void stop(String channel, String mixMonitorId) {
                if (mixMonitorId == null || mixMonitorId.isBlank()) {
                    throw new IllegalArgumentException("no id");
                }
                log.add(name + " stop " + channel + " " + mixMonitorId);
            }
        };
    }

    private static PerServer<Recorder> two(List<String> log) {
        Map<String, Recorder> servers = new LinkedHashMap<>();
        servers.put("pbx1", server("pbx1", log));
        servers.put("pbx2", server("pbx2", log));
        return PerServer.of(servers);
    }

    @Test
    void aStopAndAStartGoToTheRecordingsOwnServerOnlyAndAnUnnamedRecordingIsTheFirstServers() throws Exception {
        List<String> log = new ArrayList<>();
        Recorder both = Recorder.perServer(two(log));

        both.on("pbx2").stop("PJSIP/a-1", "0x2");
        assertEquals(List.of("pbx2 stop PJSIP/a-1 0x2"), log, "the same channel name on pbx1 is never touched");
        assertEquals("id-pbx2", both.on("pbx2").start("PJSIP/b-2", "f.wav"));
        log.clear();
        both.on(null).stop("PJSIP/a-1", "0x1");
        assertEquals(List.of("pbx1 stop PJSIP/a-1 0x1"), log, "a recording stored before servers were named is the first's");
    }

    @Test
    void aRecordingOfAServerNoLongerConfiguredFailsSayingSoAndTouchesNoServer() {
        List<String> log = new ArrayList<>();
        Recorder both = Recorder.perServer(two(log));

        Exception e = assertThrows(IllegalStateException.class, () -> both.on("pbx9").stop("PJSIP/a-1", "0x9"));
        assertTrue(e.getMessage().contains("'pbx9'") && e.getMessage().contains("[pbx1, pbx2]"), e.getMessage());
        assertEquals(List.of(), log);
    }

    @Test
    void aSessionIsPlacedOnlyOnANamedServerWhileOneServerAnswersForEveryName() {
        List<String> log = new ArrayList<>();
        PerServer<Recorder> two = two(log);
        assertEquals(Optional.empty(), two.on(null), "a peer listed under no server is not guessed to be the first's");
        assertEquals(Optional.empty(), two.on("pbx9"));
        assertTrue(two.on("pbx2").isPresent() && two.several());
        assertTrue(two.same("pbx2", "pbx2") && two.same(null, "pbx1") && !two.same(null, "pbx2") && two.same("pbx1", null));

        Recorder only = server("only", log);
        PerServer<Recorder> one = PerServer.one(only);
        assertSame(only, one.on(null).orElseThrow());
        assertSame(only, one.on("anything").orElseThrow());
        assertFalse(one.several());
        assertSame(only, Recorder.perServer(one), "one server needs no routing");
    }
}
