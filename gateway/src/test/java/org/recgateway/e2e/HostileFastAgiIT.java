package org.recgateway.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.recgateway.recording.Recording;
import org.recgateway.recording.RecordingStatus;
import org.recgateway.testing.AsteriskRig;
import org.recgateway.testing.FakeAsterisk;
import org.recgateway.testing.GatewayRig;
import org.recgateway.testing.SippCall;

/**
 * A hostile local process on the FastAGI port while real calls run through Asterisk 22: 10,000
 * connections that drip their header one byte every two seconds (the header deadline is 5 s), and
 * a forged {@code stop-recording} that claims the recorded caller's own channel and linkedid.
 */
class HostileFastAgiIT {
    private static final String CALLER = "0650000001";
    private static final int DRIPPERS = 10_000;
    private static GatewayRig rig;
    private static JsonNode drip;
    private static List<String> forgedCommands;
    private static RecordingStatus statusAfterForgery;
    private static int callerStatus;

    @BeforeAll
    static void realCallsDuringAFloodAndAForgery() throws Exception {
        rig = GatewayRig.start("hostile-fastagi", AgentStopsRecordingIT.POLICY);
        Path script = AsteriskRig.repo().resolve("gateway/src/test/resources/hostile/drip.py");
        Process dripper = new ProcessBuilder("python3", script.toString(), "127.0.0.1", "" + AsteriskRig.AGI_PORT,
                "" + DRIPPERS, "2", "40").redirectError(rig.out().resolve("drip.err").toFile()).start();
        Thread.sleep(1_000);

        long beforeRecording = rig.millis("notice-quality-will", "nl") + rig.millis("question-objection", "nl") + 1_000;
        SippCall caller = SippCall.start("caller", "caller.xml", "1001", CALLER, "Recorded during a flood",
                beforeRecording + 12_000, rig.sippLogs());
        if (!AsteriskRig.eventually(Duration.ofSeconds(40), () -> rig.byNumber(CALLER).isPresent())) {
            throw new AssertionError("the real call was not recorded during the flood");
        }
        Recording victim = rig.byNumber(CALLER).orElseThrow();
        try (FakeAsterisk forger = FakeAsterisk.connect(AsteriskRig.AGI_PORT)) {
            forger.sendHeader(FakeAsterisk.header("stop-recording", Map.of("agi_channel", victim.channel(),
                    "agi_uniqueid", victim.uniqueId())));
            forgedCommands = forger.converse(c -> c.startsWith("GET VARIABLE") ? "200 result=1 (" + victim.linkedId() + ")"
                    : "200 result=1");
        }
        statusAfterForgery = rig.byNumber(CALLER).orElseThrow().status();

        callerStatus = caller.await();
        if (!dripper.waitFor(60, TimeUnit.SECONDS)) {
            dripper.destroyForcibly();
        }
        drip = new ObjectMapper().readTree(new String(dripper.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    @AfterAll
    static void stop() throws Exception {
        if (rig != null) {
            rig.close();
        }
    }

    @Test
    void everyDrippingConnectionIsClosedAtTheHeaderDeadline() {
        assertEquals(DRIPPERS, drip.get("connected").asInt(), drip.toString());
        assertEquals(DRIPPERS, drip.get("closed").asInt(), "all closed by the gateway: " + drip);
        assertEquals(0, drip.get("stillOpen").asInt(), drip.toString());
        assertTrue(drip.get("earliestClosedMs").asInt() >= 4_900, "none before the 5 s deadline: " + drip);
        assertTrue(drip.get("latestClosedMs").asInt() < 20_000, "closed near the deadline, not held: " + drip);
    }

    @Test
    void theRealCallIsRecordedMeanwhile() throws Exception {
        assertEquals(0, callerStatus, "caller SIPp");
        assertEquals(RecordingStatus.ACTIVE, statusAfterForgery, "recording started during the flood");
        // The call is never bridged (no agent), so main's one-recording-per-call rules end it without filing.
        assertTrue(rig.ended(CALLER).status() != RecordingStatus.ACTIVE);
    }

    @Test
    void aForgedStopRecordingForTheCallsOwnChannelAndLinkedidChangesNothing() throws Exception {
        assertTrue(forgedCommands.contains("SET VARIABLE \"RECORDING_STOP\" \"refused\""), forgedCommands.toString());
        assertEquals(RecordingStatus.ACTIVE, statusAfterForgery, "still recording after the forgery");
        Recording r = rig.ended(CALLER);
        assertTrue(rig.gateway().audit().forRecording(r.id()).stream()
                .noneMatch(e -> e.actor().startsWith("agent:")), "nothing done in an agent's name");
    }
}
