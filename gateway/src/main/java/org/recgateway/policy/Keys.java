package org.recgateway.policy;

import java.time.Duration;

/** Checks shared by the caller's choices: one DTMF key, a bounded wait. */
final class Keys {
    private Keys() {
    }

    static void requireDtmf(String key) {
        if (key == null || !key.matches("[0-9*#]")) {
            throw new IllegalArgumentException("a key is one DTMF digit 0-9, * or #, was " + key);
        }
    }

    static void requirePositiveAtMost(Duration d, Duration max, String what) {
        if (d == null || d.isNegative() || d.isZero() || d.compareTo(max) > 0) {
            throw new IllegalArgumentException(what + " must be longer than zero and at most " + max.toSeconds() + " s, was " + d);
        }
    }
}
