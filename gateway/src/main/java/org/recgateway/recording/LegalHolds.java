package org.recgateway.recording;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Where legal holds live (the {@code store} adapter); every write is durable when the method returns. */
public interface LegalHolds {

    /** Stores a new hold; a number target is stored as its {@link PhoneNumbers} key. */
    LegalHold place(LegalHold.Kind kind, String target, String reason, String by, Instant at);

    /** Lifts a hold in force; empty when there is no such hold or it was lifted already. */
    Optional<LegalHold> lift(String holdId, String by, Instant at);

    /** Every hold, in force and lifted, newest first. */
    List<LegalHold> all();

    /** The holds in force that cover this recording: on its id, on either of its numbers, on its diagnostic ticket. */
    List<LegalHold> covering(Recording recording);
}
