package org.recgateway.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.recgateway.policy.LegalBasis;
import org.recgateway.policy.Purpose;
import org.recgateway.recording.RecordedPurpose;
import org.recgateway.recording.Recording;
import org.recgateway.recording.RecordingStatus;
import org.recgateway.testing.AsteriskRig;
import org.recgateway.testing.GatewayRig;
import org.recgateway.testing.SippAgent;
import org.recgateway.testing.SippCall;

/**
 * A recording for contract evidence and quality, through the real Asterisk 22 with SIPp callers on G.711 a-law:
 * the caller who presses 9 during the objection offer hears the "quality ends, the contract evidence is kept"
 * confirmation (not "we stop the recording and delete it"), and the recording is filed for the contract only; a
 * caller who does not object is recorded for both. What Asterisk played is read from its own log, and the notice
 * evidence names the very file it played (the a-law file, by the channel's codec) with that file's SHA-256.
 */
class MixedObjectionIT {
    static final String POLICY = """
            policy:
              defaultLanguage: nl
              rules:
                - name: sales-with-quality
                  when: {called: ["_15XX", "_18XX"]}
                  record:
                    purpose: contract-evidence
                    notice: notice-contract-evidence-quality-will
                    retention: 365d
                    objection: {offer: question-objection-quality, window: 2s}
                    also: [{purpose: quality, retention: 30d}]
            """;
    private static final String OBJECTS = "0618000001";
    private static final String STAYS = "0618000002";

    private static GatewayRig rig;
    private static int objectsStatus;
    private static int staysStatus;

    @BeforeAll
    static void oneCallerObjectsDuringTheOfferTheOtherDoesNot() throws Exception {
        rig = GatewayRig.start("mixed-objection", POLICY);
        long notice = rig.millis("notice-contract-evidence-quality-will", "nl");
        long offer = rig.millis("question-objection-quality", "nl");
        long partial = rig.millis("confirmation-objection-partial", "nl");
        // Each caller is put through to an agent (15xx: agent, 18xx: agent2): a call that reaches nobody keeps nothing.
        SippAgent agent = SippAgent.start("agent", List.of(new SippAgent.Press(1_000, "1"), new SippAgent.Press(3_000, "")), rig.sippLogs());
        SippAgent agent2 = SippAgent.start("agent2", AsteriskRig.AGENT2_PORT, AsteriskRig.AGENT2_MEDIA_PORT,
                List.of(new SippAgent.Press(1_000, "1"), new SippAgent.Press(3_000, "")), rig.sippLogs());
        Thread.sleep(300);
        SippCall objects = SippCall.startWithKey("objects-during-offer", "1501", OBJECTS, notice + offer / 2, '9',
                notice + offer + partial + 8_000, rig.sippLogs());
        SippCall stays = SippCall.start("stays", "caller.xml", "1801", STAYS, "Stays", notice + offer + 2_000 + 8_000,
                rig.sippLogs());
        objectsStatus = objects.await();
        staysStatus = stays.await();
        agent.await();
        agent2.await();
    }

    @AfterAll
    static void stop() throws Exception {
        if (rig != null) {
            rig.close();
        }
    }

    /** The sound files Asterisk logged playing on {@code channel}, e.g. {@code recording-gateway/nl/x.alaw}. */
    private static List<String> played(String channel) throws Exception {
        String marker = "<" + channel + "> Playing '";
        return Files.readAllLines(rig.out().resolve("asterisk.log"), StandardCharsets.UTF_8).stream()
                .filter(l -> l.contains(marker))
                .map(l -> l.substring(l.indexOf(marker) + marker.length(), l.indexOf('\'', l.indexOf(marker) + marker.length())))
                .toList();
    }

    @Test
    void objectionDuringTheOfferConfirmsThePartialEndAndFilesTheRecordingForTheContractOnly() throws Exception {
        assertEquals(0, objectsStatus, "SIPp call completed");
        Recording r = rig.ended(OBJECTS);
        assertEquals(RecordingStatus.FILED, r.status());
        assertEquals(List.of(new RecordedPurpose(Purpose.CONTRACT_EVIDENCE, LegalBasis.CONTRACT, java.time.Duration.ofDays(365))), r.purposes().stream().map(p -> new RecordedPurpose(p.purpose(), p.basis(), p.retention())).toList());
        assertNotNull(r.choices().objectedAt(), "the objection is in the evidence");
        assertTrue(r.choices().objectionOffered());

        List<String> heard = played(r.channel());
        assertTrue(heard.size() >= 3, heard.toString());
        assertEquals(List.of("recording-gateway/nl/notice-contract-evidence-quality-will.alaw",
                "recording-gateway/nl/question-objection-quality.alaw",
                "recording-gateway/nl/confirmation-objection-partial.alaw"), heard.subList(0, 3),
                "what Asterisk played to the objecting caller before it was put through, in order");
        assertFalse(heard.contains("recording-gateway/nl/confirmation-objection.alaw"),
                "the full stop-and-delete confirmation would be false: the contract evidence is kept");
    }

    @Test
    void noticeEvidenceNamesTheALawFileAsteriskPlayedWithItsHash() throws Exception {
        Recording r = rig.ended(OBJECTS);
        assertTrue(played(r.channel()).contains("recording-gateway/nl/" + r.notice().promptId() + "." + r.notice().playedFormat()),
                "the evidence's format is the one in Asterisk's log: " + r.notice().playedFormat());
        assertEquals("alaw", r.notice().playedFormat(), "SIPp offers only PCMA");
        Path alaw = AsteriskRig.repo().resolve("notice-prompts/sounds/nl/notice-contract-evidence-quality-will.alaw");
        assertEquals(GatewayRig.sha256(alaw), r.notice().playedSha256());
        assertTrue(r.notice().audioFiles().contains("alaw=" + GatewayRig.sha256(alaw)), r.notice().audioFiles());
        assertTrue(r.notice().playedToEnd());
    }

    @Test
    void callerWhoDoesNotObjectIsRecordedForBothPurposes() throws Exception {
        assertEquals(0, staysStatus, "SIPp call completed");
        Recording r = rig.ended(STAYS);
        assertEquals(RecordingStatus.FILED, r.status());
        assertEquals(List.of(new RecordedPurpose(Purpose.CONTRACT_EVIDENCE, LegalBasis.CONTRACT, java.time.Duration.ofDays(365)),
                new RecordedPurpose(Purpose.QUALITY, LegalBasis.LEGITIMATE_INTEREST, java.time.Duration.ofDays(30))), r.purposes().stream().map(p -> new RecordedPurpose(p.purpose(), p.basis(), p.retention())).toList());
        assertNull(r.choices().objectedAt());
        List<String> heard = played(r.channel());
        assertFalse(heard.stream().anyMatch(f -> f.contains("confirmation-objection")), heard.toString());
    }
}
