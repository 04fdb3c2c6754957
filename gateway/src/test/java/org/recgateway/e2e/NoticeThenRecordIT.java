package org.recgateway.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.recgateway.Gateway;
import org.recgateway.prompts.NoticePrompt;
import org.recgateway.recording.Recording;
import org.recgateway.recording.RecordingQuery;
import org.recgateway.recording.RecordingStatus;
import org.recgateway.testing.AsteriskRig;
import org.recgateway.testing.GatewayRig;
import org.recgateway.testing.SippCall;

/**
 * The foundation, end to end: real SIP calls from SIPp through the real Asterisk 22 to the gateway
 * and back. The calls of the first phase run in parallel (each has its own caller number); the
 * Asterisk restart runs alone afterwards.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class NoticeThenRecordIT {
    private static final String RECORDED = "0611111111";
    private static final String HANGS_UP_DURING_NOTICE = "0622222222";
    private static final String NOT_RECORDED = "0633333333";
    private static final String GATEWAY_DOWN = "0644444444";
    /** Caller ID full of shell and dialplan syntax, SIP-escaped where the URI needs it. */
    private static final String EVIL_SIP_USER = "06$(reboot),x'/../..&=+!~*%7B%7C%7D";
    private static final String EVIL_NAME = "Evil\\\" ; $(reboot) | ${EXTEN} ../../";

    static final String POLICY = """
            policy:
              defaultLanguage: nl
              rules:
                - name: internal-lines
                  when:
                    called: ["_2XXX"]
                  doNotRecord: internal calls are not recorded
              default:
                record:
                  purpose: quality
                  notice: notice-quality-will
                  retention: 30d
                  objection: {window: 1s}
            """;

    private static GatewayRig rig;
    private static AsteriskRig asterisk;
    private static Gateway gateway;
    private static NoticePrompt notice;
    private static Map<String, Integer> sippStatus;

    @BeforeAll
    static void callsThroughRealAsterisk() throws Exception {
        rig = GatewayRig.start("notice-then-record", POLICY);
        asterisk = rig.asterisk();
        gateway = rig.gateway();
        notice = rig.prompt("notice-quality-will", "nl");
        long noticeMillis = rig.millis("notice-quality-will", "nl");
        // the objection offer and its window come between the notice and the recording
        long beforeRecording = noticeMillis + rig.millis("question-objection", "nl") + 1_000;

        Path logs = rig.sippLogs();
        List<SippCall> calls = List.of(
                SippCall.start("recorded", "caller.xml", "1001", RECORDED, "Recorded Caller", beforeRecording + 6_000, logs),
                SippCall.start("hangs-up-during-notice", "caller.xml", "1002", HANGS_UP_DURING_NOTICE, "Impatient", noticeMillis / 3, logs),
                SippCall.start("not-recorded", "caller.xml", "2001", NOT_RECORDED, "Internal", 4_000, logs),
                SippCall.start("gateway-down", "caller-until-bye.xml", "3001", GATEWAY_DOWN, "Down", 0, logs),
                SippCall.start("evil-caller-id", "caller.xml", "1003", EVIL_SIP_USER, EVIL_NAME, beforeRecording + 3_000, logs));
        sippStatus = new java.util.HashMap<>();
        String[] names = {"recorded", "hangs-up-during-notice", "not-recorded", "gateway-down", "evil-caller-id"};
        for (int i = 0; i < calls.size(); i++) {
            sippStatus.put(names[i], calls.get(i).await());
        }
    }

    @AfterAll
    static void stop() throws Exception {
        if (rig != null) {
            rig.close();
        }
    }

    @Test
    @Order(1)
    void recordedCallHearsTheWholeNoticeAndIsFiledWithItsEvidence() throws Exception {
        assertEquals(0, sippStatus.get("recorded"), "the SIP call completed");
        Recording r = filed(RECORDED);
        assertEquals(RecordingStatus.FILED, r.status());
        assertEquals("1001", r.calledNumber());
        assertEquals("quality", r.purpose().id());
        assertEquals("legitimate-interest", r.legalBasis().id());
        assertEquals("default", r.ruleName());
        assertFalse(r.uniqueId().isEmpty());
        assertFalse(r.linkedId().isEmpty());
        assertTrue(r.channel().startsWith("PJSIP/sipp-"), r.channel());
        // notice evidence: what played, its text version and audio hash, to the end, before recording
        assertEquals("notice-quality-will", r.notice().promptId());
        assertEquals("nl", r.notice().language());
        assertEquals(notice.version(), r.notice().textVersion());
        assertEquals(notice.textSha256(), r.notice().textSha256());
        assertEquals(notice.audioSha256(), r.notice().audioSha256());
        assertTrue(r.notice().playedToEnd(), "Asterisk's endpos " + r.notice().endPosition() + " reached " + r.notice().expectedSamples());
        assertFalse(r.notice().ended().isAfter(r.started()), "recording started after the notice ended");
        assertTrue(Duration.between(r.notice().started(), r.notice().ended()).toMillis() >= notice.durationSamples() / 8 - 200,
                "the notice took as long as its audio");
        // the file: where the gateway named it, measured and hashed
        Path file = Path.of(r.filePath());
        assertTrue(Files.exists(file), file.toString());
        assertEquals(Files.size(file), r.sizeBytes());
        assertEquals(sha256(file), r.sha256());
        assertTrue(r.sizeBytes() > 44 + 8_000 * 2 * 3, "at least 3 s of 8 kHz audio after the notice, was " + r.sizeBytes() + " bytes");
        assertTrue(r.durationMillis() >= 3_000 && r.durationMillis() < 15_000, "duration " + r.durationMillis());
        assertNotNull(r.retentionUntil());
        assertEquals(r.ended().plus(Duration.ofDays(30)), r.retentionUntil());
    }

    @Test
    @Order(2)
    void callerWhoHangsUpDuringTheNoticeIsNotRecordedAtAll() throws Exception {
        assertEquals(0, sippStatus.get("hangs-up-during-notice"));
        assertTrue(byNumber(HANGS_UP_DURING_NOTICE).isEmpty(), "nothing filed");
    }

    @Test
    @Order(3)
    void numberWhosePolicySaysDoNotRecordHearsNoNoticeAndIsNotRecorded() throws Exception {
        assertEquals(0, sippStatus.get("not-recorded"));
        assertTrue(byNumber(NOT_RECORDED).isEmpty());
        assertEquals(1.0, gateway.metrics().registry().counter("gateway.policy.decisions",
                "outcome", "do-not-record", "purpose", "none").count());
        // notices were played for the three calls the policy records, and for no other
        double notices = gateway.metrics().registry().find("gateway.notices").counters().stream()
                .mapToDouble(c -> c.count()).sum();
        assertEquals(3.0, notices);
    }

    @Test
    @Order(4)
    void whenTheGatewayIsDownTheCallStillCompletesAndNothingIsRecorded() throws Exception {
        assertEquals(0, sippStatus.get("gateway-down"), "Asterisk ran the rest of the dialplan and hung up: see "
                + rig.sippLogs().resolve("sipp-gateway-down.log"));
        assertTrue(byNumber(GATEWAY_DOWN).isEmpty());
    }

    @Test
    @Order(5)
    void callerIdFullOfShellAndDialplanSyntaxChangesNothingAboutTheFile() throws Exception {
        assertEquals(0, sippStatus.get("evil-caller-id"));
        List<Recording> all = gateway.store().find(RecordingQuery.all(100));
        Recording r = all.stream().filter(x -> "1003".equals(x.calledNumber())).findFirst().orElseThrow();
        assertEquals(RecordingStatus.FILED, r.status());
        System.out.println("Asterisk handed the gateway the caller ID: " + r.callerNumber());
        assertTrue(r.callerNumber().contains("$(reboot)") && r.callerNumber().contains("/../"), "kept as data: " + r.callerNumber());
        String expected = asterisk.recordingsDirectory().toAbsolutePath().normalize() + "/"
                + r.started().toString().substring(0, 10).replace('-', '/') + "/" + r.id() + ".wav";
        assertEquals(expected, r.filePath());
        assertTrue(Files.exists(Path.of(r.filePath())));
    }

    @Test
    @Order(6)
    void everyFileOnDiskIsAccountedFor() throws Exception {
        try (Stream<Path> files = Files.walk(asterisk.recordingsDirectory())) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                assertTrue(gateway.store().knowsFile(f.toAbsolutePath().normalize().toString()), "unaccounted: " + f);
            }
        }
    }

    @Test
    @Order(7)
    void recordingActiveWhileAsteriskRestartsIsFiledWhenAmiComesBack() throws Exception {
        long noticeMillis = notice.durationSamples() / 8;
        // a caller who keeps talking: a recording without audio (a header-only file) is not kept
        SippCall call = SippCall.startTalking("asterisk-restart", "1004", "0655555555", noticeMillis + 60_000, rig.sippLogs());
        assertTrue(AsteriskRig.eventually(Duration.ofSeconds(20), () -> byNumber("0655555555")
                .filter(r -> r.status() == RecordingStatus.ACTIVE).isPresent()), "recording became active");
        // put through to a person first: a call that was never bridged keeps no audio
        String id = byNumber("0655555555").orElseThrow().id();
        assertTrue(AsteriskRig.eventually(Duration.ofSeconds(10), () -> gateway.store().callFacts(id)
                .filter(f -> f.bridgedAt() != null).isPresent()), "the call was bridged");
        asterisk.cli("core restart now");
        assertTrue(AsteriskRig.eventually(Duration.ofSeconds(60), () -> byNumber("0655555555")
                .filter(r -> r.status() != RecordingStatus.ACTIVE).isPresent()), "filed after AMI came back");
        Recording r = byNumber("0655555555").orElseThrow();
        assertEquals(RecordingStatus.FILED, r.status());
        assertEquals(sha256(Path.of(r.filePath())), r.sha256());
        call.await();
    }

    private static Recording filed(String number) throws InterruptedException {
        return rig.ended(number);
    }

    private static Optional<Recording> byNumber(String number) {
        return rig.byNumber(number);
    }

    private static String sha256(Path file) throws Exception {
        var digest = java.security.MessageDigest.getInstance("SHA-256");
        return java.util.HexFormat.of().formatHex(digest.digest(Files.readAllBytes(file)));
    }
}
