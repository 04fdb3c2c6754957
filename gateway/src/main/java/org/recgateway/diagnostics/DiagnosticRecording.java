package org.recgateway.diagnostics;

import java.util.List;
import java.util.Objects;

/**
 * What ties a recording to its fault ticket: the ticket, the agent who switched it on (the agent's
 * agreement) and the legs that heard the diagnostic notice before recording began.
 *
 * @param noticeHeardBy the channels Asterisk reported in the bridge while the notice played
 */
public record DiagnosticRecording(String recordingId, String ticketId, String agent, String agentChannel,
                                  String callerChannel, List<String> noticeHeardBy) {
    public DiagnosticRecording {
        noticeHeardBy = List.copyOf(noticeHeardBy);
        Objects.requireNonNull(recordingId, "recordingId");
        Objects.requireNonNull(ticketId, "ticketId");
        agent = Objects.requireNonNullElse(agent, "");
        agentChannel = Objects.requireNonNullElse(agentChannel, "");
        callerChannel = Objects.requireNonNullElse(callerChannel, "");
    }
}
