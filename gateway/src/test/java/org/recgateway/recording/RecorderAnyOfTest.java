package org.recgateway.recording;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** Issue #17 item 3: stopping a recording of any of several Asterisk servers; starting stays on the first. */
class RecorderAnyOfTest {

    /** A server's recorder that holds the MixMonitors in {@code holds} and logs every request. */
    private static Recorder server(String name, List<String> holds, List<String> log) {
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
                if (!holds.contains(channel + " " + mixMonitorId)) {
                    throw new IllegalStateException(name + ": no MixMonitor " + mixMonitorId + " on " + channel);
                }
            }
        };
    }

    @Test
    void aStopReachesTheServerThatHoldsTheMixMonitorAndAStartTheFirst() throws Exception {
        List<String> log = new ArrayList<>();
        Recorder both = Recorder.anyOf(List.of(server("pbx1", List.of(), log), server("pbx2", List.of("PJSIP/a-1 0x2"), log)));

        both.stop("PJSIP/a-1", "0x2");
        assertEquals(List.of("pbx1 stop PJSIP/a-1 0x2", "pbx2 stop PJSIP/a-1 0x2"), log);

        assertEquals("id-pbx1", both.start("PJSIP/b-2", "f.wav"));
    }

    @Test
    void aStopNoServerHoldsFailsWithEveryServersAnswerAndAStopWithoutIdIsRefusedAtOnce() {
        List<String> log = new ArrayList<>();
        Recorder both = Recorder.anyOf(List.of(server("pbx1", List.of(), log), server("pbx2", List.of(), log)));

        Exception e = assertThrows(IllegalStateException.class, () -> both.stop("PJSIP/a-1", "0x9"));
        assertTrue(e.getMessage().contains("pbx1: no MixMonitor") && e.getMessage().contains("pbx2: no MixMonitor"), e.getMessage());
        log.clear();
        assertThrows(IllegalArgumentException.class, () -> both.stop("PJSIP/a-1", ""));
        assertEquals(List.of(), log, "no server is asked to stop without an id");
    }
}
