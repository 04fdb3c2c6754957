package org.recgateway.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.recgateway.audit.AuditAction;
import org.recgateway.audit.AuditEvent;
import org.recgateway.recording.Recording;
import org.recgateway.recording.RecordingStatus;
import org.recgateway.testing.AsteriskLog;
import org.recgateway.testing.AsteriskRig;
import org.recgateway.testing.FakeAsterisk;
import org.recgateway.testing.GatewayRig;
import org.recgateway.testing.SippAgent;
import org.recgateway.testing.SippCall;
import org.recgateway.testing.SmallDisk;
import org.recgateway.testing.TcpRelay;

/**
 * The shipped called-party snippet (deploy/asterisk/extensions_recording_gateway_outbound.conf, unchanged) refuses the
 * bridge (CONGESTION) when the gateway answers a called party of an ALREADY recorded call with anything but "told" or
 * "stopped": on the real Asterisk 22, the gateway made to answer each such status for real, one call after another (the
 * trunk is one SIPp phone; the caller, English-speaking, is dialled through only 5 s after its own recording started,
 * rig extension 274x):
 * <ol>
 *   <li>{@code gateway-busy}: the gateway runs with {@code agi.maxSessions: 1} and its one session is held by a
 *       FastAGI connection that never answers, so the called party's {@code record-called} gets the busy answer;</li>
 *   <li>{@code gateway-error}: the store lives on a small tmpfs that is filled before the called party's
 *       {@code record-called}; their notice plays to the end, but listing them among the recording's parties fails;</li>
 *   <li>could not stop ({@code RECORDING_STATUS=recording}, {@code called-party-not-told}): the Dutch notice file is
 *       gone from Asterisk's sounds, so the called party is not told, and the gateway's AMI link (through a relay the
 *       test cuts) is down, so the running MixMonitor cannot be stopped.</li>
 * </ol>
 * In each case the called party never joins a bridge, and the recording runs on unheard by them.
 */
class CalledPartyRefusedIT {
    private static final String BUSY = "0612740001";
    private static final String ERROR = "0612740002";
    private static final String NOT_STOPPED = "0612740003";
    private static final long TALK_MILLIS = 6_000;
    private static final String NOTICE = "notice-contract-evidence-will";

    private static GatewayRig rig;
    private static TcpRelay ami;
    private static Path storeMount;
    private static Recording notStoppedWhileCut;

    @BeforeAll
    static void threeRefusedCalledParties() throws Exception {
        Path out = Path.of("target", "e2e", "called-party-refused").toAbsolutePath();
        SmallDisk.unmount(out.resolve("store"));
        ami = new TcpRelay(AsteriskRig.AMI_PORT);
        rig = GatewayRig.start("called-party-refused", CalledPartyOfRecordedCallIT.POLICY, "", dir -> {
            storeMount = Files.createDirectories(dir.resolve("store"));
            SmallDisk.mount(storeMount, "8m");
            Path config = dir.resolve("gateway.yaml");
            String yaml = Files.readString(config);
            String withOneSession = yaml.replace("agi:\n  bind: 127.0.0.1\n", "agi:\n  bind: 127.0.0.1\n  maxSessions: 1\n")
                    .replace("ami:\n  host: 127.0.0.1\n  port: " + AsteriskRig.AMI_PORT + "\n",
                            "ami:\n  host: 127.0.0.1\n  port: " + ami.port() + "\n");
            if (!withOneSession.contains("maxSessions: 1") || !withOneSession.contains("port: " + ami.port())) {
                throw new IllegalStateException("GatewayRig.config changed shape: " + yaml);
            }
            Files.writeString(config, withOneSession);
        });
        assertTrue(AsteriskRig.eventually(Duration.ofSeconds(20), () -> amiLoggedIn()), "AMI through the relay");

        forwarded("busy", "2741", BUSY, () -> {
            try (FakeAsterisk holder = holdTheOnlySession()) {
                return waitForTheCall();
            }
        });
        forwarded("error", "2742", ERROR, () -> {
            Path filler = SmallDisk.fill(storeMount, 0);
            try {
                return waitForTheCall();
            } finally {
                Files.deleteIfExists(filler);
            }
        });
        // Asterisk has no Dutch file of the notice any more (the gateway's manifest still has it): the called party,
        // whose trunk speaks Dutch, cannot be told.
        Path nl = rig.asterisk().chrootDirectory().resolve("usr/share/asterisk/sounds/recording-gateway/nl");
        try (var files = Files.list(nl)) {
            for (Path f : files.filter(f -> f.getFileName().toString().startsWith(NOTICE + ".")).toList()) {
                Files.delete(f);
            }
        }
        forwarded("not-stopped", "2743", NOT_STOPPED, () -> {
            ami.cut();
            try {
                assertTrue(AsteriskRig.eventually(Duration.ofSeconds(5), () -> !amiLoggedIn()), "AMI cut");
                int exit = waitForTheCall();
                notStoppedWhileCut = rig.byNumber(NOT_STOPPED).orElseThrow();
                return exit;
            } finally {
                ami.restore();
            }
        });
    }

    @AfterAll
    static void stop() throws Exception {
        try {
            if (rig != null) {
                rig.close();  // the next rig start installs the prompts again
            }
        } finally {
            if (ami != null) {
                ami.close();
            }
            SmallDisk.unmount(storeMount);
        }
    }

    @Test
    void aBusyGatewayMeansTheCalledPartyOfARecordedCallIsNotPutThrough() throws Exception {
        String called = refused(BUSY, "called party: not-recorded  gateway-busy");
        Recording r = rig.byNumber(BUSY).orElseThrow();
        assertTrue(rig.gateway().audit().forRecording(r.id()).stream().noneMatch(e -> e.action() == AuditAction.CALLED_PARTY_TOLD),
                "the busy gateway never ran record-called for " + called);
    }

    @Test
    void aGatewayErrorMeansTheCalledPartyOfARecordedCallIsNotPutThroughThoughTheyHeardTheNotice() throws Exception {
        String called = refused(ERROR, "called party: not-recorded  gateway-error");
        AsteriskLog log = AsteriskLog.of(rig);
        assertTrue(log.playing(called, "recording-gateway/nl/" + NOTICE) >= 0, "the notice played on " + called);
        Recording r = rig.byNumber(ERROR).orElseThrow();
        assertTrue(rig.gateway().store().parties().of(r.id()).stream().noneMatch(p -> p.channel().equals(called)),
                "the full store could not list them, so the gateway could not say they may be put through");
    }

    @Test
    void aRecordingThatCouldNotBeStoppedMeansTheCalledPartyWhoWasNotToldIsNotPutThrough() throws Exception {
        Recording r = notStoppedWhileCut;
        String called = refused(NOT_STOPPED, "called party: recording " + r.id() + " called-party-not-told");
        assertEquals(RecordingStatus.ACTIVE, r.status(), "the recording ran on while AMI was cut: " + r);
        java.util.List<AuditEvent> events = rig.gateway().audit().forRecording(r.id());
        Map<String, String> told = events.stream().filter(e -> e.action() == AuditAction.CALLED_PARTY_TOLD).findFirst()
                .orElseThrow().details();
        assertEquals("false", told.get("playedToEnd"), told.toString());
        assertEquals(called, told.get("channel"));
        assertTrue(events.stream().noneMatch(e -> e.action() == AuditAction.RECORDING_STOPPED_FOR_TRANSFER),
                "Asterisk never stopped it: " + events);
        AsteriskLog log = AsteriskLog.of(rig);
        int refusedAt = log.line(log.lineWithAll("not put through", called));
        int ended = log.mixMonitorEnded(r.channel());
        assertTrue(ended > refusedAt, "the caller's MixMonitor ran on past the refusal (line " + refusedAt + ") to the"
                + " caller's hangup (line " + ended + ")");
        Recording later = rig.ended(NOT_STOPPED);
        assertFalse(later.status() == RecordingStatus.ACTIVE, "filed once AMI came back: " + later);
    }

    /**
     * Asserts that the called party of the call from {@code number} was refused: the dialplan logged
     * {@code noOpText} and the refusal on their channel, and they never joined a bridge; returns their channel.
     */
    private static String refused(String number, String noOpText) throws IOException {
        assertEquals(0, exits.get(number), "the called party's SIPp answered and was hung up on");
        AsteriskLog log = AsteriskLog.of(rig);
        String noOp = log.lineWith(noOpText);
        assertTrue(noOp.contains("PJSIP/trunk-"), "the dialplan variables on the called party's channel: " + noOp);
        String called = noOp.substring(noOp.indexOf("PJSIP/trunk-")).split("[^A-Za-z0-9/_-]")[0];
        String refusal = log.lineWithAll("not put through: the call is recorded", called);
        assertFalse(refusal.isEmpty(), "the dialplan refused the bridge for " + called);
        assertEquals(-1, log.joinedBridge(called), "the called party " + called + " never joined a bridge");
        Recording r = rig.byNumber(number).orElseThrow();
        assertTrue(rig.gateway().store().parties().of(r.id()).stream().noneMatch(p -> p.channel().equals(called)));
        return called;
    }

    private static final Map<String, Integer> exits = new java.util.concurrent.ConcurrentHashMap<>();
    private static SippAgent callee;
    private static SippCall caller;

    @FunctionalInterface
    private interface WhileRecorded {
        int run() throws Exception;
    }

    /**
     * One recorded call from {@code number} to {@code dialled} (274x), put through to the trunk's SIPp 5 s after its
     * recording started; {@code meanwhile} runs once the caller's MixMonitor runs and returns the called party's exit.
     */
    private static void forwarded(String name, String dialled, String number, WhileRecorded meanwhile) throws Exception {
        callee = SippAgent.startTalkingUntilHungUp(name + "-callee", AsteriskRig.AGENT2_PORT, AsteriskRig.AGENT2_MEDIA_PORT,
                rig.sippLogs());
        Thread.sleep(300);
        // The caller is hung up on when the Dial ends (CONGESTION): its SIPp status is not checked.
        caller = SippCall.startTalking(name, dialled, number, rig.millis(NOTICE, "en") + 5_000 + TALK_MILLIS, rig.sippLogs());
        assertTrue(AsteriskRig.eventually(Duration.ofSeconds(30), () -> rig.byNumber(number)
                .flatMap(r -> rig.gateway().store().callFacts(r.id())).map(f -> f.mixMonitorId() != null).orElse(false)),
                "the caller " + number + " is being recorded");
        exits.put(number, meanwhile.run());
        caller.await();
    }

    private static boolean amiLoggedIn() {
        Object v = rig.gateway().metrics().snapshot().get("gateway.ami.logged.in");
        return v != null && ((Number) v).doubleValue() == 1.0;
    }

    private static int waitForTheCall() throws Exception {
        return callee.await();
    }

    /**
     * Takes the gateway's only FastAGI session (agi.maxSessions 1) with a connection that sends a request and never
     * answers; retried while the caller's own session still holds it (then the gateway answers gateway-busy at once).
     */
    private static FakeAsterisk holdTheOnlySession() throws Exception {
        for (int attempt = 0; attempt < 50; attempt++) {
            FakeAsterisk holder = FakeAsterisk.connect(AsteriskRig.AGI_PORT).timeout(Duration.ofSeconds(5));
            holder.sendHeader(FakeAsterisk.header("record", Map.of("agi_uniqueid", "1700000099.1",
                    "agi_channel", "PJSIP/holder-00000001", "agi_callerid", "0600000099")));
            String first = holder.nextCommand();
            if (first != null && !first.contains("gateway-busy") && !first.contains("RECORDING_")) {
                return holder;  // the record script asks its first question and waits for the answer
            }
            holder.close();
            Thread.sleep(100);
        }
        throw new IllegalStateException("the gateway's only FastAGI session never came free");
    }
}
