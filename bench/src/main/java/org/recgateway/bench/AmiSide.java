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
 * protocol line, MD5 challenge and login, CoreSettings (version), Ping, CoreShowChannels (an empty
 * list: the gateway reconciles at login, before any load) and Logoff; any other action is answered
 * {@code Response: Error}. Calls then report their channel events through {@link #event}: Newchannel,
 * MixMonitorStart, BridgeEnter, MixMonitorStop and Hangup, with the fields Asterisk 22 sends that the
 * gateway reads. Only one AMI client (the gateway) at a time; a reconnect replaces the old one.
 */
final class AmiSide implements AutoCloseable {
    private final ServerSocket server;
    private final ReentrantLock writing = new ReentrantLock();
    private volatile OutputStream out;
    private volatile boolean loggedIn;
    private final Thread acceptor;

    private AmiSide(ServerSocket server) {
        this.server = server;
        this.acceptor = Thread.ofPlatform().name("bench-ami").daemon(true).start(this::serve);
    }

    /** Listens on 127.0.0.1 at a free port. */
    static AmiSide start() throws IOException {
        return new AmiSide(new ServerSocket(0, 5, InetAddress.getLoopbackAddress()));
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
            case "coreshowchannels" -> write(head + "EventList: start\r\nMessage: Channels will follow\r\n\r\n"
                    + "Event: CoreShowChannelsComplete\r\nActionID: " + id + "\r\nEventList: Complete\r\nListItems: 0\r\n\r\n");
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
        event("Newchannel", "Channel: " + channel + "\r\nChannelState: 4\r\nChannelStateDesc: Ring\r\nCallerIDNum: 0612345678\r\n"
                + "Context: recorded\r\nExten: 1001\r\nPriority: 1\r\nUniqueid: " + uniqueId + "\r\nLinkedid: " + uniqueId + "\r\n");
    }

    /** MixMonitor started on the channel (Asterisk names the MixMonitor id). */
    void mixMonitorStart(String channel, String uniqueId) {
        event("MixMonitorStart", "Channel: " + channel + "\r\nUniqueid: " + uniqueId + "\r\nLinkedid: " + uniqueId + "\r\n");
    }

    /** The channel entered a two-party bridge: the call reached a person. */
    void bridgeEnter(String channel, String uniqueId) {
        event("BridgeEnter", "BridgeUniqueid: b-" + uniqueId + "\r\nBridgeType: basic\r\nBridgeTechnology: simple_bridge\r\n"
                + "BridgeCreator: <unknown>\r\nBridgeName: <unknown>\r\nBridgeNumChannels: 2\r\nBridgeVideoSourceMode: none\r\n"
                + "Channel: " + channel + "\r\nUniqueid: " + uniqueId + "\r\nLinkedid: " + uniqueId + "\r\n");
    }

    /** The call ended: MixMonitor closes its file, then the channel hangs up. */
    void hangup(String channel, String uniqueId) {
        event("MixMonitorStop", "Channel: " + channel + "\r\nUniqueid: " + uniqueId + "\r\nLinkedid: " + uniqueId + "\r\n");
        event("Hangup", "Channel: " + channel + "\r\nChannelState: 6\r\nChannelStateDesc: Up\r\nUniqueid: " + uniqueId
                + "\r\nLinkedid: " + uniqueId + "\r\nCause: 16\r\nCause-txt: Normal Clearing\r\n");
    }

    private void event(String name, String fields) {
        try {
            write("Event: " + name + "\r\nPrivilege: call,all\r\n" + fields + "\r\n");
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
