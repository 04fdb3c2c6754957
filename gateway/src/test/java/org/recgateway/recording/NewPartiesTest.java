package org.recgateway.recording;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.AdditionalAnswers.delegatesTo;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recgateway.audit.AuditAction;
import org.recgateway.metrics.GatewayMetrics;
import org.recgateway.policy.LegalBasis;
import org.recgateway.policy.NewPartyRule;
import org.recgateway.policy.Purpose;
import org.recgateway.prompts.NoticePrompt;
import org.recgateway.testing.FixedPromptLibrary;
import org.recgateway.testing.InMemoryAuditTrail;
import org.recgateway.testing.InMemoryRecordedParties;
import org.recgateway.testing.InMemoryRecordingStore;

class NewPartiesTest {
    private static final Instant T = Instant.parse("2026-11-30T10:00:00Z");
    private static final Clock CLOCK = Clock.fixed(T.plusSeconds(30), ZoneOffset.UTC);
    private static final String CALLER = "PJSIP/sipp-00000001";
    private static final String AGENT = "PJSIP/agent-00000002";
    private static final String THIRD = "PJSIP/agent2-00000003";
    private static final NoticePrompt NOTICE = FixedPromptLibrary.prompt("notice-quality", "nl", FixedPromptLibrary.QUALITY_SAMPLES);

    @TempDir
    Path dir;
    private final InMemoryRecordingStore store = new InMemoryRecordingStore();
    private final InMemoryRecordedParties parties = new InMemoryRecordedParties();
    private final InMemoryAuditTrail trail = new InMemoryAuditTrail(CLOCK);
    private final RecordingFiler filer = new RecordingFiler(store, CLOCK, GatewayMetrics.NOOP, Duration.ofMillis(1), new AuditNotes(trail));
    private final List<String> asked = new ArrayList<>();
    private PartyNotice.Heard heard = new PartyNotice.Heard(true, List.of(THIRD, CALLER), "played");
    private final Recorder recorder = new Recorder() {
        @Override
        public String start(String channel, String file) {
            asked.add("start " + channel);
            return "mm-2";
        }

        @Override
        public void stop(String channel, String mixMonitorId) {
            asked.add("stop " + channel + " " + mixMonitorId);
        }
    };

    private NewParties parties(NewPartyRule rule) {
        return parties(rule, store);
    }

    /** As {@link #parties(NewPartyRule)}, reading and writing through {@code store}. */
    private NewParties parties(NewPartyRule rule, RecordingStore store) {
        RecordingFiles files = new RecordingFiles("/var/spool/asterisk/rg", dir, "wav");
        return new NewParties(store, parties, new TransferStop(store, filer, recorder, GatewayMetrics.NOOP), recorder, (channel, prompt, timeout) -> {
            asked.add("notice " + channel + " " + prompt);
            return heard;
        }, new FixedPromptLibrary(List.of(NOTICE)), files, filer, GatewayMetrics.NOOP, rule, Duration.ofSeconds(30), CLOCK);
    }

    private Recording recording(String id, Purpose purpose) throws Exception {
        Path file = Files.write(dir.resolve(id + ".wav"), new byte[1_000]);
        NoticeEvidence notice = new NoticeEvidence("notice-quality", "nl", 1, NOTICE.textSha256(), NOTICE.audioSha256(), T, T, true,
                NOTICE.durationSamples(), NOTICE.durationSamples());
        Recording r = Recording.active(id, new RecordedCall("1.1", "1.1", CALLER, "0612", "1001"), new Evidence("rule", notice, null),
                PurposeSet.of(purpose, LegalBasis.LEGITIMATE_INTEREST, Duration.ofDays(30)), file.toString(), T);
        store.insert(r);
        store.mixMonitorStarted(id, "mm-1");
        return r;
    }

    private static List<NewParties.Member> bridge(String... channels) {
        List<NewParties.Member> members = new ArrayList<>();
        for (String c : channels) {
            members.add(new NewParties.Member(c.equals(CALLER) ? "1.1" : "u-" + c, "1.1", c));
        }
        return members;
    }

    private List<String> roles(String recordingId) {
        return parties.of(recordingId).stream().map(p -> p.role().id() + " " + p.channel() + " " + p.notice()).toList();
    }

    @Test
    void theFirstBridgeListsTheCallerWithTheNoticeTheyHeardAndThePartyTheCallWasPutThroughTo() throws Exception {
        recording("r", Purpose.QUALITY);

        parties(NewPartyRule.STOP_RECORDING).bridged(AsteriskServers.ANY, bridge(AGENT, CALLER));

        assertEquals(List.of("caller " + CALLER + " notice-quality v1 nl", "answered " + AGENT + " "), roles("r"));
        assertEquals(List.of(), asked, "nothing stopped, nothing played");
    }

    @Test
    void theFirstBridgeReadsTheCallNarrowlyForEachMemberAndOnlyTheRecordedChannelsRecordingWhole() throws Exception {
        recording("r", Purpose.QUALITY);
        RecordingStore watched = mock(RecordingStore.class, delegatesTo(store));  // issue 13: full reads were ~6 % of the CPU

        parties(NewPartyRule.STOP_RECORDING, watched).bridged(AsteriskServers.ANY, bridge(AGENT, CALLER));

        assertEquals(List.of("caller " + CALLER + " notice-quality v1 nl", "answered " + AGENT + " "), roles("r"));
        verify(watched, never()).find(any());
        verify(watched, times(1)).byId("r");
    }

    @Test
    void theAgentToldByTheToneKeepsTheToneAsTheirNotice() throws Exception {
        recording("r", Purpose.QUALITY);
        parties.add(new RecordedParty("r", AGENT, RecordedParty.Role.ANSWERED, T, "confirmation-recording-started v1 nl", true));

        parties(NewPartyRule.STOP_RECORDING).bridged(AsteriskServers.ANY, bridge(AGENT, CALLER));

        assertEquals(List.of("answered " + AGENT + " confirmation-recording-started v1 nl", "caller " + CALLER + " notice-quality v1 nl"),
                roles("r"));
    }

    @Test
    void byDefaultATransferStopsTheRecordingByItsIdAndTheNewPartyIsNeverAdded() throws Exception {
        recording("r", Purpose.QUALITY);
        NewParties watch = parties(NewPartyRule.STOP_RECORDING);
        watch.bridged(AsteriskServers.ANY, bridge(AGENT, CALLER));

        watch.transferred(AsteriskServers.ANY, "1.1", "blind");
        watch.bridged(AsteriskServers.ANY, bridge(CALLER, THIRD));

        assertEquals(List.of("stop " + CALLER + " mm-1"), asked, "stopped once, by id; no notice, no new recording");
        assertEquals(TransferStop.TRANSFERRED, store.callFacts("r").orElseThrow().endReason());
        assertEquals(2, parties.of("r").size());
        assertEquals(1, store.find(RecordingQuery.byLinkedId("1.1")).size());
    }

    @Test
    void aPartyWhoJoinsWithoutATransferEventLikeAConferenceStopsTheRecordingToo() throws Exception {
        recording("r", Purpose.QUALITY);
        NewParties watch = parties(NewPartyRule.STOP_RECORDING);
        watch.bridged(AsteriskServers.ANY, bridge(AGENT, CALLER));

        watch.bridged(AsteriskServers.ANY, bridge(AGENT, CALLER, THIRD));

        assertEquals(List.of("stop " + CALLER + " mm-1"), asked);
        assertTrue(trail.forRecording("r").stream().anyMatch(e -> e.action() == AuditAction.RECORDING_STOPPED_FOR_TRANSFER
                && e.details().get("why").contains(THIRD)));
    }

    @Test
    void theSamePartiesBridgedAgainAreNoNewParty() throws Exception {
        recording("r", Purpose.QUALITY);
        NewParties watch = parties(NewPartyRule.STOP_RECORDING);
        watch.bridged(AsteriskServers.ANY, bridge(AGENT, CALLER));

        watch.bridged(AsteriskServers.ANY, bridge(CALLER, AGENT));

        assertEquals(List.of(), asked);
    }

    @Test
    void withTheNoticeRuleTheNewPartyHearsTheNoticeAndOnlyThenAContinuationRecords() throws Exception {
        recording("r", Purpose.QUALITY);
        NewParties watch = parties(NewPartyRule.NOTICE);
        watch.bridged(AsteriskServers.ANY, bridge(AGENT, CALLER));

        watch.transferred(AsteriskServers.ANY, "1.1", "blind");
        assertEquals(List.of("stop " + CALLER + " mm-1"), asked, "stopped at the transfer, before the new party is bridged");
        watch.bridged(AsteriskServers.ANY, bridge(THIRD, CALLER));

        assertEquals(List.of("stop " + CALLER + " mm-1", "notice " + CALLER + " " + NOTICE.playbackName(), "start " + CALLER), asked);
        Recording next = store.find(RecordingQuery.byLinkedId("1.1")).stream().filter(x -> !x.id().equals("r")).findFirst().orElseThrow();
        assertEquals(RecordingStatus.ACTIVE, next.status());
        assertEquals(Purpose.QUALITY, next.purpose());
        assertEquals("mm-2", store.callFacts(next.id()).orElseThrow().mixMonitorId());
        assertEquals(List.of("caller " + CALLER + " notice-quality v1 nl", "joined " + THIRD + " notice-quality v1 nl"), roles(next.id()));
        assertEquals("r", trail.forRecording(next.id()).getFirst().details().get("continues"));
    }

    @Test
    void inAConferenceTheNoticeHeardByConfBridgesAnnouncerChannelDoesNotMakeItAParty() throws Exception {
        recording("r", Purpose.QUALITY);
        NewParties watch = parties(NewPartyRule.NOTICE);
        watch.bridged(AsteriskServers.ANY, bridge(CALLER, AGENT));
        // the notice's peers as BRIDGEPEER names them in a ConfBridge room: the announcer channel is always there
        heard = new PartyNotice.Heard(true, List.of("CBAnn/rg-2802-00000000;2", CALLER, AGENT, THIRD), "played");

        watch.bridged(AsteriskServers.ANY, bridge(CALLER, AGENT, THIRD));

        Recording next = store.find(RecordingQuery.byLinkedId("1.1")).stream().filter(x -> !x.id().equals("r")).findFirst().orElseThrow();
        assertEquals(List.of("caller " + CALLER + " notice-quality v1 nl", "joined " + AGENT + " notice-quality v1 nl",
                "joined " + THIRD + " notice-quality v1 nl"), roles(next.id()));
        assertEquals(false, NewParties.person("CBRec/rg-2802-00000001"));
    }

    @Test
    void withTheNoticeRuleANoticeCutShortOrMissingTheNewPartyRecordsNothingMore() throws Exception {
        for (PartyNotice.Heard h : List.of(new PartyNotice.Heard(false, List.of(THIRD, CALLER), "playback FAILED"),
                new PartyNotice.Heard(true, List.of(CALLER), "played"))) {
            store.find(RecordingQuery.byLinkedId("1.1")).forEach(x -> filer.file(x));
            asked.clear();
            String id = "r" + h.playedToEnd();
            recording(id, Purpose.QUALITY);
            heard = h;
            NewParties watch = parties(NewPartyRule.NOTICE);
            watch.bridged(AsteriskServers.ANY, bridge(AGENT, CALLER));

            watch.transferred(AsteriskServers.ANY, "1.1", "attended");
            watch.bridged(AsteriskServers.ANY, bridge(CALLER, THIRD));

            assertEquals(List.of("stop " + CALLER + " mm-1", "notice " + CALLER + " " + NOTICE.playbackName()), asked, h.toString());
            assertTrue(store.find(RecordingQuery.byLinkedId("1.1")).stream().allMatch(x -> x.id().startsWith("r")), "no continuation");
        }
    }

    @Test
    void aDiagnosticRecordingStopsForANewPartyEvenWithTheNoticeRule() throws Exception {
        recording("d", Purpose.PROVIDER_DIAGNOSTICS);
        NewParties watch = parties(NewPartyRule.NOTICE);

        watch.transferred(AsteriskServers.ANY, "1.1", "blind");
        watch.bridged(AsteriskServers.ANY, bridge(CALLER, THIRD));

        assertEquals(List.of("stop " + CALLER + " mm-1"), asked, "stopped; the diagnostic notice was for the parties it was switched on for");
    }
}
