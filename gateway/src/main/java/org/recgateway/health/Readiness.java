package org.recgateway.health;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The readiness checks, run in order on each question. A check answers empty when all is well, or a
 * reason that names what is wrong and what to do; a check that throws counts as not ready with the
 * exception's message. Thread-safe when the checks are.
 */
public final class Readiness {

    /** One condition the gateway needs; {@code name} is a short stable id (e.g. {@code store-writable}). */
    public interface Check {
        Optional<String> problem() throws Exception;
    }

    /** A named check. */
    public record Named(String name, Check check) { }

    private final List<Named> checks;

    public Readiness(List<Named> checks) {
        this.checks = List.copyOf(checks);
    }

    /** Every failing check as {@code name: reason}; empty when ready. */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        for (Named n : checks) {
            try {
                n.check().problem().ifPresent(p -> problems.add(n.name() + ": " + p));
            } catch (Exception e) {
                problems.add(n.name() + ": " + e.getMessage());
            }
        }
        return problems;
    }
}
