package org.recgateway.ami;

import java.util.List;

import org.asteriskjava.manager.event.AttendedTransferEvent;
import org.asteriskjava.manager.event.BlindTransferEvent;
import org.asteriskjava.manager.event.BridgeCreateEvent;
import org.asteriskjava.manager.event.BridgeDestroyEvent;
import org.asteriskjava.manager.event.BridgeEnterEvent;
import org.asteriskjava.manager.event.BridgeLeaveEvent;
import org.asteriskjava.manager.event.HangupEvent;
import org.asteriskjava.manager.event.ManagerEvent;
import org.asteriskjava.manager.event.MixMonitorStopEvent;
import org.asteriskjava.manager.event.UserEvent;

/**
 * The AMI events the gateway's AMI user needs: those the gateway acts on, and BridgeCreate, which asterisk-java's
 * reader needs for itself. The include-only {@code eventfilter} lines of
 * {@code deploy/asterisk/manager_recording_gateway.conf} let exactly these through (a unit test holds the two equal).
 * Without them Asterisk sends every call and reporting event of every channel (Newchannel, Newstate, DialBegin/End,
 * NewConnectedLine, HangupRequest, RTCPSent every 5 s per RTP stream, ...: 33 per recorded call on the test rig
 * against 8), each decoded by reflection on asterisk-java's single reader thread and then dropped by
 * {@link AmiWatcher}.
 *
 * <p>Not listed because no filter touches them (seen on the real rig, {@code AmiEventFilterIT}): replies to actions,
 * including the events that answer an event-generating action ({@code CoreShowChannel} /
 * {@code CoreShowChannelsComplete} of the reconciliation and the call locator), which Asterisk writes to the asking
 * session directly; {@code FullyBooted}, sent once to every session at login; and asterisk-java's own pseudo events
 * ({@code ConnectEvent}, {@code DisconnectEvent}, {@code ProtocolIdentifierReceivedEvent}), which it makes up from the
 * socket. Of Asterisk's events asterisk-java itself needs only BridgeCreate (see {@link By#ASTERISK_JAVA}); no
 * Shutdown: a shut-down Asterisk closes the socket, which is the DisconnectEvent. Sources: asterisk-java 3.42
 * {@code ManagerConnectionImpl.dispatchEvent} and {@code ManagerReaderImpl}; Asterisk 22's {@code manager.c}, where
 * filters apply only to queued events.
 */
final class AmiEvents {
    private AmiEvents() {
    }

    /**
     * One event the AMI user needs.
     *
     * @param name   the event's name as Asterisk sends it ({@code Event:} header), matched by {@code name(...)}
     * @param header the header a filter narrows the event by, or empty for every event of that name
     * @param value  the exact value of {@code header} the filter lets through, or empty
     * @param type   the asterisk-java class it is decoded as
     * @param by     who acts on it: {@link AmiWatcher}, or asterisk-java's reader on its own
     * @param why    what is done with it
     */
    record Needed(String name, String header, String value, Class<? extends ManagerEvent> type, By by, String why) {
    }

    /** Who acts on a needed event. */
    enum By {
        /** {@link AmiWatcher#onManagerEvent} handles it. */
        GATEWAY,
        /**
         * asterisk-java's reader, before any listener: its backwards-compatibility layer keeps a table of bridges from
         * BridgeCreate, and without it logs an ERROR ("Cant find bridge for id") for every BridgeEnter (seen on the real
         * rig; {@code ManagerReaderImpl} calls {@code BackwardsCompatibilityForManagerEvents}, which cannot be turned off).
         */
        ASTERISK_JAVA
    }

    /** Every event the AMI user needs, in the order of the deploy snippet's filter lines. */
    static final List<Needed> NEEDED = List.of(
            new Needed("Hangup", "", "", HangupEvent.class, By.GATEWAY,
                    "a channel ended: its active recording is filed (settle wait, hash, audit)"),
            new Needed("MixMonitorStop", "", "", MixMonitorStopEvent.class, By.GATEWAY,
                    "MixMonitor was stopped (StopMixMonitor: *9, transfers; Asterisk sends none at a hangup): the filer "
                            + "stops waiting for the file to settle"),
            new Needed("BridgeEnter", "", "", BridgeEnterEvent.class, By.GATEWAY,
                    "a call reached a person (two parties bridged, not a holding bridge), and who is in which bridge: "
                            + "new parties after transfers and conference joins"),
            new Needed("BridgeLeave", "", "", BridgeLeaveEvent.class, By.GATEWAY,
                    "a party left a bridge: the bridge members are kept current"),
            new Needed("BridgeDestroy", "", "", BridgeDestroyEvent.class, By.GATEWAY,
                    "a bridge is gone: its members are forgotten"),
            new Needed("BridgeCreate", "", "", BridgeCreateEvent.class, By.ASTERISK_JAVA,
                    "asterisk-java's reader keeps its bridge table from it (else an ERROR per BridgeEnter); one per bridge"),
            new Needed("BlindTransfer", "", "", BlindTransferEvent.class, By.GATEWAY,
                    "a recorded call was blind-transferred: the transfer rule (stop, notice the new party) applies"),
            new Needed("AttendedTransfer", "", "", AttendedTransferEvent.class, By.GATEWAY,
                    "a recorded call was attended-transferred: the transfer rule applies"),
            new Needed("UserEvent", "UserEvent", "RecordingGatewayNotice", RecordingGatewayNoticeEvent.class, By.GATEWAY,
                    "the both-parties notice context reports that its prompt ended (token, PLAYBACKSTATUS, peers)"));

    /**
     * The name a received event is counted under: Asterisk's event name for the events in {@link #NEEDED} (and
     * {@code UserEvent} for any user event), else asterisk-java's class name without {@code Event}, e.g.
     * {@code NewExten}, {@code RtcpSent}, or {@code Connect} for asterisk-java's own pseudo event. Few values: one per
     * asterisk-java event class, never a call's data.
     */
    static String nameOf(ManagerEvent event) {
        if (event instanceof UserEvent) {
            return "UserEvent";
        }
        for (Needed n : NEEDED) {
            if (n.type() == event.getClass()) {
                return n.name();
            }
        }
        String simple = event.getClass().getSimpleName();
        return simple.endsWith("Event") && simple.length() > "Event".length()
                ? simple.substring(0, simple.length() - "Event".length()) : simple;
    }
}
