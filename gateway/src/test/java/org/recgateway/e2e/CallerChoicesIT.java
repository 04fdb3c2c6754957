package org.recgateway.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.recgateway.policy.LegalBasis;
import org.recgateway.policy.Purpose;
import org.recgateway.prompts.NoticePrompt;
import org.recgateway.recording.ConsentEvidence;
import org.recgateway.recording.RecordedPurpose;
import org.recgateway.recording.Recording;
import org.recgateway.recording.RecordingStatus;
import org.recgateway.testing.AsteriskRig;
import org.recgateway.testing.GatewayRig;
import org.recgateway.testing.SippCall;

/**
 * Lawful by construction, end to end: real calls through Asterisk 22 whose callers press RFC 2833
 * keys from SIPp's pcaps: consent given, silence, another key, hangup during the question,
 * objection during the notice, the agent's stop-and-delete mid-call, a two-purpose policy whose
 * caller declines the consent purpose, and an English-speaking caller. All calls run in parallel.
 */
class CallerChoicesIT {
    static final String POLICY = """
            policy:
              defaultLanguage: nl
              rules:
                - name: training-line
                  when: {called: ["_11XX"]}
                  record: {purpose: training, basis: consent, notice: notice-training, retention: 90d,
                           consent: {timeout: 4s}}
                - name: service-line
                  when: {called: ["_12XX"]}
                  record: {purpose: quality, notice: notice-quality-will, retention: 30d, objection: {window: 2s}}
                - name: sales-line
                  when: {called: ["_13XX"]}
                  record:
                    purpose: contract-evidence
                    notice: notice-contract-evidence-will
                    retention: 365d
                    also:
                      - {purpose: training, basis: consent, retention: 90d, consent: {question: question-consent-training, timeout: 3s}}
              default:
                record: {purpose: quality, notice: notice-quality-will, retention: 30d, languages: [nl, en],
                         objection: {window: 1s}}
            """;

    private static GatewayRig rig;
    private static final Map<String, Integer> status = new LinkedHashMap<>();
    private static java.net.http.HttpResponse<byte[]> stopResult;

    @BeforeAll
    static void callersMakeTheirChoices() throws Exception {
        rig = GatewayRig.start("caller-choices", POLICY);
        Path logs = rig.sippLogs();
        long training = rig.millis("notice-training", "nl");
        long question = rig.millis("question-consent", "nl");
        long quality = rig.millis("notice-quality-will", "nl");
        long offer = rig.millis("question-objection", "nl");
        long contract = rig.millis("notice-contract-evidence-will", "nl");
        long english = rig.millis("notice-quality-will", "en") + rig.millis("question-objection", "en") + 1_000;

        Map<String, SippCall> calls = new LinkedHashMap<>();
        calls.put("consent-given", SippCall.startWithKey("consent-given", "1101", "0610000001", training + 800, '1',
                training + question + 10_000, logs));
        calls.put("consent-silence", SippCall.start("consent-silence", "caller.xml", "1102", "0610000002", "Silent",
                training + question + 4_000 + 3_000, logs));
        calls.put("consent-wrong-key", SippCall.startWithKey("consent-wrong-key", "1103", "0610000003", training + 800, '2',
                training + question + 6_000, logs));
        calls.put("consent-hangup", SippCall.start("consent-hangup", "caller.xml", "1104", "0610000004", "Gone",
                training + question / 2, logs));
        calls.put("objection-in-notice", SippCall.startWithKey("objection-in-notice", "1201", "0610000005", quality / 2, '9',
                quality + offer + 6_000, logs));
        calls.put("stop-and-delete", SippCall.start("stop-and-delete", "caller.xml", "1202", "0610000006", "Objects later",
                quality + offer + 2_000 + 20_000, logs));
        calls.put("two-purposes-decline", SippCall.start("two-purposes-decline", "caller.xml", "1301", "0610000007", "Buyer",
                contract + rig.millis("question-consent-training", "nl") + 3_000 + 6_000, logs));
        calls.put("english", SippCall.start("english", "caller.xml", "1401", "0610000008", "English", english + 5_000, logs));

        // The agent hears the caller object once the recording runs, and stops it.
        if (AsteriskRig.eventually(Duration.ofSeconds(30), () -> rig.byNumber("0610000006")
                .filter(r -> r.status() == RecordingStatus.ACTIVE).isPresent())) {
            Thread.sleep(3_000);
            // The agent's stop-and-delete, through the HTTP API.
            stopResult = GatewayRig.http("POST", "/api/recordings/" + rig.byNumber("0610000006").orElseThrow().id()
                    + "/stop-and-delete", GatewayRig.ADMIN_TOKEN, "");
        }
        for (var e : calls.entrySet()) {
            status.put(e.getKey(), e.getValue().await());
        }
    }

    @AfterAll
    static void stop() throws Exception {
        if (rig != null) {
            rig.close();
        }
    }

    @Test
    void consentGivenWithTheKeyIsRecordedWithTheConsentEvidence() throws Exception {
        assertEquals(0, status.get("consent-given"));
        Recording r = rig.ended("0610000001");
        assertEquals(RecordingStatus.FILED, r.status());
        assertEquals(List.of(new RecordedPurpose(Purpose.TRAINING, LegalBasis.CONSENT, java.time.Duration.ofDays(90))), r.purposes().stream().map(p -> new RecordedPurpose(p.purpose(), p.basis(), p.retention())).toList());
        ConsentEvidence consent = r.choices().consents().getFirst();
        assertTrue(consent.given());
        assertEquals("1", consent.keyPressed());
        NoticePrompt question = rig.prompt("question-consent", "nl");
        assertEquals(question.audioSha256(), consent.audioSha256());
        assertEquals("alaw", consent.playedFormat(), "Asterisk plays the a-law file to a PCMA caller");
        assertEquals(GatewayRig.sha256(AsteriskRig.repo().resolve("notice-prompts/sounds/nl/question-consent.alaw")),
                consent.playedSha256());
        assertFalse(consent.answered().isAfter(r.started()), "consent before recording");
        assertTrue(Files.exists(Path.of(r.filePath())));
    }

    @Test
    void silenceAtTheQuestionIsNotRecorded() {
        assertEquals(0, status.get("consent-silence"));
        assertTrue(rig.byNumber("0610000002").isEmpty());
    }

    @Test
    void anotherKeyAtTheQuestionIsNotRecorded() {
        assertEquals(0, status.get("consent-wrong-key"));
        assertTrue(rig.byNumber("0610000003").isEmpty());
    }

    @Test
    void hangupDuringTheQuestionIsNotRecorded() {
        assertEquals(0, status.get("consent-hangup"));
        assertTrue(rig.byNumber("0610000004").isEmpty());
    }

    @Test
    void objectionKeyDuringTheNoticeMeansNoRecording() {
        assertEquals(0, status.get("objection-in-notice"));
        assertTrue(rig.byNumber("0610000005").isEmpty());
        assertTrue(rig.gateway().metrics().registry().counter("gateway.recordings", "event", "objected").count() >= 1);
    }

    @Test
    void agentsStopAndDeleteMidCallRemovesTheFileAndKeepsTheFact() throws Exception {
        assertEquals(0, status.get("stop-and-delete"));
        assertTrue(stopResult != null && stopResult.statusCode() == 200, "stop-and-delete: "
                + (stopResult == null ? "never asked" : new String(stopResult.body())));
        Recording r = rig.ended("0610000006");
        assertEquals(RecordingStatus.DELETED, r.status());
        assertFalse(Files.exists(Path.of(r.filePath())), "audio deleted");
        assertTrue(r.sizeBytes() > 44, "the size of what was deleted is kept");
        assertEquals(64, r.sha256().length(), "the hash of what was deleted is kept");
        assertTrue(r.choices().objectionOffered());
        assertNull(r.choices().objectedAt());
        var deleted = rig.gateway().audit().forRecording(r.id()).stream()
                .filter(e -> e.action() == org.recgateway.audit.AuditAction.RECORDING_DELETED).toList();
        assertEquals(1, deleted.size(), "the audit trail keeps the deletion");
        assertEquals("token:e2e-admin", deleted.getFirst().actor());
        assertEquals(r.sha256(), deleted.getFirst().details().get("sha256"));
        assertTrue(rig.gateway().audit().verify().intact(), "the audit chain verifies");
    }

    @Test
    void twoPurposePolicyWhoseCallerDeclinesTrainingIsRecordedForTheContractOnly() throws Exception {
        assertEquals(0, status.get("two-purposes-decline"));
        Recording r = rig.ended("0610000007");
        assertEquals(RecordingStatus.FILED, r.status());
        assertEquals(List.of(new RecordedPurpose(Purpose.CONTRACT_EVIDENCE, LegalBasis.CONTRACT, java.time.Duration.ofDays(365))), r.purposes().stream().map(p -> new RecordedPurpose(p.purpose(), p.basis(), p.retention())).toList());
        ConsentEvidence declined = r.choices().consents().getFirst();
        assertEquals(Purpose.TRAINING, declined.purpose());
        assertFalse(declined.given());
        assertEquals("", declined.keyPressed());
    }

    @Test
    void englishSpeakingCallerHearsTheEnglishNoticePlayedByAsterisk() throws Exception {
        assertEquals(0, status.get("english"));
        Recording r = rig.ended("0610000008");
        assertEquals(RecordingStatus.FILED, r.status());
        NoticePrompt english = rig.prompt("notice-quality-will", "en");
        assertEquals("en", r.notice().language());
        assertEquals(english.audioSha256(), r.notice().audioSha256());
        assertEquals(english.textSha256(), r.notice().textSha256());
        assertTrue(r.notice().playedToEnd(), "Asterisk played the English notice to the end: endpos "
                + r.notice().endPosition() + " of " + r.notice().expectedSamples());
    }
}
