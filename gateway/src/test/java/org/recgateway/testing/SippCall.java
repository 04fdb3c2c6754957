package org.recgateway.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One real SIP call from SIPp (Debian's {@code sip-tester}) to the rig's Asterisk, with G.711 speech
 * from SIPp's pcap. Each call gets its own SIP and media ports so calls can run in parallel.
 */
public final class SippCall {
    private static final AtomicInteger NEXT_PORT = new AtomicInteger(0);

    private final Process process;
    private final Path log;
    private final String name;

    private SippCall(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
    }

    /**
     * Starts a call.
     *
     * @param scenario   {@code caller.xml} (hangs up after {@code pauseMillis}) or {@code caller-until-bye.xml}
     * @param dialed     the number dialed (request URI user)
     * @param callerId   From URI user, already escaped for SIP where needed
     * @param callerName From display name
     */
    public static SippCall start(String name, String scenario, String dialed, String callerId, String callerName,
                                 long pauseMillis, Path logDir) throws IOException {
        return start(name, scenario, dialed, callerId, callerName, pauseMillis, logDir, AsteriskRig.SIP_PORT);
    }

    /** As {@link #start(String, String, String, String, String, long, Path)}, to the Asterisk whose SIP port is {@code sipPort}. */
    public static SippCall start(String name, String scenario, String dialed, String callerId, String callerName,
                                 long pauseMillis, Path logDir, int sipPort) throws IOException {
        int slot = NEXT_PORT.getAndIncrement();
        Path scenarioFile = AsteriskRig.repo().resolve("gateway/src/test/resources/sipp").resolve(scenario);  // absolute paths resolve to themselves
        Files.createDirectories(logDir);
        Path log = logDir.resolve("sipp-" + name + ".log");
        List<String> command = new ArrayList<>(List.of("sipp", "-sf", scenarioFile.toString(),
                "-s", dialed, "-key", "callerid", callerId, "-key", "callername", callerName,
                "-m", "1", "-i", "127.0.0.1", "-p", Integer.toString(RigPorts.callerSip(slot)),
                "-mp", Integer.toString(RigPorts.callerMedia(slot)), "-d", Long.toString(pauseMillis),
                "-timeout", "90", "-timeout_error", "-nostdin",
                "127.0.0.1:" + sipPort));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile())
                .directory(logDir.toFile()).start();
        return new SippCall(name, process, log);
    }

    /**
     * Starts a call that presses {@code key} (RFC 2833, from SIPp's pcaps) {@code keyAtMillis} after
     * the answer and hangs up {@code hangupAtMillis} after the answer. The scenario is written from
     * {@code caller.xml} with the timing filled in.
     */
    public static SippCall startWithKey(String name, String dialed, String callerId, long keyAtMillis, char key,
                                        long hangupAtMillis, Path logDir) throws IOException {
        String pcap = switch (key) {
            case '*' -> "star";
            case '#' -> "pound";
            default -> String.valueOf(key);
        };
        Path template = AsteriskRig.repo().resolve("gateway/src/test/resources/sipp/caller.xml");
        String xml = Files.readString(template)
                .replace("<exec play_pcap_audio=\"/usr/share/sip-tester/g711a.pcap\"/>", "<log message=\"answered\"/>")
                .replace("  <pause/>\n", "  <pause milliseconds=\"" + keyAtMillis + "\"/>\n"
                        + "  <nop><action><exec play_pcap_audio=\"/usr/share/sip-tester/dtmf_2833_" + pcap + ".pcap\"/></action></nop>\n"
                        + "  <pause milliseconds=\"" + Math.max(1, hangupAtMillis - keyAtMillis) + "\"/>\n");
        Files.createDirectories(logDir);
        Path scenario = logDir.resolve("caller-key-" + name + ".xml");
        Files.writeString(scenario, xml);
        return start(name, scenario.toAbsolutePath().toString(), dialed, callerId, name, 0, logDir);
    }

    /**
     * Starts a call that presses keys by SIP INFO ({@code application/dtmf-relay}, one request per digit,
     * as phones with {@code dtmf_mode=info} send them) at the given moments after the answer, keeps
     * sending speech for the whole call (SIPp's pcap, replayed), and hangs up {@code hangupAtMillis}
     * after the answer. Every digit registers, also sequences such as the in-call code {@code *9}.
     */
    public static SippCall startWithInfo(String name, String dialed, String callerId, List<SippAgent.Press> presses,
                                         long hangupAtMillis, Path logDir) throws IOException {
        Path template = AsteriskRig.repo().resolve("gateway/src/test/resources/sipp/caller.xml");
        StringBuilder steps = new StringBuilder();
        java.util.TreeMap<Long, List<String>> timeline = new java.util.TreeMap<>();
        for (long t = SippAgent.SPEECH_MILLIS; t < hangupAtMillis; t += SippAgent.SPEECH_MILLIS) {
            timeline.computeIfAbsent(t, k -> new ArrayList<>()).add(null);
        }
        for (SippAgent.Press press : presses) {
            timeline.computeIfAbsent(press.atMillis(), k -> new ArrayList<>()).add(press.digits());
        }
        timeline.computeIfAbsent(hangupAtMillis, k -> new ArrayList<>());
        long now = 0;
        int cseq = 1;
        for (var e : timeline.entrySet()) {
            steps.append("  <pause milliseconds=\"").append(Math.max(1, e.getKey() - now)).append("\"/>\n");
            now = e.getKey();
            for (String digits : e.getValue()) {
                if (digits == null) {
                    steps.append("  <nop><action><exec play_pcap_audio=\"/usr/share/sip-tester/g711a.pcap\"/></action></nop>\n");
                    continue;
                }
                for (char digit : digits.toCharArray()) {
                    steps.append(INFO.formatted(++cseq, digit)).append("  <recv response=\"200\"/>\n");
                }
            }
        }
        String xml = Files.readString(template).replace("  <pause/>\n", steps.toString())
                .replace("CSeq: 2 BYE", "CSeq: " + (cseq + 1) + " BYE");
        Files.createDirectories(logDir);
        Path scenario = logDir.resolve("caller-info-" + name + ".xml");
        Files.writeString(scenario, xml);
        return start(name, scenario.toAbsolutePath().toString(), dialed, callerId, name, 0, logDir);
    }

    private static final String INFO = """
              <send retrans="500">
                <![CDATA[
                  INFO sip:[service]@[remote_ip]:[remote_port] SIP/2.0
                  Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]
                  From: "[callername]" <sip:[callerid]@[local_ip]:[local_port]>;tag=[pid]SIPpTag00[call_number]
                  To: <sip:[service]@[remote_ip]:[remote_port]>[peer_tag_param]
                  Call-ID: [call_id]
                  CSeq: %d INFO
                  Contact: <sip:sipp@[local_ip]:[local_port]>
                  Max-Forwards: 70
                  Content-Type: application/dtmf-relay
                  Content-Length: [len]

                  Signal=%c
                  Duration=160
                ]]>
              </send>
            """;

    /**
     * Starts a call whose CALLER presses {@code digits} (SIP INFO application/dtmf-relay, one request per
     * digit) {@code keyAtMillis} after the answer, keeps talking, and hangs up {@code hangupAtMillis} after the answer.
     */
    public static SippCall startPressingInfo(String name, String dialed, String callerId, long keyAtMillis, String digits,
                                             long hangupAtMillis, Path logDir) throws IOException {
        return startWithInfo(name, dialed, callerId, List.of(new SippAgent.Press(keyAtMillis, digits)), hangupAtMillis, logDir);
    }

    /**
     * Starts a caller who keeps talking (SIPp's speech sample streamed in an endless loop as one RTP stream whose
     * sequence numbers and timestamps keep rising, as a phone's do; see {@link SippAgent#startTalkingUntilHungUp})
     * and hangs up {@code hangupAtMillis} after the answer. A recording of such a call has
     * audio for its whole length, so a check of its size sees every second.
     */
    public static SippCall startTalking(String name, String dialed, String callerId, long hangupAtMillis, Path logDir)
            throws IOException {
        return startTalking(name, dialed, callerId, hangupAtMillis, logDir, AsteriskRig.SIP_PORT);
    }

    /** As {@link #startTalking(String, String, String, long, Path)}, to the Asterisk whose SIP port is {@code sipPort}. */
    public static SippCall startTalking(String name, String dialed, String callerId, long hangupAtMillis, Path logDir,
                                        int sipPort) throws IOException {
        Files.createDirectories(logDir);
        String talk = "  <pause milliseconds=\"" + Math.max(1, hangupAtMillis) + "\"/>\n";
        Path template = AsteriskRig.repo().resolve("gateway/src/test/resources/sipp/caller.xml");
        String pcap = """
                  <nop>
                    <action>
                      <exec play_pcap_audio="/usr/share/sip-tester/g711a.pcap"/>
                    </action>
                  </nop>
                """;
        String xml = Files.readString(template).replace(pcap, SippAgent.streamed(logDir)).replace("  <pause/>\n", talk);
        if (xml.contains("play_pcap_audio")) {
            throw new IllegalStateException("caller.xml changed shape; the endless speech stream was not inserted");
        }
        Files.createDirectories(logDir);
        Path scenario = logDir.resolve("caller-talking-" + name + ".xml");
        Files.writeString(scenario, xml);
        return start(name, scenario.toAbsolutePath().toString(), dialed, callerId, name, 0, logDir, sipPort);
    }

    /** Whether the call's SIPp still runs (the call has not ended). */
    public boolean running() {
        return process.isAlive();
    }

    @Override
    public String toString() {
        return name;
    }

    /** Waits for SIPp to end; returns its exit status (0: the scenario completed, every call succeeded). */
    /** Ends the SIPp process if it still runs (after a failed test, so the next one finds its ports free). */
    public void stop() {
        process.destroyForcibly();
    }

    public int await() throws InterruptedException, IOException {
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("SIPp call " + name + " did not end within 120 s; see " + log);
        }
        return process.exitValue();
    }

    public Path log() {
        return log;
    }
}
