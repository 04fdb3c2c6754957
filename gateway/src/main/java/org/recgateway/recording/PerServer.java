package org.recgateway.recording;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One part per Asterisk server, by the server's name ({@code ami.servers[].name}, issue #17 item 3): the small lookup
 * through which every AMI-dependent feature reaches the server a call is on, never another. Built from one server's
 * parts ({@link #one}) or from several ({@link #of}, the first one first).
 *
 * <p>Two ways to ask, for two kinds of question:
 * <ul>
 *   <li>{@link #on(String)}: a live FastAGI session's server, as its peer address mapped. With several servers an
 *       unknown or missing name answers empty: a session nobody can place is refused, not guessed.</li>
 *   <li>{@link #ofRecording(String)}: the server a stored recording names. A recording without a name (stored
 *       before several servers were known, schema V15) is the first server's.</li>
 * </ul>
 *
 * @param <T> the part, e.g. a {@link Recorder} or {@link AsteriskChannels}
 */
public final class PerServer<T> {
    private final Map<String, T> parts;
    private final String first;
    private final boolean one;

    private PerServer(Map<String, T> parts, boolean one) {
        this.parts = parts;
        this.first = parts.keySet().iterator().next();
        this.one = one;
    }

    /** The part of a gateway's only Asterisk server: it answers for every name, as a single server serves every call. */
    public static <T> PerServer<T> one(T part) {
        Map<String, T> map = new LinkedHashMap<>();
        map.put("", Objects.requireNonNull(part, "part"));
        return new PerServer<>(map, true);
    }

    /**
     * The parts of several servers in configuration order, by name; with exactly one entry the same as {@link #one}
     * (under that name).
     *
     * @throws IllegalArgumentException when {@code byName} is empty or has a null or blank name or a null part
     */
    public static <T> PerServer<T> of(Map<String, T> byName) {
        if (byName.isEmpty()) {
            throw new IllegalArgumentException("no Asterisk server: ami.servers lists at least one");
        }
        Map<String, T> map = new LinkedHashMap<>();
        byName.forEach((name, part) -> {
            if (name == null || name.isBlank() || part == null) {
                throw new IllegalArgumentException("an Asterisk server needs a name and a part, got " + name + "=" + part);
            }
            map.put(name, part);
        });
        return new PerServer<>(map, map.size() == 1);
    }

    /** The server a live session runs on: its part, or empty when several servers are served and none has that name. */
    public Optional<T> on(String server) {
        if (one) {
            return Optional.of(parts.get(first));
        }
        return Optional.ofNullable(server == null ? null : parts.get(server));
    }

    /**
     * The part of the server a stored recording came from ({@link RecordedCall#server()}; null: the first server), or
     * empty when that server is no longer configured.
     */
    public Optional<T> ofRecording(String recordedServer) {
        return on(recordedServer == null ? first : recordedServer);
    }

    /** Every server's part, the first server first. */
    public Map<String, T> all() {
        return Collections.unmodifiableMap(parts);
    }

    /** The names of the servers, the first first; {@code [""]} for a gateway's only server built by {@link #one}. */
    public List<String> names() {
        return List.copyOf(parts.keySet());
    }

    /** True when more than one Asterisk server is served. */
    public boolean several() {
        return !one;
    }

    /**
     * True when a recording that names {@code recordedServer} (null: the first) came from the server {@code server}
     * (null: any, for a gateway's only server or work not tied to one server). Two servers' linkedids and uniqueids
     * may be equal, so every look-up of a call's recordings by such an id also checks this.
     */
    public boolean same(String recordedServer, String server) {
        if (one || server == null) {
            return true;
        }
        return server.equals(recordedServer == null ? first : recordedServer);
    }

    @Override
    public String toString() {
        return one ? "one Asterisk server" : "Asterisk servers " + parts.keySet();
    }
}
