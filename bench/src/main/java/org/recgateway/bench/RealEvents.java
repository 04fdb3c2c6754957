package org.recgateway.bench;

/**
 * The AMI events a real Asterisk 22 sends the gateway's AMI user ({@code read = call,system,reporting,user}) for one
 * recorded call put through to an agent, as {@code AmiEventFilterIT} counted them on the real rig: with the shipped
 * event filter 8 (BridgeCreate, BridgeEnter x2, BridgeLeave x2, Hangup x2, BridgeDestroy), without it 33. The fields
 * are those of Asterisk 22's channel and bridge snapshots (RTCPSent with To, From and MES as Asterisk 22.10 writes it,
 * captured by that IT into {@code target/e2e/ami-event-filter/unfiltered-call-events.txt}); the agent's channel is {@code PJSIP/agent-<n>} with the
 * caller's linkedid, as Dial makes it.
 */
final class RealEvents {
    private RealEvents() {
    }

    /** Where an event goes: its name, its Privilege header, and its other header lines (each ending in CRLF). */
    interface Sink {
        void event(String name, String privilege, String fields);
    }

    private static final String CALL = "call,all";
    private static final String REPORTING = "reporting,all";

    /** The caller's channel came up and was answered (unfiltered only): Newchannel, Newstate. */
    static void callerUp(Sink sink, String channel, String uniqueId) {
        sink.event("Newchannel", CALL, snapshot(channel, uniqueId, uniqueId, "Ring", 4, "recorded", "1001", 1));
        sink.event("Newstate", CALL, snapshot(channel, uniqueId, uniqueId, "Up", 6, "recorded", "1001", 1));
    }

    /**
     * The agent was dialled, answered, and both entered the call's bridge; then the talk time's RTCP reports and the
     * test framework's events (unfiltered only).
     */
    static void bridged(Sink sink, boolean unfiltered, String channel, String uniqueId) {
        String agent = agentChannel(uniqueId);
        String agentId = agentUniqueId(uniqueId);
        if (unfiltered) {
            sink.event("Newchannel", CALL, snapshot(agent, agentId, uniqueId, "Down", 0, "from-internal", "s", 1));
            sink.event("NewCallerid", CALL, snapshot(agent, agentId, uniqueId, "Down", 0, "from-internal", "s", 1)
                    + "CID-CallingPres: 0 (Presentation Allowed, Not Screened)\r\n");
            sink.event("DialBegin", CALL, snapshot(channel, uniqueId, uniqueId, "Up", 6, "recorded", "1001", 6)
                    + dest(agent, agentId, uniqueId, "Down", 0) + "DialString: agent\r\n");
            testEvent(sink, channel, "DIAL_BEGIN");
            sink.event("Newstate", CALL, snapshot(agent, agentId, uniqueId, "Up", 6, "from-internal", "s", 1));
            sink.event("DialEnd", CALL, snapshot(channel, uniqueId, uniqueId, "Up", 6, "recorded", "1001", 6)
                    + dest(agent, agentId, uniqueId, "Up", 6) + "DialStatus: ANSWER\r\n");
            sink.event("NewConnectedLine", CALL, snapshot(channel, uniqueId, uniqueId, "Up", 6, "recorded", "1001", 6));
            sink.event("NewConnectedLine", CALL, snapshot(agent, agentId, uniqueId, "Up", 6, "from-internal", "s", 1));
            testEvent(sink, channel, "BRIDGE_ENTER");
            testEvent(sink, agent, "BRIDGE_ENTER");
        }
        sink.event("BridgeCreate", CALL, bridge(uniqueId, 0));
        sink.event("BridgeEnter", CALL, bridge(uniqueId, 1) + snapshot(channel, uniqueId, uniqueId, "Up", 6, "recorded", "1001", 6));
        sink.event("BridgeEnter", CALL, bridge(uniqueId, 2) + snapshot(agent, agentId, uniqueId, "Up", 6, "from-internal", "s", 1));
        if (unfiltered) {
            for (int i = 0; i < 2; i++) {
                sink.event("RTCPSent", REPORTING, snapshot(channel, uniqueId, uniqueId, "Up", 6, "recorded", "1001", 6) + rtcp(i));
                sink.event("RTCPSent", REPORTING, snapshot(agent, agentId, uniqueId, "Up", 6, "from-internal", "s", 1) + rtcp(i));
            }
            testEvent(sink, channel, "RTP_STATS");
        }
    }

    /** The caller hung up: the agent's leg is hung up by the bridge, both leave it, both hang up, the bridge goes. */
    static void hungUp(Sink sink, boolean unfiltered, String channel, String uniqueId) {
        String agent = agentChannel(uniqueId);
        String agentId = agentUniqueId(uniqueId);
        if (unfiltered) {
            sink.event("HangupRequest", CALL, snapshot(channel, uniqueId, uniqueId, "Up", 6, "recorded", "1001", 6) + "Cause: 16\r\n");
            testEvent(sink, channel, "BRIDGE_LEAVE");
        }
        sink.event("BridgeLeave", CALL, bridge(uniqueId, 1) + snapshot(channel, uniqueId, uniqueId, "Up", 6, "recorded", "1001", 6));
        if (unfiltered) {
            sink.event("SoftHangupRequest", CALL, snapshot(agent, agentId, uniqueId, "Up", 6, "from-internal", "s", 1) + "Cause: 16\r\n");
            testEvent(sink, agent, "BRIDGE_LEAVE");
        }
        sink.event("BridgeLeave", CALL, bridge(uniqueId, 0) + snapshot(agent, agentId, uniqueId, "Up", 6, "from-internal", "s", 1));
        sink.event("BridgeDestroy", CALL, bridge(uniqueId, 0));
        sink.event("Hangup", CALL, snapshot(agent, agentId, uniqueId, "Up", 6, "from-internal", "s", 1)
                + "Cause: 16\r\nCause-txt: Normal Clearing\r\n");
        if (unfiltered) {
            testEvent(sink, agent, "HANGUP");
            testEvent(sink, channel, "MIXMONITOR_END");
        }
        sink.event("Hangup", CALL, snapshot(channel, uniqueId, uniqueId, "Up", 6, "recorded", "1001", 6)
                + "Cause: 16\r\nCause-txt: Normal Clearing\r\n");
        if (unfiltered) {
            testEvent(sink, channel, "HANGUP");
        }
    }

    /** Asterisk 22's channel snapshot headers. */
    static String snapshot(String channel, String uniqueId, String linkedId, String stateDesc, int state, String context,
                           String exten, int priority) {
        return "Channel: " + channel + "\r\nChannelState: " + state + "\r\nChannelStateDesc: " + stateDesc
                + "\r\nCallerIDNum: 0612345678\r\nCallerIDName: <unknown>\r\nConnectedLineNum: <unknown>\r\n"
                + "ConnectedLineName: <unknown>\r\nLanguage: nl\r\nAccountCode: \r\nContext: " + context + "\r\nExten: " + exten
                + "\r\nPriority: " + priority + "\r\nUniqueid: " + uniqueId + "\r\nLinkedid: " + linkedId + "\r\n";
    }

    private static String dest(String channel, String uniqueId, String linkedId, String stateDesc, int state) {
        return "DestChannel: " + channel + "\r\nDestChannelState: " + state + "\r\nDestChannelStateDesc: " + stateDesc
                + "\r\nDestCallerIDNum: agent\r\nDestCallerIDName: <unknown>\r\nDestConnectedLineNum: 0612345678\r\n"
                + "DestConnectedLineName: <unknown>\r\nDestLanguage: nl\r\nDestAccountCode: \r\nDestContext: from-internal\r\n"
                + "DestExten: s\r\nDestPriority: 1\r\nDestUniqueid: " + uniqueId + "\r\nDestLinkedid: " + linkedId + "\r\n";
    }

    private static String bridge(String uniqueId, int channels) {
        return "BridgeUniqueid: b-" + uniqueId + "\r\nBridgeType: basic\r\nBridgeTechnology: simple_bridge\r\n"
                + "BridgeCreator: <unknown>\r\nBridgeName: <unknown>\r\nBridgeNumChannels: " + channels
                + "\r\nBridgeVideoSourceMode: none\r\n";
    }

    private static String rtcp(int n) {
        return "To: 127.0.0.1:22551\r\nFrom: 127.0.0.1:24193\r\nMES: 88.1\r\nSSRC: 0x2f1c43a" + n
                + "\r\nPT: 200(SR)\r\nReportCount: 1\r\nSentNTP: 1764553200." + n
                + "\r\nSentRTP: " + 40_000 * (n + 1) + "\r\nSentPackets: " + 250 * (n + 1) + "\r\nSentOctets: " + 40_000 * (n + 1)
                + "\r\nReport0SourceSSRC: 0x5e1a9b2c\r\nReport0FractionLost: 0\r\nReport0CumulativeLost: 0\r\n"
                + "Report0HighestSequence: " + 250 * (n + 1) + "\r\nReport0SequenceNumberCycles: 0\r\nReport0IAJitter: 0\r\n"
                + "Report0LSR: 0\r\nReport0DLSR: 0.0000\r\n";
    }

    private static void testEvent(Sink sink, String channel, String state) {
        sink.event("TestEvent", REPORTING, "Type: StateChange\r\nState: " + state + "\r\nAppFile: main/bridge.c\r\n"
                + "AppFunction: bridge_channel_internal_join\r\nAppLine: 2900\r\nChannel: " + channel + "\r\n");
    }

    /**
     * A uniqueid as Asterisk makes them ({@code <epoch>.<n>}, each part an int): asterisk-java's reader sorts a bridge's
     * channels by the parts as Integers and its reader thread dies on one that is not (seen in the bench).
     */
    private static String agentUniqueId(String uniqueId) {
        return "1764553200." + (uniqueId.hashCode() & 0x3fffffff);
    }

    private static String agentChannel(String uniqueId) {
        return "PJSIP/agent-" + String.format("%08x", uniqueId.hashCode());
    }
}
