package org.recgateway.e2e;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.recgateway.testing.AsteriskRig;

/**
 * A second AMI session of a given user, read raw (no asterisk-java), that counts every event Asterisk sends it by its
 * {@code Event:} name, user events as {@code UserEvent/<name>}: what that user's read classes and event filters let
 * through, including the events asterisk-java would drop as unknown. Its own actions carry ActionIDs {@code tap-N}, and
 * the blocks that answer them (responses, list events) are kept apart from the counted events.
 */
final class AmiTap implements AutoCloseable {
    private final Socket socket;
    private final OutputStream out;
    private final Map<String, AtomicInteger> events = new ConcurrentHashMap<>();
    private final List<String> raw = new CopyOnWriteArrayList<>();
    private final Map<String, List<Map<String, String>>> answers = new ConcurrentHashMap<>();
    private final AtomicInteger actions = new AtomicInteger();
    private final Thread reader;

    private AmiTap(Socket socket) throws IOException {
        this.socket = socket;
        this.out = socket.getOutputStream();
        BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
        this.reader = Thread.ofPlatform().daemon(true).name("ami-tap").start(() -> read(in));
    }

    /** Logs in to the rig's Asterisk as {@code user}; fails unless Asterisk accepts. */
    static AmiTap login(String user, String secret) throws Exception {
        AmiTap tap = new AmiTap(new Socket("127.0.0.1", AsteriskRig.AMI_PORT));
        Map<String, String> r = tap.action(Map.of("Action", "Login", "Username", user, "Secret", secret)).getFirst();
        if (!"Success".equalsIgnoreCase(r.get("Response"))) {
            tap.close();
            throw new AssertionError("AMI login as " + user + " refused: " + r);
        }
        return tap;
    }

    private void read(BufferedReader in) {
        Map<String, String> block = new LinkedHashMap<>();
        StringBuilder text = new StringBuilder();
        try {
            for (String line; (line = in.readLine()) != null; ) {
                if (!line.isEmpty()) {
                    text.append(line).append('\n');
                    int colon = line.indexOf(':');
                    if (colon > 0) {
                        block.putIfAbsent(line.substring(0, colon).trim(), line.substring(colon + 1).trim());
                    }
                    continue;
                }
                if (block.isEmpty()) {
                    continue;
                }
                String id = block.getOrDefault("ActionID", "");
                if (id.startsWith("tap-")) {
                    answers.computeIfAbsent(id, k -> new CopyOnWriteArrayList<>()).add(Map.copyOf(block));
                } else if (block.containsKey("Event")) {
                    String name = block.get("Event");
                    if (name.equals("UserEvent")) {
                        name += "/" + block.getOrDefault("UserEvent", "");
                    }
                    events.computeIfAbsent(name, k -> new AtomicInteger()).incrementAndGet();
                    raw.add(text.toString());
                }
                block = new LinkedHashMap<>();
                text.setLength(0);
            }
        } catch (IOException e) {
            // closed
        }
    }

    /**
     * Sends {@code fields} as one action and returns every block that answers it: the response, and for a list action
     * each list event up to the one with {@code EventList: Complete}. Fails after 10 s.
     */
    List<Map<String, String>> action(Map<String, String> fields) throws Exception {
        String id = "tap-" + actions.incrementAndGet();
        StringBuilder b = new StringBuilder();
        fields.forEach((k, v) -> b.append(k).append(": ").append(v).append("\r\n"));
        b.append("ActionID: ").append(id).append("\r\n\r\n");
        synchronized (out) {
            out.write(b.toString().getBytes(StandardCharsets.UTF_8));
            out.flush();
        }
        boolean list = fields.getOrDefault("Action", "").equalsIgnoreCase("CoreShowChannels");
        if (!AsteriskRig.eventually(Duration.ofSeconds(10), () -> {
            List<Map<String, String>> got = answers.getOrDefault(id, List.of());
            return !got.isEmpty() && (!list || got.stream().anyMatch(m -> "Complete".equalsIgnoreCase(m.get("EventList"))));
        })) {
            throw new AssertionError("no (complete) answer to " + fields + " within 10 s: " + answers.get(id));
        }
        return new ArrayList<>(answers.get(id));
    }

    /** The events received so far, by name. */
    Map<String, Integer> counts() {
        Map<String, Integer> c = new TreeMap<>();
        events.forEach((k, v) -> c.put(k, v.get()));
        return c;
    }

    /** Every counted event as Asterisk wrote it (header lines), in order. */
    List<String> raw() {
        return List.copyOf(raw);
    }

    @Override
    public void close() throws IOException {
        try {
            socket.close();
        } finally {
            reader.interrupt();
        }
    }
}
