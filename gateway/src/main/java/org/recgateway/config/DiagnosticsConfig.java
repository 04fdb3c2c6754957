package org.recgateway.config;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Provider diagnostics.
 *
 * @param agents the agents' devices (e.g. {@code PJSIP/agent1}): only channels of these devices may switch a
 *               diagnostic recording on or off or mark a fault; matched exactly, by device. Empty: nobody can.
 */
public record DiagnosticsConfig(Set<String> agents) {
    private static final Pattern DEVICE = Pattern.compile("[A-Za-z0-9]{1,16}/[A-Za-z0-9._-]{1,80}");

    public DiagnosticsConfig {
        agents = Set.copyOf(agents);
    }

    static DiagnosticsConfig read(Section s) {
        Set<String> agents = new LinkedHashSet<>();
        List<Located> listed = s.texts("agents");
        for (Located agent : listed) {
            String device = agent.value().strip();
            if (DEVICE.matcher(device).matches() && !device.matches(".*-[0-9a-fA-F]{8}$")) {
                agents.add(device);
            } else {
                s.problems().add(agent.line(), agent.key(), Problems.show(agent.value())
                        + " is not an agent device; write TECH/name as in the dialplan, e.g. PJSIP/agent1"
                        + " (not a channel with its -0000002a suffix)");
            }
        }
        s.finish();
        return new DiagnosticsConfig(agents);
    }
}
