package org.recgateway.diagnostics;

import java.util.List;
import java.util.Objects;

/**
 * What ties a recording to its fault ticket: the ticket, the agent whose call it is, who switched it on
 * and how (the agent's agreement on record), and the legs that heard the diagnostic notice before
 * recording began.
 *
 * @param agent         the agent's device, e.g. {@code PJSIP/agent}
 * @param noticeHeardBy the channels Asterisk reported in the bridge while the notice played
 * @param switchedBy    the audit actor who switched it on ({@code agent:PJSIP/agent}, {@code token:admin}); empty before this was kept
 * @param how           {@link SwitchedBy.How#id()}; empty before this was kept
 */
public record DiagnosticRecording(String recordingId, String ticketId, String agent, String agentChannel,
                                  String callerChannel, List<String> noticeHeardBy, String switchedBy, String how) {
    public DiagnosticRecording {
        noticeHeardBy = List.copyOf(noticeHeardBy);
        Objects.requireNonNull(recordingId, "recordingId");
        Objects.requireNonNull(ticketId, "ticketId");
        agent = Objects.requireNonNullElse(agent, "");
        agentChannel = Objects.requireNonNullElse(agentChannel, "");
        callerChannel = Objects.requireNonNullElse(callerChannel, "");
        switchedBy = Objects.requireNonNullElse(switchedBy, "");
        how = Objects.requireNonNullElse(how, "");
    }

    /** A link whose switcher is not known (rows written before it was kept). */
    public DiagnosticRecording(String recordingId, String ticketId, String agent, String agentChannel,
                               String callerChannel, List<String> noticeHeardBy) {
        this(recordingId, ticketId, agent, agentChannel, callerChannel, noticeHeardBy, "", "");
    }
}
