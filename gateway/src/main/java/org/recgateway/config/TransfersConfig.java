package org.recgateway.config;

import java.time.Duration;
import java.util.Arrays;
import java.util.stream.Collectors;

import org.recgateway.policy.NewPartyRule;

/**
 * What the gateway does when a party joins a recorded call by transfer or conference (section {@code transfers}).
 *
 * @param newParty      {@code stop-recording} (the default, the safe one) or {@code notice}
 * @param noticeTimeout how long the notice to the new party may take before the recording stops instead
 */
public record TransfersConfig(NewPartyRule newParty, Duration noticeTimeout) {

    /** The defaults: stop recording, 30 s for a notice. */
    public static TransfersConfig defaults() {
        return new TransfersConfig(Defaults.TRANSFERS_NEW_PARTY, Defaults.TRANSFERS_NOTICE_TIMEOUT);
    }

    static TransfersConfig read(Section s) {
        NewPartyRule rule = s.text("newParty").map(t -> NewPartyRule.fromId(t.value()).orElseGet(() -> {
            s.problems().add(t.line(), t.key(), "unknown value " + Problems.show(t.value()) + "; write one of "
                    + Arrays.stream(NewPartyRule.values()).map(NewPartyRule::id).collect(Collectors.joining(", "))
                    + " (" + Defaults.TRANSFERS_NEW_PARTY.id() + " is the default)");
            return Defaults.TRANSFERS_NEW_PARTY;
        })).orElse(Defaults.TRANSFERS_NEW_PARTY);
        Duration timeout = s.duration("noticeTimeout", Defaults.TRANSFERS_NOTICE_TIMEOUT);
        s.finish();
        return new TransfersConfig(rule, timeout);
    }
}
