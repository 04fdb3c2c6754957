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
 * = the prompt's full length, so the notice counts as played to the end. Later prompts (the objection
 * offer) are answered at once as played to the end, and WAIT FOR DIGIT at once with no key, so a
 * session lasts as long as its notice, as it did before the gateway offered objection.
 */
final class AsteriskSide {
    private final InetSocketAddress server;
    private final PromptLengths prompts;
    private final long playbackMillis;
    private final int timeoutMillis;

    AsteriskSide(InetSocketAddress server, PromptLengths prompts, long playbackMillis, int timeoutMillis) {
        this.server = server;
        this.prompts = prompts;
        this.playbackMillis = playbackMillis;
        this.timeoutMillis = timeoutMillis;
    }

    /** What one call measured; times in nanoseconds, -1 when not reached. */
    record Call(Outcome outcome, long firstCommandNanos, long sessionNanos) { }

    /** Runs call number {@code n}; {@code open} is told when the session is connected and when it ends. */
    Call run(int n, Runnable opened, Runnable closed) {
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
        }
    }

    private String reply(String command, List<String> args, int n, boolean notice) {
        if (command.startsWith("STREAM FILE")) {
            long samples = args.isEmpty() ? -1 : prompts.forPlayback(args.getFirst());
            if (samples < 0) {
                return "200 result=-1 endpos=0\n";
            }
            if (notice) {
                sleep(playbackMillis > 0 ? playbackMillis : samples / 8);
            }
            return "200 result=0 endpos=" + samples + "\n";
        }
        if (command.startsWith("GET VARIABLE")) {
            String name = args.isEmpty() ? "" : args.getFirst();
            if (name.equals("CHANNEL(linkedid)")) {
                return "200 result=1 (1700000000." + n + ")\n";
            }
            if (name.equals("RECORDING_MIXMONITOR_ID")) {
                return "200 result=1 (0x7f00" + Integer.toHexString(n) + ")\n";
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

    private static byte[] header(int n) {
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
