package org.recgateway.diagnostics;

import java.util.Objects;

/**
 * Who pressed the diagnostic switch and how: the evidence of the agent's agreement (PRODUCT.md rule 4:
 * the agent switches it on). An administrator may act on the agent's behalf only where the ticket allows it.
 *
 * @param actor the audit actor, e.g. {@code agent:PJSIP/agent} or {@code token:admin}
 */
public record SwitchedBy(String actor, How how) {
    public SwitchedBy {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(how, "how");
    }

    /** The ways to press the switch. */
    public enum How {
        /** The agent's own phone, feature code {@code *8}/{@code *7}. */
        FEATURE_CODE("feature-code"),
        /** The agent's own API token, for its own device. */
        AGENT_TOKEN("agent-token"),
        /** An administrator's token, on the agent's behalf. */
        ADMINISTRATOR("administrator");

        private final String id;

        How(String id) {
            this.id = id;
        }

        /** The name kept in the store and the audit trail. */
        public String id() {
            return id;
        }
    }
}
