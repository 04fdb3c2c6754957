package org.recgateway.policy;

import java.util.Arrays;
import java.util.Optional;

/**
 * Which way a call goes, and so who must hear the notice before anything is recorded (PRODUCT.md rule 1,
 * "everyone whose voice is recorded was told first"). The direction of a call is not guessed from its
 * attributes: it is the FastAGI script Asterisk ran ({@code record} on the calling side before {@code Dial},
 * {@code record-called} on the called party's channel after they answered, before the bridge).
 */
public enum Direction {
    /** Someone called in: the notice plays to the caller before {@code Dial}. */
    INBOUND("inbound"),
    /**
     * An agent (or any internal phone) called out: the notice plays to the called party after they answered and
     * before the bridge (Dial option {@code U()} of {@code deploy/asterisk/extensions_recording_gateway_outbound.conf}).
     */
    OUTBOUND("outbound");

    private final String id;

    Direction(String id) {
        this.id = id;
    }

    /** The name in the policy file ({@code direction: outbound}) and in logs. */
    public String id() {
        return id;
    }

    /** The direction named {@code id}, or empty when there is none of that name. */
    public static Optional<Direction> fromId(String id) {
        return Arrays.stream(values()).filter(d -> d.id.equals(id)).findFirst();
    }
}
