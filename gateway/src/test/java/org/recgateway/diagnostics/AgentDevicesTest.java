package org.recgateway.diagnostics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;

import org.junit.jupiter.api.Test;

class AgentDevicesTest {
    private final AgentDevices agents = new AgentDevices(Set.of("PJSIP/agent"));

    @Test
    void theDeviceIsTheChannelWithoutAsterisksSuffix() {
        assertEquals("PJSIP/agent-b", AgentDevices.deviceOf("PJSIP/agent-b-0000002a"));
        assertEquals("PJSIP/agent-b", AgentDevices.deviceOf("PJSIP/agent-b"), "a bare device keeps its name");
        assertEquals("PJSIP/agent", AgentDevices.deviceOf("PJSIP/agent-0000002a"));
    }

    @Test
    void onlyTheConfiguredDeviceMatchesExactly() {
        assertTrue(agents.knows("PJSIP/agent-0000002a"));
        assertTrue(agents.knows("PJSIP/agent"));
        assertFalse(agents.knows("PJSIP/agent-b-0000002a"), "no prefix match");
        assertFalse(agents.knows("PJSIP/agent-b"));
        assertFalse(agents.knows("PJSIP/caller-0000002b"));
        assertFalse(agents.knows(null));
    }
}
