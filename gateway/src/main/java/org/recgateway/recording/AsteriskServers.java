package org.recgateway.recording;

/**
 * Which Asterisk server a recording belongs to (issue #17 item 3: one AMI connection per server). Events are matched
 * by server and uniqueid, because two servers' uniqueids may be equal. Thread-safe.
 */
public final class AsteriskServers {
    /**
     * The server argument of work not tied to one AMI connection: it matches every recording, and a bridge watch
     * noted for it ({@link BridgeWatch}) stands for every server that has none of its own. Never a configured name (those are lower-case
     * letters, digits, {@code -} and {@code _}; see {@code AmiConfig}).
     */
    public static final String ANY = "*";

    private volatile String first;

    /**
     * Names the gateway's first Asterisk server: a recording stored without a server (made before several servers
     * were known, schema V15) belongs to it.
     */
    void first(String name) {
        first = name;
    }

    /** Whether {@code server} is the first server; true for every server while none is named. */
    boolean isFirst(String server) {
        String named = first;
        return named == null || named.equals(server);
    }

    /** The server {@code r} came from: its own, else the first server, else null (no server named yet). */
    String of(Recording r) {
        return own(r.call().server());
    }

    /** True when {@code r} came from the Asterisk server {@code server}, or {@code server} is {@link #ANY}. */
    boolean serves(Recording r, String server) {
        return serves(r.call().server(), server);
    }

    /** As {@link #serves(Recording, String)}, for a recording read narrowly. */
    boolean serves(RecordingStore.Summary r, String server) {
        return serves(r.server(), server);
    }

    private boolean serves(String stored, String server) {
        if (ANY.equals(server)) {
            return true;
        }
        String own = own(stored);
        return own == null || own.equals(server);
    }

    /** A recording's server as stored, else the first server (it was stored before servers were named), else null. */
    private String own(String stored) {
        return stored == null ? first : stored;
    }
}
