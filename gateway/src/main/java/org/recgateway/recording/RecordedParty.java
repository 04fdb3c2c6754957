package org.recgateway.recording;

import java.time.Instant;
import java.util.Objects;

/**
 * One party whose voice a recording holds, and the notice that party heard: the evidence row that answers
 * "who was recorded, and was each of them told?" (issue #11 item 3).
 *
 * @param recordingId the recording
 * @param channel     the party's Asterisk channel (e.g. {@code PJSIP/agent2-0000002a}), as Asterisk named it
 * @param role        how the party came into the recording
 * @param joined      when the gateway saw the party in the recording's bridge (for the caller: when MixMonitor started)
 * @param notice      what the party heard, e.g. {@code notice-quality-will v3 nl}; empty when the party heard none
 *                    from the gateway (the party the call was first put through to, when no agent tone is configured)
 * @param playedToEnd the notice played to the end with this party listening
 */
public record RecordedParty(String recordingId, String channel, Role role, Instant joined, String notice, boolean playedToEnd) {
    public RecordedParty {
        Objects.requireNonNull(recordingId, "recordingId");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(joined, "joined");
        Objects.requireNonNull(notice, "notice");
    }

    /**
     * The recorded channel of {@code r} as its caller party: joined when MixMonitor started, with the call's notice
     * ({@code <prompt> v<text version> <language>}; empty when none was played).
     */
    static RecordedParty callerOf(Recording r) {
        NoticeEvidence n = r.notice();
        return new RecordedParty(r.id(), r.channel(), Role.CALLER, r.started(),
                n == null ? "" : n.promptId() + " v" + n.textVersion() + " " + n.language(), n != null && n.playedToEnd());
    }

    /** How a party came into a recording. */
    public enum Role {
        /** The recorded channel: heard the call's notice before MixMonitor started. */
        CALLER("caller"),
        /** The party the call was first bridged to (an agent, a colleague): told by the agent tone when configured. */
        ANSWERED("answered"),
        /** A party who joined by a blind or attended transfer or a conference join. */
        JOINED("joined");

        private final String id;

        Role(String id) {
            this.id = id;
        }

        /** As stored and shown. */
        public String id() {
            return id;
        }

        /** The role with this id; throws for an unknown one (a row the gateway did not write). */
        public static Role fromId(String id) {
            for (Role r : values()) {
                if (r.id.equals(id)) {
                    return r;
                }
            }
            throw new IllegalArgumentException("unknown party role " + id);
        }
    }
}
