package org.recgateway.testing;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.recgateway.audit.AuditAction;
import org.recgateway.audit.AuditEvent;
import org.recgateway.audit.AuditTrail;
import org.recgateway.audit.ChainVerifier;
import org.recgateway.audit.HashChain;
import org.recgateway.audit.Verification;

/** An {@link AuditTrail} in a list, for tests of the parts that append to it; chained and verified like the real one. */
public final class InMemoryAuditTrail implements AuditTrail {
    /** A fixed test key; production keys come from keys.auditKeyFile. */
    static final HashChain CHAIN = HashChain.keyed(new byte[32]);

    private final Clock clock;
    private final List<AuditEvent> events = new ArrayList<>();

    public InMemoryAuditTrail(Clock clock) {
        this.clock = clock;
    }

    @Override
    public synchronized AuditEvent append(String actor, AuditAction action, String recordingId,
                                          Map<String, String> details) {
        String previous = events.isEmpty() ? HashChain.GENESIS : events.getLast().hash();
        AuditEvent event = CHAIN.link(events.size() + 1, clock.instant(), actor, action, recordingId, details,
                previous);
        events.add(event);
        return event;
    }

    @Override
    public synchronized List<AuditEvent> forRecording(String recordingId) {
        return events.stream().filter(e -> recordingId.equals(e.recordingId())).toList();
    }

    @Override
    public synchronized List<AuditEvent> since(long sequence, int limit) {
        AuditTrail.checkLimit(limit);
        return events.stream().filter(e -> e.sequence() > sequence).limit(limit).toList();
    }

    @Override
    public synchronized Verification verify() {
        ChainVerifier verifier = new ChainVerifier(CHAIN);
        for (AuditEvent e : events) {
            if (!verifier.accept(e)) {
                break;
            }
        }
        return verifier.result();
    }

    /** Every event, oldest first. */
    public synchronized List<AuditEvent> events() {
        return List.copyOf(events);
    }
}
