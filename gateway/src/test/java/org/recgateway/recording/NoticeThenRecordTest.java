package org.recgateway.recording;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;

import org.junit.jupiter.api.Test;
import org.recgateway.metrics.GatewayMetrics;
import org.recgateway.policy.CallAttributes;
import org.recgateway.policy.ConsentStep;
import org.recgateway.policy.Direction;
import org.recgateway.policy.LegalBasis;
import org.recgateway.policy.ObjectionStep;
import org.recgateway.policy.PolicyDecision;
import org.recgateway.policy.Purpose;
import org.recgateway.policy.PurposeTerms;
import org.recgateway.recording.CallControl.CallGoneException;
import org.recgateway.testing.FixedPromptLibrary;
import org.recgateway.testing.InMemoryAuditTrail;
import org.recgateway.testing.InMemoryRecordingStore;
import org.recgateway.testing.ScriptedCall;

class NoticeThenRecordTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-29T10:00:00Z"), ZoneOffset.UTC);
    private static final CallAttributes CALL = new CallAttributes("from-external", "1001", "1001", "0612345678",
            "Caller", "nl", "PJSIP/sipp-1", "1700000000.1", "1700000000.0", List.of());
    private static final PurposeTerms QUALITY = new PurposeTerms(Purpose.QUALITY, LegalBasis.LEGITIMATE_INTEREST, Duration.ofDays(30));
    private static final PurposeTerms CONTRACT = new PurposeTerms(Purpose.CONTRACT_EVIDENCE, LegalBasis.CONTRACT, Duration.ofDays(365));
    private static final PurposeTerms TRAINING = new PurposeTerms(Purpose.TRAINING, LegalBasis.CONSENT, Duration.ofDays(90),
            Optional.of(new ConsentStep("question-consent", "1", Duration.ofSeconds(5))));
    private static final Optional<ObjectionStep> OBJECTION = Optional.of(new ObjectionStep("question-objection", "9", Duration.ofSeconds(3)));

    private final InMemoryRecordingStore store = new InMemoryRecordingStore();
    private final InMemoryAuditTrail audit = new InMemoryAuditTrail(java.time.Clock.systemUTC());

    private NoticeThenRecord lifecycle(PolicyDecision decision, int draw) {
        return lifecycle(decision, draw, StartConditions.ALWAYS);
    }

    private NoticeThenRecord lifecycle(PolicyDecision decision, int draw, StartConditions conditions) {
        RecordingFiles files = new RecordingFiles("/var/spool/asterisk/recording-gateway", Path.of("/tmp/rg-test"), "wav");
        RecordingFiler filer = new RecordingFiler(store, CLOCK, GatewayMetrics.NOOP, Duration.ofMillis(1), new AuditNotes(audit));
        RandomGenerator fixedDraw = new RandomGenerator() {
            @Override
            public long nextLong() {
                return 0;
            }

            @Override
            public int nextInt(int bound) {
                return draw;
            }
        };
        return new NoticeThenRecord(c -> decision, FixedPromptLibrary.withQuestions(), store, files, filer, CLOCK,
                GatewayMetrics.NOOP, fixedDraw, conditions);
    }

    private static PolicyDecision.Record plan(String notice, int sample, Optional<ObjectionStep> objection, PurposeTerms... purposes) {
        return new PolicyDecision.Record("rule", List.of(purposes), notice, "nl", sample, objection);
    }

    @Test
    void consentGivenAtTheQuestionRecordsWithTheConsentEvidence() throws Exception {
        ScriptedCall call = new ScriptedCall().pressDuring("question-consent", '1');

        lifecycle(plan("notice-quality", 100, Optional.empty(), TRAINING), 0).handle(CALL, call);

        Recording r = store.all().getFirst();
        assertEquals(List.of(new RecordedPurpose(Purpose.TRAINING, LegalBasis.CONSENT, java.time.Duration.ofDays(90))), r.purposes());
        ConsentEvidence consent = r.choices().consents().getFirst();
        assertTrue(consent.given());
        assertEquals("1", consent.keyPressed());
        assertEquals("question-consent", consent.questionPromptId());
        assertEquals("alaw", consent.playedFormat(), "the question file Asterisk plays on an a-law channel");
        assertEquals("c".repeat(64), consent.playedSha256());
        assertEquals(List.of("play recording-gateway/nl/notice-quality", "play recording-gateway/nl/question-consent stop=0123456789*#",
                "play recording-gateway/nl/confirmation-consent"), call.actions().subList(0, 3));
    }

    @Test
    void whileTheStoreCannotWriteOrTheDiskIsLowACallIsNotRecordedAndGoesOnWithoutANotice() throws Exception {
        for (RecordingReason reason : List.of(RecordingReason.STORE_UNAVAILABLE, RecordingReason.RECORDINGS_DISK_LOW)) {
            ScriptedCall call = new ScriptedCall();
            StartConditions refused = () -> Optional.of(new StartConditions.Refusal(reason, "a test's refusal"));

            NoticeThenRecord.Outcome outcome = lifecycle(plan("notice-quality", 100, Optional.empty(), CONTRACT), 0, refused).handle(CALL, call);

            assertEquals(NoticeThenRecord.Outcome.notRecorded(reason), outcome);
            assertEquals(reason.value(), call.variable("RECORDING_REASON"));
            assertEquals("not-recorded", call.variable("RECORDING_STATUS"));
            assertFalse(call.recorded(), call.actions().toString());
            assertTrue(call.actions().stream().noneMatch(a -> a.startsWith("play ")), "no notice for a recording that cannot be made");
        }
        assertTrue(store.all().isEmpty());
    }

    @Test
    void aStoreThatFailsWhileTheNoticePlaysGivesStoreUnavailableAndNoMixMonitor() throws Exception {
        ScriptedCall call = new ScriptedCall();
        java.util.concurrent.atomic.AtomicInteger asked = new java.util.concurrent.atomic.AtomicInteger();
        StartConditions conditions = () -> asked.getAndIncrement() > 0  // fine before the notice, full after it
                ? Optional.of(new StartConditions.Refusal(RecordingReason.STORE_UNAVAILABLE, "full")) : Optional.empty();
        store.failUpdates(true);
        NoticeThenRecord lifecycle = new NoticeThenRecord(c -> plan("notice-quality", 100, Optional.empty(), CONTRACT),
                FixedPromptLibrary.withQuestions(), store, new RecordingFiles("/var/spool/asterisk/recording-gateway", Path.of("/tmp/rg-test"), "wav"),
                new RecordingFiler(store, CLOCK, GatewayMetrics.NOOP, Duration.ofMillis(1), new AuditNotes(new InMemoryAuditTrail(java.time.Clock.systemUTC()))),
                CLOCK, GatewayMetrics.NOOP, new java.util.Random(1), conditions);

        NoticeThenRecord.Outcome outcome = lifecycle.handle(CALL, call);

        assertEquals(RecordingReason.STORE_UNAVAILABLE, outcome.reason());
        assertFalse(call.recorded(), call.actions().toString());
        assertTrue(call.actions().getFirst().startsWith("play "), "the notice played before the store failed");
    }

    @Test
    void theIdOfTheMixMonitorTheGatewayStartedIsStoredWithTheRecording() throws Exception {
        ScriptedCall call = new ScriptedCall();

        lifecycle(plan("notice-quality", 100, Optional.empty(), CONTRACT), 0).handle(CALL, call);

        Recording r = store.all().getFirst();
        assertEquals(ScriptedCall.MIXMONITOR_ID, store.callFacts(r.id()).orElseThrow().mixMonitorId());
    }

    @Test
    void aSecondPassInARecordedCallPlaysNoSecondNoticeStartsNoSecondRecordingAndReportsTheFirst() throws Exception {
        NoticeThenRecord lifecycle = lifecycle(plan("notice-quality", 100, Optional.empty(), CONTRACT), 0);
        ScriptedCall first = new ScriptedCall();
        lifecycle.handle(CALL, first);
        String id = first.variable("RECORDING_ID");
        // the same call again, e.g. a transfer back into a recorded context: another channel, the same linkedid
        CallAttributes again = new CallAttributes("from-queue", "1001", "1001", "0612345678", "Caller", "nl",
                "PJSIP/sipp-2", "1700000000.7", CALL.linkedId(), List.of());
        ScriptedCall second = new ScriptedCall();

        NoticeThenRecord.Outcome outcome = lifecycle.handle(again, second);

        assertEquals(List.of(), second.actions(), "no notice, no MixMonitor");
        assertEquals(1, store.all().size());
        assertEquals(new NoticeThenRecord.Outcome("recording", id, RecordingReason.ALREADY_RECORDED), outcome);
        assertEquals(id, second.variable("RECORDING_ID"));
        assertEquals("recording", second.variable("RECORDING_STATUS"));
    }

    @Test
    void aCallOnAnotherAsteriskServerWithTheSameLinkedidIsAnotherCallAndIsNoticedAndRecordedItself() throws Exception {
        NoticeThenRecord lifecycle = lifecycle(plan("notice-quality", 100, Optional.empty(), CONTRACT), 0);
        lifecycle.handle(CALL, new ScriptedCall().on("pbx1"));
        ScriptedCall onPbx2 = new ScriptedCall().on("pbx2");

        NoticeThenRecord.Outcome outcome = lifecycle.handle(CALL, onPbx2);

        assertEquals(RecordingReason.NONE, outcome.reason(), "issue #17 item 3: two servers' linkedids may be equal");
        assertEquals(2, store.all().size());
        assertTrue(onPbx2.actions().stream().anyMatch(a -> a.contains("notice-quality")), onPbx2.actions().toString());
        assertEquals(RecordingReason.ALREADY_RECORDED, lifecycle.handle(CALL, new ScriptedCall().on("pbx2")).reason(),
                "the same server's second pass is the same call");
    }

    @Test
    void aCallWhoseRecordingHasEndedIsNoticedAndRecordedAfreshInANewPass() throws Exception {
        NoticeThenRecord lifecycle = lifecycle(plan("notice-quality", 100, Optional.empty(), CONTRACT), 0);
        lifecycle.handle(CALL, new ScriptedCall());
        store.update(store.all().getFirst().filed(CLOCK.instant(), 44, "x", RecordingStatus.FILED));
        ScriptedCall second = new ScriptedCall();

        lifecycle.handle(CALL, second);

        assertTrue(second.recorded());
        assertEquals(2, store.all().size());
    }

    @Test
    void consentGivenAfterTheQuestionWithinTheTimeoutCounts() throws Exception {
        ScriptedCall call = new ScriptedCall().thenPress('1');

        lifecycle(plan("notice-quality", 100, Optional.empty(), TRAINING), 0).handle(CALL, call);

        assertTrue(call.recorded());
        assertTrue(call.actions().contains("wait 5000ms"), call.actions().toString());
    }

    @Test
    void silenceAtTheConsentQuestionMeansNotRecorded() throws Exception {
        ScriptedCall call = new ScriptedCall().thenPress(null);

        NoticeThenRecord.Outcome outcome = lifecycle(plan("notice-quality", 100, Optional.empty(), TRAINING), 0).handle(CALL, call);

        assertFalse(call.recorded());
        assertEquals(RecordingReason.NO_CONSENT, outcome.reason());
        assertTrue(store.all().isEmpty());
    }

    @Test
    void anotherKeyAtTheConsentQuestionMeansNotRecorded() throws Exception {
        ScriptedCall call = new ScriptedCall().pressDuring("question-consent", '2');

        lifecycle(plan("notice-quality", 100, Optional.empty(), TRAINING), 0).handle(CALL, call);

        assertFalse(call.recorded());
        assertEquals("not-recorded", call.variable("RECORDING_STATUS"));
    }

    @Test
    void hangupDuringTheConsentQuestionRecordsNothing() {
        ScriptedCall call = new ScriptedCall().hangUpDuring("question-consent");

        assertThrows(CallGoneException.class,
                () -> lifecycle(plan("notice-quality", 100, Optional.empty(), TRAINING), 0).handle(CALL, call));
        assertFalse(call.recorded());
        assertTrue(store.all().isEmpty());
    }

    @Test
    void objectionKeyDuringTheNoticeMeansNotRecorded() throws Exception {
        ScriptedCall call = new ScriptedCall().pressDuring("notice-quality", '9');

        NoticeThenRecord.Outcome outcome = lifecycle(plan("notice-quality", 100, OBJECTION, QUALITY), 0).handle(CALL, call);

        assertFalse(call.recorded());
        assertEquals(RecordingReason.OBJECTION, outcome.reason());
        assertEquals("play recording-gateway/nl/notice-quality stop=9", call.actions().getFirst());
        assertTrue(call.actions().contains("play recording-gateway/nl/confirmation-objection"), call.actions().toString());
    }

    @Test
    void objectionDuringTheOfferOnAMixedRecordingConfirmsThePartialEndAndRecordsForTheContractOnly() throws Exception {
        ScriptedCall call = new ScriptedCall().pressDuring("question-objection", '9');

        NoticeThenRecord.Outcome outcome = lifecycle(plan("notice-contract-evidence-will", 100, OBJECTION, CONTRACT, QUALITY),
                0).handle(CALL, call);

        assertEquals("recording", outcome.status());
        assertTrue(call.actions().contains("play recording-gateway/nl/confirmation-objection-partial"), call.actions().toString());
        assertFalse(call.actions().contains("play recording-gateway/nl/confirmation-objection"), call.actions().toString());
        Recording r = store.all().getFirst();
        assertEquals(List.of(new RecordedPurpose(Purpose.CONTRACT_EVIDENCE, LegalBasis.CONTRACT, java.time.Duration.ofDays(365))), r.purposes());
        assertTrue(r.choices().objectedAt() != null);
    }

    @Test
    void objectionDuringTheNoticeOfAMixedRecordingRecordsNothingAndConfirmsTheFullStop() throws Exception {
        ScriptedCall call = new ScriptedCall().pressDuring("notice-contract-evidence-will", '9');

        NoticeThenRecord.Outcome outcome = lifecycle(plan("notice-contract-evidence-will", 100, OBJECTION, CONTRACT, QUALITY),
                0).handle(CALL, call);

        assertFalse(call.recorded());
        assertEquals(RecordingReason.OBJECTION, outcome.reason());
        assertTrue(call.actions().contains("play recording-gateway/nl/confirmation-objection"), call.actions().toString());
    }

    @Test
    void noticeEvidenceNamesTheFileAsteriskPlaysForTheChannelsCodecAndEveryFormat() throws Exception {
        lifecycle(plan("notice-quality", 100, OBJECTION, QUALITY), 0).handle(CALL, new ScriptedCall().codec("(alaw)"));
        CallAttributes another = new CallAttributes("from-external", "1001", "1001", "0612345679", "Caller", "nl",
                "PJSIP/sipp-3", "1700000000.3", "1700000000.3", List.of());
        lifecycle(plan("notice-quality", 100, OBJECTION, QUALITY), 0).handle(another, new ScriptedCall().codec("(g729)"));

        NoticeEvidence alaw = store.all().stream().filter(r -> r.uniqueId().equals(CALL.uniqueId())).findFirst().orElseThrow().notice();
        assertEquals("alaw", alaw.playedFormat());
        assertEquals("c".repeat(64), alaw.playedSha256());
        assertEquals("alaw=" + "c".repeat(64) + ",sln=" + "d".repeat(64) + ",wav=" + "b".repeat(64), alaw.audioFiles());
        NoticeEvidence transcoded = store.all().stream().filter(r -> r.uniqueId().equals(another.uniqueId())).findFirst().orElseThrow()
                .notice();
        assertEquals("", transcoded.playedFormat(), "no file fits g729: Asterisk transcodes from one of audioFiles");
        assertEquals(alaw.audioFiles(), transcoded.audioFiles());
    }

    @Test
    void objectionKeyInTheWindowAfterTheOfferMeansNotRecorded() throws Exception {
        ScriptedCall call = new ScriptedCall().thenPress('3').thenPress('9');

        NoticeThenRecord.Outcome outcome = lifecycle(plan("notice-quality", 100, OBJECTION, QUALITY), 0).handle(CALL, call);

        assertFalse(call.recorded());
        assertEquals(RecordingReason.OBJECTION, outcome.reason());
    }

    @Test
    void objectionDuringTheCallPutsTheCallerThroughWhenTheNoticeEndsWithNoOfferAndNoWait() throws Exception {
        ScriptedCall call = new ScriptedCall();
        Optional<ObjectionStep> inCall = Optional.of(new ObjectionStep("question-objection", "9", Duration.ofSeconds(3), true));

        lifecycle(plan("notice-quality", 100, inCall, QUALITY), 0).handle(CALL, call);

        assertTrue(call.recorded());
        assertEquals("play recording-gateway/nl/notice-quality stop=9", call.actions().getFirst());
        assertTrue(call.actions().stream().noneMatch(a -> a.contains("question-objection") || a.startsWith("wait")),
                call.actions().toString());
        assertTrue(store.all().getFirst().choices().objectionOffered());
    }

    @Test
    void objectionKeyDuringTheNoticeStillObjectsWhenObjectionIsDuringTheCall() throws Exception {
        ScriptedCall call = new ScriptedCall().pressDuring("notice-quality", '9');
        Optional<ObjectionStep> inCall = Optional.of(new ObjectionStep("question-objection", "9", Duration.ofSeconds(3), true));

        NoticeThenRecord.Outcome outcome = lifecycle(plan("notice-quality", 100, inCall, QUALITY), 0).handle(CALL, call);

        assertFalse(call.recorded());
        assertEquals(RecordingReason.OBJECTION, outcome.reason());
    }

    @Test
    void noObjectionWithinTheWindowRecordsAndSaysTheOfferWasMade() throws Exception {
        ScriptedCall call = new ScriptedCall();

        lifecycle(plan("notice-quality", 100, OBJECTION, QUALITY), 0).handle(CALL, call);

        assertTrue(call.recorded());
        CallerChoices choices = store.all().getFirst().choices();
        assertTrue(choices.objectionOffered());
        assertNull(choices.objectedAt());
    }

    @Test
    void twoPurposesWhereTheCallerDeclinesTrainingRecordForTheContractOnly() throws Exception {
        ScriptedCall call = new ScriptedCall().thenPress(null);

        lifecycle(plan("notice-contract-evidence-will", 100, Optional.empty(), CONTRACT, TRAINING), 0).handle(CALL, call);

        Recording r = store.all().getFirst();
        assertEquals(List.of(new RecordedPurpose(Purpose.CONTRACT_EVIDENCE, LegalBasis.CONTRACT, java.time.Duration.ofDays(365))), r.purposes());
        assertEquals(java.time.Duration.ofDays(365), r.retention());
        assertFalse(r.choices().consents().getFirst().given());
    }

    @Test
    void twoPurposesWithConsentCarryBothEachWithItsRetention() throws Exception {
        ScriptedCall call = new ScriptedCall().pressDuring("question-consent", '1');

        lifecycle(plan("notice-contract-evidence-will", 100, Optional.empty(), CONTRACT, TRAINING), 0).handle(CALL, call);

        Recording r = store.all().getFirst();
        assertEquals(List.of(new RecordedPurpose(Purpose.CONTRACT_EVIDENCE, LegalBasis.CONTRACT, java.time.Duration.ofDays(365)),
                new RecordedPurpose(Purpose.TRAINING, LegalBasis.CONSENT, java.time.Duration.ofDays(90))), r.purposes());
        assertEquals(Purpose.CONTRACT_EVIDENCE, r.purpose());
        assertEquals(java.time.Duration.ofDays(365), r.retention(), "the audio is kept as long as its longest purpose needs");
    }

    @Test
    void callOutsideTheSampleHearsTheNoticeButIsNotRecorded() throws Exception {
        ScriptedCall call = new ScriptedCall();

        NoticeThenRecord.Outcome outcome = lifecycle(plan("notice-quality", 20, OBJECTION, QUALITY), 20).handle(CALL, call);

        assertFalse(call.recorded());
        assertEquals(RecordingReason.NOT_SAMPLED, outcome.reason());
        assertEquals(List.of("play recording-gateway/nl/notice-quality"), call.actions(), "no objection offer, no question");
    }

    @Test
    void callInsideTheSampleIsRecordedWithTheDrawInTheEvidence() throws Exception {
        ScriptedCall call = new ScriptedCall();

        lifecycle(plan("notice-quality", 20, OBJECTION, QUALITY), 19).handle(CALL, call);

        CallerChoices choices = store.all().getFirst().choices();
        assertEquals(20, choices.samplePercent());
        assertEquals(19, choices.sampleDraw());
    }

    /** The called party's side of an outbound call: their channel, the same linkedid as the agent's. */
    private static final CallAttributes CALLED = new CallAttributes("agents-out", "0201234567", "0201234567", "201",
            "Agent", "nl", "PJSIP/trunk-3", "1700000000.3", CALL.linkedId(), List.of(), Direction.OUTBOUND);

    @Test
    void agiRecordOnTheCallingSideOfAnOutboundContextPlaysNothingRecordsNothingAndSaysWhy() throws Exception {
        ScriptedCall call = new ScriptedCall();

        NoticeThenRecord.Outcome outcome = lifecycle(new PolicyDecision.CalledPartyNotTold("sales-out", "agents-out"), 0)
                .handle(CALL, call);

        assertEquals(List.of(), call.actions(), "no notice to the agent, no MixMonitor");
        assertEquals(RecordingReason.OUTBOUND_CONTEXT, outcome.reason());
        assertEquals("outbound-context", call.variable("RECORDING_REASON"));
        assertTrue(store.all().isEmpty());
    }

    @Test
    void anOutboundCallIsRecordedOnTheCalledPartysChannelOnlyAfterTheyHeardTheNoticeToTheEnd() throws Exception {
        ScriptedCall called = new ScriptedCall();

        lifecycle(plan("notice-quality", 100, Optional.empty(), CONTRACT), 0).handle(CALLED, called);

        assertEquals("play recording-gateway/nl/notice-quality", called.actions().getFirst());
        assertTrue(called.actions().getLast().startsWith("record "), called.actions().toString());
        Recording r = store.all().getFirst();
        assertEquals("PJSIP/trunk-3", r.channel());
        assertEquals("0201234567", r.calledNumber());
        assertTrue(r.notice().playedToEnd());
    }

    @Test
    void aCalledPartyWhoHangsUpDuringTheNoticeIsNotRecorded() {
        ScriptedCall called = new ScriptedCall().hangUpDuring("notice-quality");

        assertThrows(CallGoneException.class,
                () -> lifecycle(plan("notice-quality", 100, Optional.empty(), CONTRACT), 0).handle(CALLED, called));

        assertFalse(called.recorded());
        assertTrue(store.all().isEmpty());
    }

    @Test
    void theCalledPartyOfAnAlreadyRecordedCallHearsItsNoticeOnTheirChannelAndNoSecondRecordingStarts() throws Exception {
        NoticeThenRecord lifecycle = lifecycle(plan("notice-quality", 100, Optional.empty(), CONTRACT), 0);
        lifecycle.handle(CALL, new ScriptedCall());
        String id = store.all().getFirst().id();
        ScriptedCall called = new ScriptedCall();

        NoticeThenRecord.Outcome outcome = lifecycle.handle(CALLED, called);

        assertEquals(List.of("play recording-gateway/nl/notice-quality"), called.actions(), "the notice, no MixMonitor");
        assertEquals(new NoticeThenRecord.Outcome("recording", id, RecordingReason.ALREADY_RECORDED), outcome);
        assertEquals(1, store.all().size());
        var told = audit.forRecording(id).stream()
                .filter(e -> e.action() == org.recgateway.audit.AuditAction.CALLED_PARTY_TOLD).toList();
        assertEquals(1, told.size());
        assertEquals("PJSIP/trunk-3", told.getFirst().details().get("channel"));
        assertEquals("true", told.getFirst().details().get("playedToEnd"));
    }

    @Test
    void theCalledPartyOfAnAlreadyRecordedCallWhoHangsUpDuringItsNoticeIsAuditedAsNotTold() throws Exception {
        NoticeThenRecord lifecycle = lifecycle(plan("notice-quality", 100, Optional.empty(), CONTRACT), 0);
        lifecycle.handle(CALL, new ScriptedCall());
        String id = store.all().getFirst().id();

        assertThrows(CallGoneException.class, () -> lifecycle.handle(CALLED, new ScriptedCall().hangUpDuring("notice-quality")));

        var told = audit.forRecording(id).stream()
                .filter(e -> e.action() == org.recgateway.audit.AuditAction.CALLED_PARTY_TOLD).toList();
        assertEquals("false", told.getFirst().details().get("playedToEnd"));
    }
}
