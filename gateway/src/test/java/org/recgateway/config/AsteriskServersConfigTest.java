package org.recgateway.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * Issue #17 item 3: the Asterisk servers a gateway serves. One server written as before stays valid and is the
 * default (named {@code asterisk}); several are the list {@code ami.servers}, each with its AMI login and the FastAGI
 * addresses that name it; what cannot work is refused with the key and what to do.
 */
class AsteriskServersConfigTest {
    private static final Map<String, String> ENV = Map.of("PBX1_SECRET", "one", "PBX2_SECRET", "two");

    @Test
    void theOneServerConfigurationStaysValidAndIsTheDefault() throws ConfigException {
        AmiConfig ami = ConfigLoader.parse("ami:\n  host: 10.0.0.5\n  password: s\n", "g.yaml", Map.of()).ami();
        assertEquals(1, ami.servers().size());
        AmiConfig.Server only = ami.servers().getFirst();
        assertEquals("asterisk", only.name());
        assertEquals("10.0.0.5", only.host());
        assertEquals(5038, only.port());
        assertEquals("10.0.0.5", ami.host());

        assertEquals("pbx-a", ConfigLoader.parse("ami:\n  name: pbx-a\n  password: s\n", "g.yaml", Map.of())
                .ami().servers().getFirst().name());
    }

    @Test
    void severalServersEachHaveTheirOwnLoginAndFastAgiAddresses() throws ConfigException {
        AmiConfig ami = ConfigLoader.parse("""
                ami:
                  servers:
                    - name: pbx1
                      host: 10.0.0.1
                      passwordEnv: PBX1_SECRET
                      fastAgiFrom: [10.0.0.1]
                    - name: pbx2
                      host: 10.0.0.2
                      port: 5039
                      username: gw2
                      passwordEnv: PBX2_SECRET
                      fastAgiFrom: [10.0.0.2, 10.0.1.2]
                """, "g.yaml", ENV).ami();

        assertEquals(List.of("pbx1", "pbx2"), ami.servers().stream().map(AmiConfig.Server::name).toList());
        AmiConfig.Server two = ami.servers().get(1);
        assertEquals(5039, two.port());
        assertEquals("gw2", two.username());
        assertEquals("two", two.password());
        assertEquals(List.of("10.0.0.2", "10.0.1.2"), two.fastAgiFrom());
        assertEquals("10.0.0.1", ami.host(), "the first server's fields are the section's own");
        assertFalse(ami.toString().contains("two"), "no secret in " + ami);
    }

    @Test
    void withSeveralServersFastAgiClientsDefaultToEveryServersAddressesAndAClientOfNoServerIsRefused() throws ConfigException {
        String servers = """
                ami:
                  servers:
                    - {name: pbx1, password: a, fastAgiFrom: [10.0.0.1]}
                    - {name: pbx2, password: b, fastAgiFrom: [10.0.0.2, 10.0.1.2]}
                """;
        assertEquals(List.of("10.0.0.1", "10.0.0.2", "10.0.1.2"),
                ConfigLoader.parse(servers, "g.yaml", Map.of()).agi().allowedClients());
        assertEquals(List.of("10.0.0.2"), ConfigLoader.parse("agi:\n  allowedClients: [10.0.0.2]\n" + servers, "g.yaml",
                Map.of()).agi().allowedClients(), "an administrator may allow fewer");
        assertRefused("agi:\n  allowedClients: [10.0.0.2, 127.0.0.1]\n" + servers, "agi.allowedClients",
                "127.0.0.1 may connect but is in no ami.servers[].fastAgiFrom");
        assertEquals(Defaults.AGI_ALLOWED_CLIENTS, ConfigLoader.parse("ami:\n  password: s\n", "g.yaml", Map.of()).agi()
                .allowedClients(), "one server keeps the loopback default");
    }

    @Test
    void whatCannotWorkIsRefusedWithTheKeyAndWhatToDo() {
        assertRefused("""
                ami:
                  host: 10.0.0.9
                  servers:
                    - {name: pbx1, password: a, fastAgiFrom: [10.0.0.1]}
                """, "ami.host", "not both");
        assertRefused("""
                ami:
                  servers:
                    - {name: pbx1, password: a, fastAgiFrom: [10.0.0.1]}
                    - {name: pbx1, password: b, fastAgiFrom: [10.0.0.2]}
                """, "ami.servers[1].name", "duplicate server name");
        assertRefused("""
                ami:
                  servers:
                    - {name: pbx1, password: a, fastAgiFrom: [10.0.0.1]}
                    - {name: pbx2, password: b}
                """, "ami.servers[1].fastAgiFrom", "each needs fastAgiFrom");
        assertRefused("""
                ami:
                  servers:
                    - {name: pbx1, password: a, fastAgiFrom: [10.0.0.1]}
                    - {name: pbx2, password: b, fastAgiFrom: [10.0.0.1]}
                """, "ami.servers[1].fastAgiFrom[0]", "listed for ami.servers[0] already");
        assertRefused("""
                ami:
                  servers:
                    - {name: "PBX one", password: a}
                """, "ami.servers[0].name", "not a server name");
        assertRefused("""
                ami:
                  servers:
                    - {password: a}
                """, "ami.servers[0].name", "needs a name");
        assertRefused("""
                ami:
                  servers:
                    - {name: pbx1, password: a, fastAgiFrom: [pbx.example.net]}
                """, "ami.servers[0].fastAgiFrom[0]", "not an IP address");
    }

    private static void assertRefused(String yaml, String key, String says) {
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.parse(yaml, "g.yaml", Map.of()));
        assertTrue(e.problems().stream().anyMatch(p -> p.key().equals(key) && p.message().contains(says)),
                "expected " + key + ": ..." + says + "... in " + e.getMessage());
    }
}
