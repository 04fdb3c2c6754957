package org.recgateway.testing;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import org.recgateway.recording.LegalHold;
import org.recgateway.recording.LegalHolds;
import org.recgateway.recording.Recording;

/** Legal holds in memory, for tests with the in-memory store: recording and number holds (numbers compared as written). */
public final class InMemoryLegalHolds implements LegalHolds {
    private final List<LegalHold> holds = new CopyOnWriteArrayList<>();

    @Override
    public LegalHold place(LegalHold.Kind kind, String target, String reason, String by, Instant at) {
        LegalHold hold = new LegalHold(UUID.randomUUID().toString(), kind, target, reason, by, at, null, null);
        holds.add(hold);
        return hold;
    }

    @Override
    public Optional<LegalHold> lift(String holdId, String by, Instant at) {
        for (LegalHold h : holds) {
            if (h.id().equals(holdId) && h.inForce()) {
                LegalHold lifted = new LegalHold(h.id(), h.kind(), h.target(), h.reason(), h.setBy(), h.setAt(), by, at);
                holds.set(holds.indexOf(h), lifted);
                return Optional.of(lifted);
            }
        }
        return Optional.empty();
    }

    @Override
    public List<LegalHold> all() {
        return List.copyOf(holds);
    }

    @Override
    public List<LegalHold> covering(Recording r) {
        return holds.stream().filter(LegalHold::inForce).filter(h -> switch (h.kind()) {
            case RECORDING -> h.target().equals(r.id());
            case NUMBER -> h.target().equals(r.callerNumber()) || h.target().equals(r.calledNumber());
            case TICKET -> false;
        }).toList();
    }
}
