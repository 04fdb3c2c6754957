package org.recgateway.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Asterisk's side of one FastAGI session, as Asterisk 22's res_agi plays it: connect, send the
 * {@code agi_*} header (the same one as the gateway's tests' FakeAsterisk), answer every command,
 * and hold the first STREAM FILE reply (the notice) for the playback time, then report {@code endpos}
 * = the prompt's full length, so the notice counts as played to the end. What follows depends on the
 * {@link Shape}: {@link Shape#REAL} plays later prompts (the objection offer) for their real length and
 * lets WAIT FOR DIGIT run its whole timeout with no key, as a caller who stays silent hears them;
 * {@link Shape#SHORT} answers both at once (the shape of the first measurements). With a
 * {@link CallEnd}, a recorded call then ends as Asterisk ends it: MixMonitor's file is written, the
 * channel enters a bridge, MixMonitor stops and the channel hangs up, reported over AMI.
 */
final class AsteriskSide {
    /** How long the parts of a session after the notice last. */
    enum Shape { REAL, SHORT }

    private final InetSocketAddress server;
    private final PromptLengths prompts;
    private final long playbackMillis;
    private final int timeoutMillis;
    private final Shape shape;
    private final CallEnd end;
    private final long idBase;

    /**
     * @param idBase added to the call number in uniqueids and channel names, so a warm-up and the
     *               measured run never share a uniqueid
     * @param end    what happens after a recorded session (null: nothing, the recording stays active)
     */
    AsteriskSide(InetSocketAddress server, PromptLengths prompts, long playbackMillis, int timeoutMillis, Shape shape,
                 long idBase, CallEnd end) {
        this.server = server;
        this.prompts = prompts;
        this.playbackMillis = playbackMillis;
        this.timeoutMillis = timeoutMillis;
        this.shape = shape;
        this.idBase = idBase;
        this.end = end;
    }

    /** The rest of a recorded call after its FastAGI session, as Asterisk reports it over AMI. */
    interface CallEnd {
        /** Call {@code uniqueId} on {@code channel} connected. */
        void connected(String channel, String uniqueId);

        /** MixMonitor was started on the call, writing to {@code file} (the path the gateway gave it). */
        void mixMonitorStarted(String channel, String uniqueId, String file);

        /** The session of a call on which MixMonitor started has ended (recorded or not): bridge, stop MixMonitor, hang up. */
        void recordedCallEnds(String channel, String uniqueId, String file);
    }

    /** What one call measured; times in nanoseconds, -1 when not reached. */
    record Call(Outcome outcome, long firstCommandNanos, long sessionNanos) { }

    /** Runs call number {@code n}; {@code open} is told when the session is connected and when it ends. */
    Call run(int number, Runnable opened, Runnable closed) {
        long n = idBase + number;
        String uniqueId = "1700000000." + n;
        String channel = "PJSIP/sipp-" + String.format("%08x", n);
        String mixMonitorFile = null;
        long start = System.nanoTime();
        long first = -1;
        String status = null;
        String reason = null;
        int streamed = 0;
        boolean counted = false;
        try (Socket socket = new Socket()) {
            try {
                socket.connect(server, timeoutMillis);
            } catch (ConnectException e) {
                return new Call(Outcome.CONNECT_REFUSED, -1, -1);
            } catch (SocketTimeoutException e) {
                return new Call(Outcome.CONNECT_TIMEOUT, -1, -1);
            }
            opened.run();
            counted = true;
            if (end != null) {
                end.connected(channel, uniqueId);
            }
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(timeoutMillis);
            OutputStream out = socket.getOutputStream();
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8), 256);
            out.write(header(n));
            out.flush();
            String command;
            while (true) {
                try {
                    command = in.readLine();
                } catch (SocketTimeoutException e) {
                    return new Call(first < 0 ? Outcome.NO_FIRST_COMMAND : Outcome.REPLY_TIMEOUT, first, -1);
                }
                if (command == null) {
                    break;
                }
                if (first < 0) {
                    first = System.nanoTime() - start;
                }
                List<String> args = arguments(command);
                if (command.startsWith("SET VARIABLE") && args.size() >= 2) {
                    if (args.get(0).equals("RECORDING_STATUS")) {
                        status = args.get(1);
                    } else if (args.get(0).equals("RECORDING_REASON")) {
                        reason = args.get(1);
                    }
                }
                boolean notice = command.startsWith("STREAM FILE") && streamed++ == 0;
                out.write(reply(command, args, n, notice).getBytes(StandardCharsets.US_ASCII));
                out.flush();
                // EXEC is one word: arguments() skipped the application's name, args[0] is its options.
                if (command.startsWith("EXEC") && !args.isEmpty() && command.contains("MixMonitor")) {
                    mixMonitorFile = args.get(0).split(",", 2)[0];
                    if (end != null) {
                        end.mixMonitorStarted(channel, uniqueId, mixMonitorFile);
                    }
                }
            }
            long session = System.nanoTime() - start;
            if (status == null) {
                return new Call(Outcome.CLOSED_EARLY, first, session);
            }
            if (!status.equals("recording")) {
                return new Call("gateway-busy".equals(reason) ? Outcome.BUSY : Outcome.NOT_RECORDED, first, session);
            }
            return new Call(Outcome.OK, first, session);
        } catch (SocketException e) {
            if (Thread.currentThread().isInterrupted()) {
                return new Call(Outcome.UNFINISHED, first, -1);
            }
            String m = String.valueOf(e.getMessage()).toLowerCase(java.util.Locale.ROOT);
            if (m.contains("reset") || m.contains("Broken pipe")) {
                return new Call(Outcome.CONNECT_RESET, first, -1);
            }
            return new Call(m.contains("closed") ? Outcome.UNFINISHED : Outcome.OTHER, first, -1);
        } catch (IOException e) {
            return new Call(Outcome.OTHER, first, -1);
        } finally {
            if (counted) {
                closed.run();
            }
            // Whatever became of the session, a call on which MixMonitor started ends as Asterisk ends it.
            if (end != null && mixMonitorFile != null) {
                end.recordedCallEnds(channel, uniqueId, mixMonitorFile);
            }
        }
    }

    private String reply(String command, List<String> args, long n, boolean notice) {
        if (command.startsWith("STREAM FILE")) {
            long samples = args.isEmpty() ? -1 : prompts.forPlayback(args.getFirst());
            if (samples < 0) {
                return "200 result=-1 endpos=0\n";
            }
            if (notice) {
                sleep(playbackMillis > 0 ? playbackMillis : samples / 8);
            } else if (shape == Shape.REAL) {
                sleep(samples / 8);
            }
            return "200 result=0 endpos=" + samples + "\n";
        }
        if (command.startsWith("WAIT FOR DIGIT")) {
            String[] words = command.trim().split(" ");
            if (shape == Shape.REAL && words.length == 4) {
                sleep(Math.min(60_000, Long.parseLong(words[3].replace("\"", ""))));
            }
            return "200 result=0\n";
        }
        if (command.startsWith("GET VARIABLE")) {
            String name = args.isEmpty() ? "" : args.getFirst();
            if (name.equals("CHANNEL(linkedid)")) {
                return "200 result=1 (1700000000." + n + ")\n";
            }
            if (name.equals("RECORDING_MIXMONITOR_ID")) {
                return "200 result=1 (0x7f00" + Long.toHexString(n) + ")\n";
            }
            return "200 result=0\n";
        }
        return "200 result=0\n";
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The quoted or bare arguments after the two-word command name. */
    static List<String> arguments(String command) {
        List<String> tokens = new ArrayList<>();
        StringBuilder t = new StringBuilder();
        boolean quoted = false;
        boolean any = false;
        for (int i = 0; i < command.length(); i++) {
            char c = command.charAt(i);
            if (c == '"') {
                quoted = !quoted;
                any = true;
            } else if (c == '\\' && quoted && i + 1 < command.length()) {
                t.append(command.charAt(++i));
            } else if (c == ' ' && !quoted) {
                if (any) {
                    tokens.add(t.toString());
                }
                t.setLength(0);
                any = false;
            } else {
                t.append(c);
                any = true;
            }
        }
        if (any) {
            tokens.add(t.toString());
        }
        int skip = Math.min(2, tokens.size());
        return tokens.subList(skip, tokens.size());
    }

    private static byte[] header(long n) {
        String unique = "1700000000." + n;
        String s = "agi_network: yes\n"
                + "agi_network_script: record\n"
                + "agi_request: agi://127.0.0.1/record\n"
                + "agi_channel: PJSIP/sipp-" + String.format("%08x", n) + "\n"
                + "agi_language: nl\n"
                + "agi_type: PJSIP\n"
                + "agi_uniqueid: " + unique + "\n"
                + "agi_version: 22.10.1\n"
                + "agi_callerid: 0612345678\n"
                + "agi_calleridname: Test Caller\n"
                + "agi_callingpres: 0\n"
                + "agi_callingani2: 0\n"
                + "agi_callington: 0\n"
                + "agi_callingtns: 0\n"
                + "agi_dnid: 1001\n"
                + "agi_rdnis: unknown\n"
                + "agi_context: recorded\n"
                + "agi_extension: 1001\n"
                + "agi_priority: 2\n"
                + "agi_enhanced: 0.0\n"
                + "agi_accountcode: \n"
                + "agi_threadid: 140000000000000\n"
                + "\n";
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
