package org.recgateway.testing;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Every port of the end-to-end rig, from one block of {@link #SIZE} consecutive ports that were free for both
 * TCP and UDP on 127.0.0.1 when the test JVM started. So the rig never takes the quick start's ports
 * ({@code ./run gateway}: FastAGI 4573, HTTP 8480, AMI 5038) nor another program's, and {@code ./run gateway}
 * and {@code ./run tests} run side by side ({@code SideBySideIT}).
 *
 * <p>The block lies in 20000-32767: above the RTP range of a stock Asterisk (10000-20000), below Linux's
 * ephemeral ports (32768 and up) from which the kernel hands out outgoing connections. Layout (offsets):
 * 0-9 TCP (FastAGI, HTTP, AMI of gateway one and two, unused FastAGI ports for "gateway down"); 10-49 SIP and
 * media of Asterisk and the agents' phones; 100-499 the callers' SIP ports; 500-1499 the callers' media;
 * 1500-1599 the load bench; 2000-2999 Asterisk's RTP range.
 */
public final class RigPorts {
    /** How many ports the block spans. */
    public static final int SIZE = 3000;
    private static final int LOWEST = 20_000;
    private static final int HIGHEST = 32_767;

    /** The first port of the block (a multiple of 10). */
    public static final int BASE = pick();

    private RigPorts() {
    }

    private static int pick() {
        String fixed = System.getProperty("rig.ports.base");
        if (fixed != null) {
            return Integer.parseInt(fixed);
        }
        int candidates = (HIGHEST - SIZE - LOWEST) / 10;
        for (int attempt = 0; attempt < 40; attempt++) {
            int base = LOWEST + 10 * ThreadLocalRandom.current().nextInt(candidates);
            if (allFree(base)) {
                return base;
            }
        }
        throw new IllegalStateException("no block of " + SIZE + " free ports between " + LOWEST + " and " + HIGHEST
                + " on 127.0.0.1 after 40 tries; stop what holds them or set -Drig.ports.base=<first port of a free block>");
    }

    private static boolean allFree(int base) {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        for (int port = base; port < base + SIZE; port++) {
            try (ServerSocket tcp = new ServerSocket()) {
                tcp.bind(new InetSocketAddress(loopback, port));
            } catch (IOException taken) {
                return false;
            }
            try (DatagramSocket udp = new DatagramSocket(new InetSocketAddress(loopback, port))) {
                udp.getLocalPort();
            } catch (IOException taken) {
                return false;
            }
        }
        return true;
    }

    /** A port of the block, {@code offset} from its start. */
    public static int at(int offset) {
        if (offset < 0 || offset >= SIZE) {
            throw new IllegalArgumentException("offset " + offset + " outside the rig's block of " + SIZE + " ports");
        }
        return BASE + offset;
    }

    /** The SIP port of the {@code slot}th caller (callers reuse ports after 200 calls; each has ended by then). */
    public static int callerSip(int slot) {
        return at(100 + (slot % 200) * 2);
    }

    /** The media port of the {@code slot}th caller (10 apart: SIPp uses the port and the next three). */
    public static int callerMedia(int slot) {
        return at(500 + (slot % 100) * 10);
    }
}
