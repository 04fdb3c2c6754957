package org.recgateway.diagnostics;

import java.util.Objects;

/**
 * What ties a recording to its fault ticket: the ticket, the agent who switched it on (the agent's
 * agreement) and both legs that heard the diagnostic notice.
 */
public record DiagnosticRecording(String recordingId, String ticketId, String agent, String agentChannel,
                                  String callerChannel) {
    public DiagnosticRecording {
        Objects.requireNonNull(recordingId, "recordingId");
        Objects.requireNonNull(ticketId, "ticketId");
        agent = Objects.requireNonNullElse(agent, "");
        agentChannel = Objects.requireNonNullElse(agentChannel, "");
        callerChannel = Objects.requireNonNullElse(callerChannel, "");
    }
}
