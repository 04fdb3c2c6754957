package org.recgateway.diagnostics;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.recgateway.recording.PerServer;

/** Finds an agent's bridged call from outside it (for the HTTP switch); implemented over AMI. */
public interface CallLocator {

    /**
     * The bridged call of {@code agent}: an exact channel name ({@code PJSIP/agent-0000002a}) or a
     * device ({@code PJSIP/agent}, whose channels are named {@code PJSIP/agent-...}).
     *
     * @throws Exception when Asterisk cannot be asked, or (several servers) the agent is in a call on more than one
     */
    Optional<AgentCall> find(String agent) throws Exception;

    /**
     * An agent's channel in a bridge with the caller's channel.
     *
     * @param callerNumber the caller's number (the bridge peer's caller ID), so the caller can find the
     *                     recording by it; empty when Asterisk does not know it
     * @param agentNumber  the agent channel's own caller ID number
     * @param server       the Asterisk server the call is on ({@code ami.servers[].name}); null: the gateway's only one
     */
    record AgentCall(String agentChannel, String agentUniqueId, String linkedId, String callerChannel, String language,
                     String callerNumber, String agentNumber, String server) {
        /** A call on the gateway's only Asterisk server. */
        public AgentCall(String agentChannel, String agentUniqueId, String linkedId, String callerChannel, String language,
                         String callerNumber, String agentNumber) {
            this(agentChannel, agentUniqueId, linkedId, callerChannel, language, callerNumber, agentNumber, null);
        }

        /** The same call, on the server {@code name}. */
        public AgentCall on(String name) {
            return new AgentCall(agentChannel, agentUniqueId, linkedId, callerChannel, language, callerNumber, agentNumber, name);
        }
    }

    /**
     * Searches every Asterisk server (issue #17 item 3); the call found names its server. An agent in a bridged call on
     * two servers at once is refused (which call the agent means cannot be told). A server that cannot be asked (its
     * AMI is down) does not stop the search of the others: a call found elsewhere is returned, and only when none is
     * found does the failure say which servers could not be asked.
     */
    static CallLocator perServer(PerServer<CallLocator> servers) {
        if (!servers.several()) {
            return servers.ofRecording(null).orElseThrow();
        }
        return agent -> {
            List<AgentCall> found = new ArrayList<>();
            List<String> unanswered = new ArrayList<>();
            for (Map.Entry<String, CallLocator> server : servers.all().entrySet()) {
                try {
                    server.getValue().find(agent).ifPresent(call -> found.add(call.on(server.getKey())));
                } catch (Exception e) {
                    unanswered.add("Asterisk server " + server.getKey() + ": " + e.getMessage());
                }
            }
            if (found.size() > 1) {
                throw new IllegalStateException(agent + " is in a bridged call on more than one Asterisk server ("
                        + String.join(", ", found.stream().map(c -> c.server() + " " + c.agentChannel()).toList())
                        + "); name the channel instead of the device, or switch from the phone with the feature code");
            }
            if (found.isEmpty() && !unanswered.isEmpty()) {
                throw new IllegalStateException("no bridged call of " + agent + " found on the servers that answered, and "
                        + String.join("; ", unanswered) + " (is its AMI logged in?)");
            }
            return found.stream().findFirst();
        };
    }
}
