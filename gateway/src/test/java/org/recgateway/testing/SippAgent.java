package org.recgateway.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The agent's phone: a SIPp UAS on {@link AsteriskRig#AGENT_PORT} that answers the call Asterisk
 * dials, plays speech, presses feature codes at given moments (SIP INFO application/dtmf-relay, one
 * request per digit, since only the first RFC 2833 pcap digit of a call registers), and waits for
 * Asterisk's BYE.
 */
public final class SippAgent {
    private final Process process;
    private final Path log;

    private SippAgent(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /** A feature code pressed {@code atMillis} after the agent answered. */
    public record Press(long atMillis, String digits) { }

    public static SippAgent start(String name, List<Press> presses, Path logDir) throws IOException {
        return start(name, AsteriskRig.AGENT_PORT, AsteriskRig.AGENT_MEDIA_PORT, presses, logDir);
    }

    /** An agent phone on its own SIP and media ports (e.g. {@link AsteriskRig#AGENT2_PORT}). */
    public static SippAgent start(String name, int sipPort, int mediaPort, List<Press> presses, Path logDir) throws IOException {
        Files.createDirectories(logDir);
        Path scenario = logDir.resolve("agent-" + name + ".xml");
        Files.writeString(scenario, scenario(presses));
        return launch(name, scenario, sipPort, mediaPort, logDir);
    }

    /**
     * A phone on its own SIP and media ports that answers, sends speech and hangs up itself (sends BYE)
     * {@code hangupAfterMillis} after the answer: e.g. the called party of an outbound call who hangs up during the notice.
     */
    public static SippAgent startHangingUp(String name, int sipPort, int mediaPort, long hangupAfterMillis, Path logDir)
            throws IOException {
        Files.createDirectories(logDir);
        Path scenario = logDir.resolve("agent-" + name + ".xml");
        String xml = scenario(List.of()).replace("  <recv request=\"INVITE\" crlf=\"true\"/>\n", """
                  <recv request="INVITE" crlf="true">
                    <action>
                      <ereg regexp=".*" search_in="hdr" header="From:" check_it="true" assign_to="remote_from"/>
                      <ereg regexp="sip:[^>;]*" search_in="hdr" header="Contact:" check_it="true" assign_to="remote_contact"/>
                    </action>
                  </recv>
                """);
        int bye = xml.indexOf("  <recv request=\"BYE\"");
        xml = xml.substring(0, bye) + hangUp(hangupAfterMillis) + "</scenario>\n";
        Files.writeString(scenario, xml);
        return launch(name, scenario, sipPort, mediaPort, logDir);
    }

    /**
     * A phone on its own SIP and media ports that answers and keeps talking until Asterisk hangs up on it. It streams
     * {@link #speech(Path)} with SIPp's {@code rtp_stream} looped without end: one RTP stream whose sequence numbers and
     * timestamps keep rising, as a real phone's do. (Replaying SIPp's pcap restarts both every 7 s; after such a jump
     * backwards Asterisk keeps relaying the audio, but a MixMonitor started later in the call writes no more of it.)
     */
    public static SippAgent startTalkingUntilHungUp(String name, int sipPort, int mediaPort, Path logDir) throws IOException {
        Files.createDirectories(logDir);
        Path scenario = logDir.resolve("agent-" + name + ".xml");
        String xml = scenario(List.of()).replace(PCAP_PLAY, streamed(logDir));
        if (xml.contains("play_pcap_audio")) {
            throw new IllegalStateException("the agent scenario changed shape; the endless speech stream was not inserted");
        }
        Files.writeString(scenario, xml);
        return launch(name, scenario, sipPort, mediaPort, logDir);
    }

    /** Runs SIPp with {@code scenario} for one call on {@code sipPort} and {@code mediaPort}, logging to {@code sipp-agent-<name>.log}. */
    private static SippAgent launch(String name, Path scenario, int sipPort, int mediaPort, Path logDir) throws IOException {
        Path log = logDir.resolve("sipp-agent-" + name + ".log");
        Process process = new ProcessBuilder("sipp", "-sf", scenario.toString(), "-m", "1", "-i", "127.0.0.1",
                "-p", Integer.toString(sipPort), "-mp", Integer.toString(mediaPort), "-timeout", "120", "-timeout_error",
                "-nostdin", "-trace_err")
                .redirectErrorStream(true).redirectOutput(log.toFile()).directory(logDir.toFile()).start();
        return new SippAgent(process, log);
    }

    private static final String PCAP_PLAY = "  <nop><action><exec play_pcap_audio=\"/usr/share/sip-tester/g711a.pcap\"/></action></nop>\n";

    /** A SIPp step that streams {@link #speech(Path)} (G.711 a-law, payload type 8) in an endless loop. */
    static String streamed(Path dir) throws IOException {
        return "  <nop><action><exec rtp_stream=\"" + speech(dir).toAbsolutePath() + ",-1,8\"/></action></nop>\n";
    }

    /**
     * SIPp's 7-s speech sample as a raw G.711 a-law file in {@code dir} (the RTP payloads of its pcap, in order), for
     * {@code rtp_stream}. The pcap is Ethernet-framed: 14 + 20 (IPv4) + 8 (UDP) + 12 (RTP) header bytes per packet.
     */
    static Path speech(Path dir) throws IOException {
        Path out = dir.resolve("speech.alaw");
        if (Files.exists(out)) {
            return out;
        }
        java.nio.ByteBuffer pcap = java.nio.ByteBuffer.wrap(Files.readAllBytes(Path.of("/usr/share/sip-tester/g711a.pcap")))
                .order(java.nio.ByteOrder.LITTLE_ENDIAN);
        java.io.ByteArrayOutputStream alaw = new java.io.ByteArrayOutputStream();
        int headers = 14 + 20 + 8 + 12;
        for (int at = 24; at + 16 <= pcap.limit(); ) {
            int length = pcap.getInt(at + 8);
            if (length > headers) {
                alaw.write(pcap.array(), at + 16 + headers, length - headers);
            }
            at += 16 + length;
        }
        Path tmp = dir.resolve("speech.alaw.tmp");
        Files.write(tmp, alaw.toByteArray());
        Files.move(tmp, out, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        return out;
    }

    private static String hangUp(long afterMillis) {
        return """
                  <pause milliseconds="%d"/>
                  <send retrans="500">
                    <![CDATA[
                      BYE [$remote_contact] SIP/2.0
                      Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]
                      From: <sip:agent@[local_ip]:[local_port]>;tag=[pid]SIPpTag01[call_number]
                      To:[$remote_from]
                      Call-ID: [call_id]
                      CSeq: 200 BYE
                      Contact: <sip:agent@[local_ip]:[local_port]>
                      Max-Forwards: 70
                      Content-Length: 0
                    ]]>
                  </send>
                  <recv response="200"/>
                """.formatted(afterMillis);
    }

    /** SIPp's output for this phone. */
    public Path log() {
        return log;
    }

    /** Ends the SIPp process if it still runs (after a failed test, so the next one finds its ports free). */
    public void stop() {
        process.destroyForcibly();
    }

    public int await() throws InterruptedException {
        if (!process.waitFor(150, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("the agent's SIPp did not end; see " + log);
        }
        return process.exitValue();
    }

    /** SIPp's speech pcap lasts about 7 s; replayed so that the agent keeps talking, as phones keep sending RTP. */
    static final long SPEECH_MILLIS = 7_000;

    static String scenario(List<Press> presses) {
        StringBuilder steps = new StringBuilder();
        long now = 0;
        int cseq = 100;
        long lastPress = presses.isEmpty() ? 0 : presses.getLast().atMillis();
        java.util.TreeMap<Long, String> timeline = new java.util.TreeMap<>();
        for (long t = SPEECH_MILLIS; t < lastPress; t += SPEECH_MILLIS) {
            timeline.put(t, SPEECH);
        }
        for (Press press : presses) {
            timeline.merge(press.atMillis(), press.digits(), (a, b) -> b + "|" + a);
        }
        for (var e : timeline.entrySet()) {
            steps.append("  <pause milliseconds=\"").append(Math.max(1, e.getKey() - now)).append("\"/>\n");
            now = e.getKey();
            for (String what : e.getValue().split("\\|")) {
                if (what.equals(SPEECH)) {
                    steps.append("  <nop><action><exec play_pcap_audio=\"/usr/share/sip-tester/g711a.pcap\"/></action></nop>\n");
                    continue;
                }
                for (char digit : what.toCharArray()) {
                    steps.append(info(digit, ++cseq));
                    steps.append("  <recv response=\"200\"/>\n");
                }
            }
        }
        // SIPp refuses a variable that is assigned but never used: capture the dialog's peer only for INFO digits.
        boolean digits = presses.stream().anyMatch(p -> !p.digits().isEmpty());
        return """
                <?xml version="1.0" encoding="ISO-8859-1" ?>
                <!DOCTYPE scenario SYSTEM "sipp.dtd">
                <scenario name="agent">
                """ + (digits ? """
                  <recv request="INVITE" crlf="true">
                """ + (presses.stream().anyMatch(p -> !p.digits().isEmpty()) ? """
                    <action>
                      <ereg regexp=".*" search_in="hdr" header="From:" check_it="true" assign_to="remote_from"/>
                      <ereg regexp="sip:[^>;]*" search_in="hdr" header="Contact:" check_it="true" assign_to="remote_contact"/>
                    </action>
                """ : "") + """
                  </recv>
                """ : """
                  <recv request="INVITE" crlf="true"/>
                """) + """
                  <send>
                    <![CDATA[
                      SIP/2.0 200 OK
                      [last_Via:]
                      [last_From:]
                      [last_To:];tag=[pid]SIPpTag01[call_number]
                      [last_Call-ID:]
                      [last_CSeq:]
                      Contact: <sip:agent@[local_ip]:[local_port]>
                      Content-Type: application/sdp
                      Content-Length: [len]

                      v=0
                      o=agent 53655765 2353687637 IN IP[local_ip_type] [local_ip]
                      s=-
                      c=IN IP[media_ip_type] [media_ip]
                      t=0 0
                      m=audio [media_port] RTP/AVP 8 101
                      a=rtpmap:8 PCMA/8000
                      a=rtpmap:101 telephone-event/8000
                      a=fmtp:101 0-15
                      a=sendrecv
                    ]]>
                  </send>
                  <recv request="ACK" crlf="true"/>
                  <nop><action><exec play_pcap_audio="/usr/share/sip-tester/g711a.pcap"/></action></nop>
                """ + steps + """
                  <recv request="BYE" timeout="90000"/>
                  <send>
                    <![CDATA[
                      SIP/2.0 200 OK
                      [last_Via:]
                      [last_From:]
                      [last_To:]
                      [last_Call-ID:]
                      [last_CSeq:]
                      Content-Length: 0
                    ]]>
                  </send>
                </scenario>
                """;
    }

    private static final String SPEECH = "speech";

    private static String info(char digit, int cseq) {
        return """
                  <send retrans="500">
                    <![CDATA[
                      INFO [$remote_contact] SIP/2.0
                      Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]
                      From: <sip:agent@[local_ip]:[local_port]>;tag=[pid]SIPpTag01[call_number]
                      To:[$remote_from]
                      Call-ID: [call_id]
                      CSeq: %d INFO
                      Contact: <sip:agent@[local_ip]:[local_port]>
                      Max-Forwards: 70
                      Content-Type: application/dtmf-relay
                      Content-Length: [len]

                      Signal=%c
                      Duration=160
                    ]]>
                  </send>
                """.formatted(cseq, digit);
    }
}
