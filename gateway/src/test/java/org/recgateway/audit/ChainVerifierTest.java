package org.recgateway.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class ChainVerifierTest {
    /** A fixed test key; production keys come from keys.auditKeyFile. */
    static final HashChain CHAIN = HashChain.keyed(new byte[32]);

    private static final Instant T0 = Instant.parse("2025-03-14T09:26:53Z");

    @Test
    void emptyTrailIsIntactWithTheGenesisHash() {
        assertEquals(new Verification.Intact(0, HashChain.GENESIS), new ChainVerifier(CHAIN).result());
    }

    @Test
    void untouchedChainIsIntactWithCountAndLastHash() {
        List<AuditEvent> chain = chain(5);

        assertEquals(new Verification.Intact(5, chain.getLast().hash()), verify(chain));
    }

    @Test
    void changedFieldIsEditedAtThatEvent() {
        List<AuditEvent> chain = new ArrayList<>(chain(5));
        AuditEvent e = chain.get(2);
        chain.set(2, new AuditEvent(e.sequence(), e.at(), "token:mallory", e.action(), e.recordingId(),
                e.details(), e.previousHash(), e.hash()));

        Verification.Broken broken = (Verification.Broken) verify(chain);

        assertEquals(3, broken.sequence());
        assertEquals(Verification.Problem.EDITED, broken.problem());
        assertEquals(2, broken.verified());
    }

    @Test
    void missingEventIsNamedByItsSequenceNumber() {
        List<AuditEvent> chain = new ArrayList<>(chain(5));
        chain.remove(3);

        Verification.Broken broken = (Verification.Broken) verify(chain);

        assertEquals(4, broken.sequence());
        assertEquals(Verification.Problem.MISSING, broken.problem());
        assertTrue(broken.reason().contains("event 3 is followed by 5"), broken.reason());
    }

    @Test
    void missingFirstEventIsNamed() {
        Verification.Broken broken = (Verification.Broken) verify(chain(3).subList(1, 3));

        assertEquals(1, broken.sequence());
        assertEquals(Verification.Problem.MISSING, broken.problem());
    }

    @Test
    void rewrittenEventWithARecomputedHashBreaksTheNextLink() {
        List<AuditEvent> chain = new ArrayList<>(chain(4));
        AuditEvent e = chain.get(1);
        chain.set(1, CHAIN.link(2, e.at(), e.actor(), e.action(), "another", e.details(), e.previousHash()));

        Verification.Broken broken = (Verification.Broken) verify(chain);

        assertEquals(3, broken.sequence());
        assertEquals(Verification.Problem.REORDERED, broken.problem());
        assertTrue(broken.reason().contains("event 2"), broken.reason());
    }

    @Test
    void swappedEventsAreReordered() {
        List<AuditEvent> chain = chain(4);
        // Each event re-sequenced (and re-hashed) into the other's place, keeping its own link.
        AuditEvent two = chain.get(1);
        AuditEvent three = chain.get(2);
        List<AuditEvent> swapped = List.of(chain.get(0),
                CHAIN.link(2, three.at(), three.actor(), three.action(), three.recordingId(), three.details(),
                        three.previousHash()),
                CHAIN.link(3, two.at(), two.actor(), two.action(), two.recordingId(), two.details(),
                        two.previousHash()),
                chain.get(3));

        Verification.Broken broken = (Verification.Broken) verify(swapped);

        assertEquals(2, broken.sequence());
        assertEquals(Verification.Problem.REORDERED, broken.problem());
    }

    @Test
    void unreadableEventIsEdited() {
        ChainVerifier verifier = new ChainVerifier(CHAIN);
        chain(2).forEach(verifier::accept);

        assertFalse(verifier.unreadable(3, "its time 'yesterday' is not an instant"));
        Verification.Broken broken = (Verification.Broken) verifier.result();
        assertEquals(3, broken.sequence());
        assertEquals(Verification.Problem.EDITED, broken.problem());
        assertTrue(broken.reason().contains("yesterday"), broken.reason());
    }

    static List<AuditEvent> chain(int length) {
        List<AuditEvent> chain = new ArrayList<>();
        String previous = HashChain.GENESIS;
        for (int i = 1; i <= length; i++) {
            AuditEvent e = CHAIN.link(i, T0.plusSeconds(i), Actors.token("dpo"), AuditAction.RECORDING_READ,
                    "r" + i, Map.of("n", Integer.toString(i)), previous);
            chain.add(e);
            previous = e.hash();
        }
        return List.copyOf(chain);
    }

    private static Verification verify(List<AuditEvent> events) {
        ChainVerifier verifier = new ChainVerifier(CHAIN);
        for (AuditEvent e : events) {
            if (!verifier.accept(e)) {
                break;
            }
        }
        return verifier.result();
    }
}
