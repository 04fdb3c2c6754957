package org.recgateway.policy;

import java.util.Objects;

/** Leave the matched calls unrecorded; {@code reason} is for logs and the dialplan, never the caller. */
public record DoNotRecordPlan(String reason) implements RuleAction {
    public DoNotRecordPlan {
        Objects.requireNonNull(reason, "reason");
    }
}
