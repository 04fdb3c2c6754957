package org.recgateway.ami;

import java.util.List;
import java.util.Optional;

import org.asteriskjava.manager.ManagerConnection;
import org.asteriskjava.manager.event.CoreShowChannelEvent;
import org.recgateway.diagnostics.AgentDevices;
import org.recgateway.diagnostics.CallLocator;

/** Lists the live channels ({@code CoreShowChannels}) and finds the agent's channel and its bridge peer. */
final class AmiCallLocator implements CallLocator {
    private final ManagerConnection connection;

    AmiCallLocator(ManagerConnection connection) {
        this.connection = connection;
    }

    @Override
    public Optional<AgentCall> find(String agent) throws Exception {
        List<CoreShowChannelEvent> channels = AmiChannels.list(connection);
        for (CoreShowChannelEvent c : channels) {
            boolean mine = c.getChannel().equals(agent) || AgentDevices.deviceOf(c.getChannel()).equals(agent);
            String bridge = c.getBridgeid();
            if (!mine || bridge == null || bridge.isEmpty()) {
                continue;
            }
            Optional<CoreShowChannelEvent> peer = channels.stream()
                    .filter(o -> bridge.equals(o.getBridgeid()) && !o.getChannel().equals(c.getChannel())).findFirst();
            return Optional.of(new AgentCall(c.getChannel(), c.getUniqueid(), c.getLinkedid(),
                    peer.map(CoreShowChannelEvent::getChannel).orElse(null), c.getLanguage(),
                    peer.map(CoreShowChannelEvent::getCallerIdNum).orElse(""), c.getCallerIdNum()));
        }
        return Optional.empty();
    }
}
