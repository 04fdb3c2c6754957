package org.recgateway.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Asterisk's side of one FastAGI session, played over a real TCP socket: sends the {@code agi_*}
 * request header the way Asterisk 22's res_agi does, then answers each command with the reply the
 * test chooses, and keeps every command it received.
 */
public final class FakeAsterisk implements AutoCloseable {
    private final Socket socket;
    private final BufferedReader in;
    private final OutputStream out;
    private final List<String> commands = new ArrayList<>();
    /** The uniqueid of the channel this session plays, from the header sent ({@code agi_uniqueid}). */
    private String uniqueId = "1700000000.1";

    private FakeAsterisk(Socket socket) throws IOException {
        this.socket = socket;
        this.socket.setSoTimeout(10_000);
        this.in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
        this.out = socket.getOutputStream();
    }

    public static FakeAsterisk connect(int port) throws IOException {
        return new FakeAsterisk(new Socket("127.0.0.1", port));
    }

    /** The header Asterisk sends for {@code AGI(agi://127.0.0.1/<script>)} on a PJSIP call, with overrides. */
    public static Map<String, String> header(String script, Map<String, String> overrides) {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("agi_network", "yes");
        h.put("agi_network_script", script);
        h.put("agi_request", "agi://127.0.0.1/" + script);
        h.put("agi_channel", "PJSIP/sipp-00000001");
        h.put("agi_language", "nl");
        h.put("agi_type", "PJSIP");
        h.put("agi_uniqueid", "1700000000.1");
        h.put("agi_version", "22.10.1");
        h.put("agi_callerid", "0612345678");
        h.put("agi_calleridname", "Test Caller");
        h.put("agi_callingpres", "0");
        h.put("agi_callingani2", "0");
        h.put("agi_callington", "0");
        h.put("agi_callingtns", "0");
        h.put("agi_dnid", "1001");
        h.put("agi_rdnis", "unknown");
        h.put("agi_context", "recorded");
        h.put("agi_extension", "1001");
        h.put("agi_priority", "2");
        h.put("agi_enhanced", "0.0");
        h.put("agi_accountcode", "");
        h.put("agi_threadid", "140000000000000");
        h.putAll(overrides);
        return h;
    }

    public void sendHeader(Map<String, String> header) throws IOException {
        uniqueId = header.getOrDefault("agi_uniqueid", uniqueId);
        StringBuilder sb = new StringBuilder();
        header.forEach((k, v) -> sb.append(k).append(": ").append(v).append('\n'));
        sb.append('\n');
        sendRaw(sb.toString().getBytes(StandardCharsets.UTF_8));
    }

    public void sendRaw(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /** Answers commands with {@code replies} until the gateway closes the session; returns all commands. */
    public List<String> converse(Function<String, String> replies) throws IOException {
        String command;
        while ((command = in.readLine()) != null) {
            commands.add(command);
            String reply = replies.apply(command);
            sendRaw((reply + "\n").getBytes(StandardCharsets.UTF_8));
        }
        return List.copyOf(commands);
    }

    /** Reads the next command without answering it, or null when the gateway closed the session. */
    public String nextCommand() throws IOException {
        String command = in.readLine();
        if (command != null) {
            commands.add(command);
        }
        return command;
    }

    public void reply(String reply) throws IOException {
        sendRaw((reply + "\n").getBytes(StandardCharsets.UTF_8));
    }

    /**
     * True when the gateway closed the connection: end of stream, or a reset, within the socket's read
     * timeout. False when the timeout passes with the connection still open, or when the gateway
     * sends something instead of closing.
     */
    public boolean closedByGateway() {
        try {
            return in.read() < 0;
        } catch (java.net.SocketTimeoutException stillOpen) {
            return false;
        } catch (IOException reset) {
            return true;
        }
    }

    /** Sets how long {@link #closedByGateway()} and the readers wait for the gateway. */
    public FakeAsterisk timeout(java.time.Duration timeout) throws IOException {
        socket.setSoTimeout((int) timeout.toMillis());
        return this;
    }

    /**
     * Replies like Asterisk 22 to the commands the gateway sends on a call where all goes well. The
     * channel is the call's first (its linkedid is its own uniqueid, as the header sent says), so
     * {@code CHANNEL(linkedid)} answers with the header's {@code agi_uniqueid}.
     */
    public String asteriskReplies(String command, long noticeSamples) {
        if (command.startsWith("STREAM FILE")) {
            return "200 result=0 endpos=" + noticeSamples;
        }
        if (command.startsWith("GET VARIABLE \"CHANNEL(linkedid)\"") || command.startsWith("GET VARIABLE CHANNEL(linkedid)")) {
            return "200 result=1 (" + uniqueId + ")";
        }
        if (command.contains("CHANNEL(audionativeformat)") && command.startsWith("GET VARIABLE")) {
            return "200 result=1 (alaw)";
        }
        if (command.contains("RECORDING_MIXMONITOR_ID") && command.startsWith("GET VARIABLE")) {
            return "200 result=1 (0x7f0000001234)";
        }
        if (command.startsWith("GET VARIABLE")) {
            return "200 result=0";
        }
        return "200 result=0";
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
