package org.recgateway.ami;

import java.util.ArrayList;
import java.util.List;

import org.asteriskjava.manager.ManagerConnection;
import org.asteriskjava.manager.ResponseEvents;
import org.asteriskjava.manager.action.CoreShowChannelsAction;
import org.asteriskjava.manager.event.CoreShowChannelEvent;
import org.asteriskjava.manager.event.ResponseEvent;

/** The live channels, as {@code CoreShowChannels} lists them (needs the AMI user's read=reporting). */
final class AmiChannels {
    private AmiChannels() {
    }

    static List<CoreShowChannelEvent> list(ManagerConnection connection) throws Exception {
        ResponseEvents events = connection.sendEventGeneratingAction(new CoreShowChannelsAction(), 10_000);
        List<CoreShowChannelEvent> channels = new ArrayList<>();
        for (ResponseEvent e : events.getEvents()) {
            if (e instanceof CoreShowChannelEvent c && c.getChannel() != null) {
                channels.add(c);
            }
        }
        return channels;
    }
}
