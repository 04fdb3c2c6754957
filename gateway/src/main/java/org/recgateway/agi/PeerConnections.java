package org.recgateway.agi;

import java.net.InetAddress;
import java.net.Socket;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * How many FastAGI connections each peer address holds, with a cap per address. A connection is
 * <em>pending</em> until its request header is complete. When an address is at its cap, a new
 * connection from it takes the place of that address's oldest pending connection (which is closed):
 * Asterisk sends its whole header at once, so only a peer that holds connections open without
 * finishing a header loses them, and a flood from Asterisk's own address cannot lock Asterisk out.
 * Only when every connection of the address is a running session is the new one refused.
 * Thread-safe.
 */
final class PeerConnections {
    private final int maxPerPeer;
    private final Map<InetAddress, Peer> peers = new HashMap<>();
    private final Set<Socket> evicted = Collections.newSetFromMap(new IdentityHashMap<>());

    PeerConnections(int maxPerPeer) {
        if (maxPerPeer < 1) {
            throw new IllegalArgumentException("maxPerPeer must be at least 1, got " + maxPerPeer);
        }
        this.maxPerPeer = maxPerPeer;
    }

    /** What became of a new connection: admitted (possibly closing an older pending one), or refused. */
    record Admission(boolean admitted, Socket evicted) { }

    /** Counts a new connection of {@code socket}'s peer as pending. */
    synchronized Admission admit(Socket socket) {
        Peer peer = peers.computeIfAbsent(socket.getInetAddress(), a -> new Peer());
        Socket oldest = null;
        if (peer.count >= maxPerPeer) {
            Iterator<Socket> first = peer.pending.iterator();
            if (!first.hasNext()) {
                return new Admission(false, null);
            }
            oldest = first.next();
            first.remove();
            evicted.add(oldest);
            peer.count--;
        }
        peer.count++;
        peer.pending.add(socket);
        return new Admission(true, oldest);
    }

    /** The connection's header is complete: it can no longer be taken over by a newer one. */
    synchronized void headerDone(Socket socket) {
        Peer peer = peers.get(socket.getInetAddress());
        if (peer != null) {
            peer.pending.remove(socket);
        }
    }

    /** The connection ended; a connection that was evicted was already uncounted. */
    synchronized void closed(Socket socket) {
        if (evicted.remove(socket)) {
            return;
        }
        Peer peer = peers.get(socket.getInetAddress());
        if (peer == null) {
            return;
        }
        peer.pending.remove(socket);
        peer.count--;
        if (peer.count <= 0) {
            peers.remove(socket.getInetAddress());
        }
    }

    /** Connections the address holds now. */
    synchronized int count(InetAddress address) {
        Peer peer = peers.get(address);
        return peer == null ? 0 : peer.count;
    }

    private static final class Peer {
        int count;
        final LinkedHashSet<Socket> pending = new LinkedHashSet<>();
    }
}
