package org.recgateway.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Asterisk's side of the gateway's AMI connection, as Asterisk 22 plays it to asterisk-java: the
 * protocol line, MD5 challenge and login, CoreSettings (version), Ping, CoreShowChannels (the channels
 * that reported Newchannel and have not hung up, as Asterisk lists its live channels: the gateway's
 * periodic reconciliation files only recordings whose channel is gone) and Logoff; any other action is
 * answered {@code Response: Error}. Calls then report their channel events through {@link #event}:
 * Newchannel, MixMonitorStart, BridgeCreate and BridgeEnter, then BridgeLeave, MixMonitorStop, Hangup and
 * BridgeDestroy, with the fields Asterisk 22 sends that the gateway reads. Only one AMI client (the gateway) at a time; a reconnect replaces the old one.
 * With a {@link Mix} other than {@link Mix#BENCH} (the default is {@link Mix#FILTERED}) it sends instead what a real
 * Asterisk 22 sends the gateway's AMI user for one recorded call put through to an agent, with or without the shipped
 * event filter (counted on the real rig by {@code AmiEventFilterIT}).
 */
final class AmiSide implements AutoCloseable {
    /** Which events a call reports. */
    enum Mix {
        /**
         * The benchmark's first mix (above), the default until session 7: Newchannel, MixMonitorStart, BridgeCreate/Enter/Leave,
         * MixMonitorStop, Hangup, BridgeDestroy. One BridgeEnter per call, so the gateway names no parties, and events a
         * filtered Asterisk does not send; kept to compare with earlier rows.
         */
        BENCH,
        /**
         * What the shipped filter lets through on a real Asterisk, 8 per call: BridgeCreate, BridgeEnter and BridgeLeave of
         * the caller and the agent, both Hangups, BridgeDestroy (no MixMonitorStop: Asterisk sends none at a hangup).
         * The agent's BridgeEnter makes a two-member bridge, so the gateway stores the call's parties (caller, answered),
         * as on a deployed Asterisk with deploy/'s manager snippet. The default.
         */
        FILTERED,
        /**
         * What the same user gets without the filter, 33 per call: the 8 above plus Newchannel and Newstate of both
         * channels, MixMonitorStart, NewCallerid, DialBegin, DialEnd, NewConnectedLine twice, RTCPSent four times,
         * HangupRequest, SoftHangupRequest and TestEvent nine times (Debian's Asterisk is built with the test framework).
         */
        UNFILTERED;

        /** The mix a run uses unless {@code --ami-events} names others: what a deployed, filtered Asterisk sends. */
        static final Mix DEFAULT = FILTERED;

        static Mix of(String name) {
            return valueOf(name.trim().toUpperCase(java.util.Locale.ROOT));
        }
    }

    private final Mix mix;
    private final ServerSocket server;
    private final ReentrantLock writing = new ReentrantLock();
    private volatile OutputStream out;
    private volatile boolean loggedIn;
    private final Thread acceptor;
    /** Live channels: uniqueid to channel name, from Newchannel to Hangup. */
    private final Map<String, String> live = new java.util.concurrent.ConcurrentHashMap<>();

    private AmiSide(ServerSocket server, Mix mix) {
        this.server = server;
        this.mix = mix;
        this.acceptor = Thread.ofPlatform().name("bench-ami").daemon(true).start(this::serve);
    }

    /** Listens on 127.0.0.1 at a free port; calls report the events of {@link Mix#DEFAULT}. */
    static AmiSide start() throws IOException {
        return start(Mix.DEFAULT);
    }

    /** Listens on 127.0.0.1 at a free port; calls report the events of {@code mix}. */
    static AmiSide start(Mix mix) throws IOException {
        return new AmiSide(new ServerSocket(0, 5, InetAddress.getLoopbackAddress()), mix);
    }

    int port() {
        return server.getLocalPort();
    }

    /** True once the gateway has logged in. */
    boolean loggedIn() {
        return loggedIn;
    }

    private void serve() {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                s.setTcpNoDelay(true);
                Thread.ofPlatform().name("bench-ami-client").daemon(true).start(() -> converse(s));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void converse(Socket socket) {
        try (socket) {
            OutputStream o = socket.getOutputStream();
            out = o;
            write("Asterisk Call Manager/11.0.0\r\n");
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            Map<String, String> action = new LinkedHashMap<>();
            for (String line; (line = in.readLine()) != null; ) {
                if (!line.isEmpty()) {
                    int colon = line.indexOf(':');
                    if (colon > 0) {
                        action.put(line.substring(0, colon).trim().toLowerCase(java.util.Locale.ROOT), line.substring(colon + 1).trim());
                    }
                    continue;
                }
                if (!action.isEmpty()) {
                    answer(action);
                    action.clear();
                }
            }
        } catch (IOException e) {
            // the gateway went away; it reconnects if it still runs
        } finally {
            loggedIn = false;
        }
    }

    private void answer(Map<String, String> action) throws IOException {
        String id = action.getOrDefault("actionid", "");
        String name = action.getOrDefault("action", "").toLowerCase(java.util.Locale.ROOT);
        String head = "Response: Success\r\nActionID: " + id + "\r\n";
        switch (name) {
            case "challenge" -> write(head + "Challenge: 123456789\r\n\r\n");
            case "login" -> {
                write(head + "Message: Authentication accepted\r\n\r\n");
                loggedIn = true;
            }
            case "coresettings" -> write(head + "AMIversion: 11.0.0\r\nAsteriskVersion: 22.10.1\r\nSystemName: \r\n"
                    + "CoreMaxCalls: 0\r\nCoreMaxLoadAvg: 0.000000\r\nCoreRunUser: asterisk\r\nCoreRunGroup: asterisk\r\n"
                    + "CoreMaxFilehandles: 0\r\nCoreRealTimeEnabled: No\r\nCoreCDRenabled: No\r\nCoreHTTPenabled: No\r\n\r\n");
            case "ping" -> write(head + "Ping: Pong\r\nTimestamp: " + System.currentTimeMillis() / 1000 + ".000000\r\n\r\n");
            case "coreshowchannels" -> {
                StringBuilder list = new StringBuilder(head + "EventList: start\r\nMessage: Channels will follow\r\n\r\n");
                int items = 0;
                for (Map.Entry<String, String> c : Map.copyOf(live).entrySet()) {
                    list.append("Event: CoreShowChannel\r\nActionID: ").append(id).append("\r\nChannel: ").append(c.getValue())
                            .append("\r\nUniqueid: ").append(c.getKey()).append("\r\nLinkedid: ").append(c.getKey())
                            .append("\r\nChannelState: 6\r\nChannelStateDesc: Up\r\nContext: recorded\r\nExtension: 1001\r\n"
                                    + "Priority: 2\r\nApplication: AGI\r\nApplicationData: agi://127.0.0.1/record\r\n\r\n");
                    items++;
                }
                write(list.append("Event: CoreShowChannelsComplete\r\nActionID: ").append(id)
                        .append("\r\nEventList: Complete\r\nListItems: ").append(items).append("\r\n\r\n").toString());
            }
            case "logoff" -> write("Response: Goodbye\r\nActionID: " + id + "\r\nMessage: Thanks for all the fish.\r\n\r\n");
            default -> write("Response: Error\r\nActionID: " + id + "\r\nMessage: not simulated by the benchmark\r\n\r\n");
        }
    }

    private void write(String block) throws IOException {
        OutputStream o = out;
        if (o == null) {
            return;
        }
        writing.lock();
        try {
            o.write(block.getBytes(StandardCharsets.UTF_8));
            o.flush();
        } finally {
            writing.unlock();
        }
    }

    /** The channel of call {@code n} came up. */
    void newChannel(String channel, String uniqueId) {
        live.put(uniqueId, channel);
        if (mix != Mix.BENCH) {
            if (mix == Mix.UNFILTERED) {
                RealEvents.callerUp(this::event, channel, uniqueId);
            }
            return;
        }
        event("Newchannel", "Channel: " + channel + "\r\nChannelState: 4\r\nChannelStateDesc: Ring\r\nCallerIDNum: 0612345678\r\n"
                + "Context: recorded\r\nExten: 1001\r\nPriority: 1\r\nUniqueid: " + uniqueId + "\r\nLinkedid: " + uniqueId + "\r\n");
    }

    /** MixMonitor started on the channel (Asterisk names the MixMonitor id). */
    void mixMonitorStart(String channel, String uniqueId) {
        if (mix != Mix.BENCH) {
            if (mix == Mix.UNFILTERED) {
                event("MixMonitorStart", RealEvents.snapshot(channel, uniqueId, uniqueId, "Up", 6, "recorded", "1001", 4));
            }
            return;
        }
        event("MixMonitorStart", "Channel: " + channel + "\r\nUniqueid: " + uniqueId + "\r\nLinkedid: " + uniqueId + "\r\n");
    }

    /** The channel entered a two-party bridge (created for it, as Asterisk does first): the call reached a person. */
    void bridgeEnter(String channel, String uniqueId) {
        if (mix != Mix.BENCH) {
            RealEvents.bridged(this::event, mix == Mix.UNFILTERED, channel, uniqueId);
            return;
        }
        event("BridgeCreate", "BridgeUniqueid: b-" + uniqueId + "\r\nBridgeType: basic\r\nBridgeTechnology: simple_bridge\r\n"
                + "BridgeCreator: <unknown>\r\nBridgeName: <unknown>\r\nBridgeNumChannels: 0\r\nBridgeVideoSourceMode: none\r\n");
        event("BridgeEnter", "BridgeUniqueid: b-" + uniqueId + "\r\nBridgeType: basic\r\nBridgeTechnology: simple_bridge\r\n"
                + "BridgeCreator: <unknown>\r\nBridgeName: <unknown>\r\nBridgeNumChannels: 2\r\nBridgeVideoSourceMode: none\r\n"
                + "Channel: " + channel + "\r\nUniqueid: " + uniqueId + "\r\nLinkedid: " + uniqueId + "\r\n");
    }

    /** The call ended: the channel leaves its bridge, MixMonitor closes its file, the channel hangs up, the bridge goes. */
    void hangup(String channel, String uniqueId) {
        if (mix != Mix.BENCH) {
            RealEvents.hungUp(this::event, mix == Mix.UNFILTERED, channel, uniqueId);
            live.remove(uniqueId);
            return;
        }
        event("BridgeLeave", "BridgeUniqueid: b-" + uniqueId + "\r\nBridgeType: basic\r\nBridgeTechnology: simple_bridge\r\n"
                + "BridgeCreator: <unknown>\r\nBridgeName: <unknown>\r\nBridgeNumChannels: 1\r\nBridgeVideoSourceMode: none\r\n"
                + "Channel: " + channel + "\r\nUniqueid: " + uniqueId + "\r\nLinkedid: " + uniqueId + "\r\n");
        event("MixMonitorStop", "Channel: " + channel + "\r\nUniqueid: " + uniqueId + "\r\nLinkedid: " + uniqueId + "\r\n");
        event("Hangup", "Channel: " + channel + "\r\nChannelState: 6\r\nChannelStateDesc: Up\r\nUniqueid: " + uniqueId
                + "\r\nLinkedid: " + uniqueId + "\r\nCause: 16\r\nCause-txt: Normal Clearing\r\n");
        live.remove(uniqueId);
        event("BridgeDestroy", "BridgeUniqueid: b-" + uniqueId + "\r\nBridgeType: basic\r\nBridgeTechnology: simple_bridge\r\n"
                + "BridgeCreator: <unknown>\r\nBridgeName: <unknown>\r\nBridgeNumChannels: 0\r\nBridgeVideoSourceMode: none\r\n");
    }

    private void event(String name, String fields) {
        event(name, "call,all", fields);
    }

    private void event(String name, String privilege, String fields) {
        try {
            write("Event: " + name + "\r\nPrivilege: " + privilege + "\r\n" + fields + "\r\n");
        } catch (IOException e) {
            // the gateway is gone: the filing check reports what was not filed
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        acceptor.interrupt();
    }
}
