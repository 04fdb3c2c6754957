package org.recgateway.recording;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.recgateway.audit.Actors;
import org.recgateway.prompts.NoticePrompt;
import org.recgateway.prompts.PromptLibrary;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The second half of {@link NewParties}' notice rule ({@link org.recgateway.policy.NewPartyRule#NOTICE}): a recording
 * was stopped for a party who joined its call; this plays the call's notice into the bridge, and only when it played to
 * the end with the new party there starts a continuation recording (same call, purposes and retention; a new file)
 * whose parties are the caller and the new party with the notice each heard. NewParties decides who is new and stops;
 * this class tells and records on.
 */
final class NewPartyNotice {
    private static final Logger LOG = LoggerFactory.getLogger(NewPartyNotice.class);

    private final RecordingStore store;
    private final RecordedParties parties;
    private final Recorder recorder;
    private final PartyNotice notice;
    private final PromptLibrary prompts;
    private final RecordingFiles files;
    private final RecordingStart start;
    private final Duration noticeTimeout;
    private final Clock clock;

    NewPartyNotice(RecordingStore store, RecordedParties parties, Recorder recorder, PartyNotice notice, PromptLibrary prompts,
                   RecordingFiles files, RecordingStart start, Duration noticeTimeout, Clock clock) {
        this.store = store;
        this.parties = parties;
        this.recorder = recorder;
        this.notice = notice;
        this.prompts = prompts;
        this.files = files;
        this.start = start;
        this.noticeTimeout = noticeTimeout;
        this.clock = clock;
    }

    /** Plays the call's notice into the bridge; when the new party heard it to the end, records on in a continuation. */
    void tell(Recording previous, List<NewParties.Member> others) {
        Optional<NoticePrompt> prompt = previous.notice() == null ? Optional.empty()
                : prompts.find(previous.notice().promptId(), previous.notice().language());
        if (prompt.isEmpty()) {
            LOG.warn("recording {}: the call's notice is not in the prompt library; the new party is not told, nothing more"
                    + " is recorded", previous.id());
            return;
        }
        NoticePrompt p = prompt.get();
        String text = p.id() + " v" + p.version() + " " + p.language();
        Instant started = clock.instant();
        PartyNotice.Heard heard = notice.play(previous.channel(), p.playbackName(), noticeTimeout);
        Instant ended = clock.instant();
        // A Local channel only connects to the party behind it, who swaps in for it (Local optimization): the party
        // that must have heard is whoever shared the bridge with the prompt.
        List<String> missed = others.stream().map(NewParties.Member::channel)
                .filter(c -> !heard.heardBy().contains(c) && !c.startsWith("Local/")).toList();
        List<String> told = heard.heardBy().stream().filter(c -> !c.equals(previous.channel())).filter(NewParties::person).toList();
        if (!heard.playedToEnd() || !missed.isEmpty() || told.isEmpty()) {
            LOG.info("recording {} stays stopped: {}", previous.id(), !heard.playedToEnd()
                    ? "the notice to the new party did not play to the end (" + heard.detail() + ")"
                    : "the notice played without " + String.join(" ", missed) + " in the bridge");
            return;
        }
        continueRecording(previous, told, text, started, ended, p);
    }

    private void continueRecording(Recording previous, List<String> told, String text, Instant noticeStarted, Instant noticeEnded,
                                   NoticePrompt p) {
        String id = RecordingFiles.newId();
        Instant now = clock.instant();
        List<RecordedPurpose> purposes = previous.purposes().stream().filter(RecordedPurpose::live)
                .map(x -> new RecordedPurpose(x.purpose(), x.basis(), x.retention())).toList();
        Recording next = Recording.active(id, previous.call(), new Evidence(previous.ruleName(), previous.notice(), null),
                PurposeSet.of(purposes), files.localPath(id, now).toString(), now);
        try {
            if (start.fileActiveThenStart(next, file -> Optional.of(recorder.on(previous.call().server()).start(previous.channel(), file))).isEmpty()) {
                return;
            }
        } catch (Exception e) {
            LOG.warn("recording {} could not continue on {} after the new party was told: {}", previous.id(), previous.channel(),
                    e.toString());
            return;
        }
        store.bridged(id, now);
        parties.add(RecordedParty.callerOf(next));
        for (String c : told) {
            parties.add(new RecordedParty(id, c, RecordedParty.Role.JOINED, noticeStarted, text, true));
        }
        Map<String, String> details = new LinkedHashMap<>();
        details.put("continues", previous.id());
        details.put("rule", previous.ruleName());
        details.put("purposes", String.join(",", purposes.stream().map(x -> x.purpose().id()).toList()));
        details.put("notice", previous.notice().promptId() + " v" + previous.notice().textVersion());
        details.put("newPartyNotice", text);
        details.put("newPartyNoticeSha256", p.audioSha256());
        details.put("newPartyHeardBy", String.join(" ", told));
        details.put("noticeStarted", noticeStarted.toString());
        details.put("noticeEnded", noticeEnded.toString());
        start.audited(next, "started", Actors.GATEWAY, details);
        LOG.info("recording {} continues call {} after {} heard the notice", id, previous.linkedId(), told);
    }
}
