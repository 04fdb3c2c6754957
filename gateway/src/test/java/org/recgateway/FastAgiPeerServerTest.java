package org.recgateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.net.InetAddress;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.recgateway.config.AmiConfig;
import org.recgateway.config.ConfigLoader;

/**
 * Issue #17 item 3: a new recording carries the Asterisk server its FastAGI session came from, by the peer address
 * the configuration lists for each server; with one server every session is that server's.
 */
class FastAgiPeerServerTest {

    @Test
    void eachPeerAddressNamesTheServerThatListsIt() throws Exception {
        AmiConfig ami = ConfigLoader.parse("""
                ami:
                  servers:
                    - {name: pbx1, host: 10.0.0.1, password: a, fastAgiFrom: [10.0.0.1, 127.0.0.2]}
                    - {name: pbx2, host: 10.0.0.2, password: b, fastAgiFrom: [10.0.0.2]}
                """, "g.yaml", Map.of()).ami();
        var servers = AgiFront.servers(ami);

        assertEquals("pbx1", servers.apply(InetAddress.getByName("127.0.0.2")));
        assertEquals("pbx2", servers.apply(InetAddress.getByName("10.0.0.2")));
        assertNull(servers.apply(InetAddress.getByName("10.9.9.9")), "an address no server lists names none");
    }

    @Test
    void withOneServerEverySessionIsItsOwn() throws Exception {
        AmiConfig ami = ConfigLoader.parse("ami: {name: pbx-a, password: s}", "g.yaml", Map.of()).ami();
        assertEquals("pbx-a", AgiFront.servers(ami).apply(InetAddress.getByName("192.0.2.7")));
    }
}
