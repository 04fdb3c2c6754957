package org.recgateway.recording;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one JSON-ready shape of a recording, shared by the HTTP API and the command line so both
 * print the same document: camelCase keys in a fixed order, every key always present (null when
 * unknown), instants as ISO-8601 strings and purpose, legal basis and status by their ids.
 */
public final class RecordingView {

    private RecordingView() {
    }

    /** An unmodifiable, insertion-ordered map of the recording's metadata and notice evidence. */
    public static Map<String, Object> of(Recording r) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", r.id());
        view.put("uniqueId", r.uniqueId());
        view.put("linkedId", r.linkedId());
        view.put("channel", r.channel());
        view.put("asteriskServer", r.call().server());
        view.put("callerNumber", r.callerNumber());
        view.put("calledNumber", r.calledNumber());
        view.put("purpose", r.purpose() == null ? null : r.purpose().id());
        view.put("legalBasis", r.legalBasis() == null ? null : r.legalBasis().id());
        view.put("legalBasisArticle", r.legalBasis() == null ? null : r.legalBasis().article());
        view.put("ruleName", r.ruleName());
        view.put("retention", r.retention().toString());
        view.put("retentionSeconds", r.retention().toSeconds());
        view.put("notice", r.notice() == null ? null : notice(r.notice()));
        view.put("started", text(r.started()));
        view.put("ended", text(r.ended()));
        view.put("durationMillis", r.durationMillis());
        view.put("retentionUntil", text(r.retentionUntil()));
        view.put("filePath", r.filePath());
        view.put("sizeBytes", r.sizeBytes());
        view.put("sha256", r.sha256());
        view.put("status", r.status().id());
        view.put("purposes", r.purposes().stream().map(RecordingView::purpose).toList());
        view.put("choices", r.choices() == null ? null : choices(r.choices()));
        view.put("deletion", r.deletion() == null ? null : deletion(r.deletion()));
        return Collections.unmodifiableMap(view);
    }

    /**
     * One recording's document with its evidence of who was recorded: {@link #of(Recording)} plus {@code parties}, a
     * list of {@code {channel, role, joined, notice, playedToEnd}} in the order the parties joined ({@code notice}
     * empty: the party heard nothing the gateway played).
     */
    public static Map<String, Object> of(Recording r, List<RecordedParty> parties) {
        Map<String, Object> view = new LinkedHashMap<>(of(r));
        view.put("parties", parties.stream().map(RecordingView::party).toList());
        return Collections.unmodifiableMap(view);
    }

    private static Map<String, Object> party(RecordedParty p) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("channel", p.channel());
        view.put("role", p.role().id());
        view.put("joined", text(p.joined()));
        view.put("notice", p.notice());
        view.put("playedToEnd", p.playedToEnd());
        return view;
    }

    private static Map<String, Object> purpose(RecordedPurpose p) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("purpose", p.purpose().id());
        view.put("legalBasis", p.basis().id());
        view.put("legalBasisArticle", p.basis().article());
        view.put("retention", p.retention().toString());
        view.put("retentionSeconds", p.retention().toSeconds());
        view.put("due", text(p.due()));
        view.put("inForce", p.live());
        view.put("endedAt", text(p.endedAt()));
        view.put("endReason", p.endReason());
        return view;
    }

    private static Map<String, Object> deletion(Deletion d) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("at", text(d.at()));
        view.put("reason", d.reason());
        view.put("by", d.by());
        view.put("done", d.done());
        return view;
    }

    private static Map<String, Object> choices(CallerChoices c) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("samplePercent", c.samplePercent());
        view.put("sampleDraw", c.sampleDraw());
        view.put("objectionOffered", c.objectionOffered());
        view.put("objectedAt", text(c.objectedAt()));
        view.put("consents", c.consents().stream().map(RecordingView::consent).toList());
        return view;
    }

    private static Map<String, Object> consent(ConsentEvidence e) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("purpose", e.purpose().id());
        view.put("questionPromptId", e.questionPromptId());
        view.put("language", e.language());
        view.put("textVersion", e.textVersion());
        view.put("audioSha256", e.audioSha256());
        view.put("playedFormat", e.playedFormat());
        view.put("playedSha256", e.playedSha256());
        view.put("asked", text(e.asked()));
        view.put("answered", text(e.answered()));
        view.put("keyPressed", e.keyPressed());
        view.put("given", e.given());
        return view;
    }

    private static Map<String, Object> notice(NoticeEvidence n) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("promptId", n.promptId());
        view.put("language", n.language());
        view.put("textVersion", n.textVersion());
        view.put("textSha256", n.textSha256());
        view.put("audioSha256", n.audioSha256());
        view.put("started", text(n.started()));
        view.put("ended", text(n.ended()));
        view.put("playedToEnd", n.playedToEnd());
        view.put("endPosition", n.endPosition());
        view.put("expectedSamples", n.expectedSamples());
        view.put("playedFormat", n.playedFormat());
        view.put("playedSha256", n.playedSha256());
        view.put("audioFiles", n.audioFiles());
        return Collections.unmodifiableMap(view);
    }

    private static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
