package org.recgateway.policy;

import java.util.Arrays;
import java.util.Optional;

/**
 * What happens when a new party joins a recorded call (a blind or attended transfer, a conference join):
 * PRODUCT.md, "everyone whose voice is recorded was told first: ... a party who joins by transfer".
 * Either way nobody is recorded without a notice; the default, {@link #STOP_RECORDING}, needs nothing
 * to go right in the bridge (no prompt has to reach the new party), so it is the safe one.
 */
public enum NewPartyRule {
    /** The recording stops (by its MixMonitor id) and is filed as it was; the new party is not recorded. */
    STOP_RECORDING("stop-recording"),
    /**
     * The recording is paused (MixMonitor muted, both directions), the call's notice plays into the bridge so
     * that the new party hears it, and the recording goes on only when it played to the end with the new party
     * in the bridge; otherwise it stops as with {@link #STOP_RECORDING}.
     */
    NOTICE("notice");

    private final String id;

    NewPartyRule(String id) {
        this.id = id;
    }

    /** The name in the configuration file ({@code transfers.newParty}). */
    public String id() {
        return id;
    }

    /** The rule named {@code id}, if there is one. */
    public static Optional<NewPartyRule> fromId(String id) {
        return Arrays.stream(values()).filter(r -> r.id.equals(id)).findFirst();
    }
}
