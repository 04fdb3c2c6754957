package org.recgateway.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

class DiagnosticsConfigTest {

    @Test
    void theAgentsAreDevicesListedExactly() throws Exception {
        GatewayConfig config = ConfigLoader.parse("ami: {enabled: false}\ndiagnostics:\n  agents: [PJSIP/agent1, PJSIP/agent-b]\n",
                "test.yaml", Map.of());
        assertEquals(Set.of("PJSIP/agent1", "PJSIP/agent-b"), config.diagnostics().agents());
        assertEquals(Set.of(), ConfigLoader.parse("ami: {enabled: false}\n", "test.yaml", Map.of()).diagnostics().agents(),
                "none by default: nobody can switch");
    }

    @Test
    void aChannelOrSomethingElseInsteadOfADeviceIsRefusedWithTheLine() {
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.parse(
                "ami: {enabled: false}\ndiagnostics:\n  agents: [PJSIP/agent1-0000002a, \"agent; rm\"]\n  agent: []\n",
                "test.yaml", Map.of()));
        assertTrue(e.getMessage().contains("test.yaml:3") && e.getMessage().contains("not a channel with its -0000002a suffix"),
                e.getMessage());
        assertTrue(e.getMessage().contains("unknown key 'agent'"), e.getMessage());
        assertEquals(3, e.problems().size(), e.getMessage());
    }
}
