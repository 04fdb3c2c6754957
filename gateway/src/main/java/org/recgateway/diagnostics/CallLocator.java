package org.recgateway.diagnostics;

import java.util.Optional;

/** Finds an agent's bridged call from outside it (for the HTTP switch); implemented over AMI. */
public interface CallLocator {

    /**
     * The bridged call of {@code agent}: an exact channel name ({@code PJSIP/agent-0000002a}) or a
     * device ({@code PJSIP/agent}, whose channels are named {@code PJSIP/agent-...}).
     */
    Optional<AgentCall> find(String agent) throws Exception;

    /**
     * An agent's channel in a bridge with the caller's channel.
     *
     * @param callerNumber the caller's number (the bridge peer's caller ID), so the caller can find the
     *                     recording by it; empty when Asterisk does not know it
     * @param agentNumber  the agent channel's own caller ID number
     */
    record AgentCall(String agentChannel, String agentUniqueId, String linkedId, String callerChannel, String language,
                     String callerNumber, String agentNumber) { }
}
