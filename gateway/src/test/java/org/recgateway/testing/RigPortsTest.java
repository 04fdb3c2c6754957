package org.recgateway.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

class RigPortsTest {

    @Test
    void theBlockLiesAboveAsteriskRtpAndBelowTheEphemeralPortsAwayFromTheQuickStart() {
        assertTrue(RigPorts.BASE >= 20_000 && RigPorts.BASE + RigPorts.SIZE <= 32_768, "block " + RigPorts.BASE);
        assertEquals(0, RigPorts.BASE % 10);
        for (int quickStart : new int[] {4573, 8480, 5038}) {
            assertTrue(quickStart < RigPorts.BASE, "the quick start's port " + quickStart + " is outside the block");
        }
    }

    @Test
    void everyRigPortIsInsideTheBlockAndDistinct() {
        Set<Integer> seen = new HashSet<>();
        int[] fixed = {AsteriskRig.AGI_PORT, AsteriskRig.AGI2_PORT, AsteriskRig.AMI_PORT, AsteriskRig.DEAD_AGI_PORT,
                AsteriskRig.DEAD_AGI2_PORT, AsteriskRig.SIP_PORT, AsteriskRig.AGENT_PORT, AsteriskRig.AGENT2_PORT,
                AsteriskRig.AGENT_MEDIA_PORT, AsteriskRig.AGENT2_MEDIA_PORT, GatewayRig.HTTP_PORT, GatewayRig.HTTP2_PORT};
        for (int port : fixed) {
            assertTrue(port >= RigPorts.BASE && port < RigPorts.BASE + RigPorts.SIZE, "port " + port);
            assertTrue(seen.add(port), "port " + port + " used twice");
        }
        for (int slot = 0; slot < 200; slot++) {
            assertTrue(seen.add(RigPorts.callerSip(slot)), "caller SIP port of slot " + slot + " clashes");
        }
        for (int slot = 0; slot < 100; slot++) {
            int media = RigPorts.callerMedia(slot);
            for (int p = media; p < media + 4; p++) {
                assertTrue(seen.add(p), "caller media port " + p + " of slot " + slot + " clashes");
            }
        }
        assertTrue(seen.stream().allMatch(p -> p < RigPorts.at(2000)), "nothing inside Asterisk's RTP range");
    }

    @Test
    void aPortOutsideTheBlockIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> RigPorts.at(RigPorts.SIZE));
        assertThrows(IllegalArgumentException.class, () -> RigPorts.at(-1));
    }

    @Test
    void theBlockWasFreeWhenPickedSoItsPortsCanBeBound() throws Exception {
        try (ServerSocket s = new ServerSocket()) {
            s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), RigPorts.at(7)));
            assertNotEquals(0, s.getLocalPort());
        }
    }
}
