package org.recgateway.recording;

import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * A legal hold: while it is in force no deletion touches what it covers (retention, erasure, the
 * end of a listening window, a closed ticket); lifting it lets the next sweep catch up.
 *
 * @param id       the hold's id
 * @param kind     what it covers: one recording, every recording of a phone number, every recording of a ticket
 * @param target   the recording id, the number's {@link PhoneNumbers} key (E.164 when it could be placed) or the ticket id
 * @param reason   why, in the words of whoever set it (e.g. a case reference)
 * @param setBy    who set it
 * @param setAt    when
 * @param liftedBy who lifted it; null while in force
 * @param liftedAt when it was lifted; null while in force
 */
public record LegalHold(String id, Kind kind, String target, String reason, String setBy, Instant setAt,
                        String liftedBy, Instant liftedAt) {
    public LegalHold {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(setBy, "setBy");
        Objects.requireNonNull(setAt, "setAt");
    }

    /** True until lifted. */
    public boolean inForce() {
        return liftedAt == null;
    }

    /** What a hold covers. */
    public enum Kind {
        RECORDING, NUMBER, TICKET;

        /** The stored and API name: {@code recording}, {@code number}, {@code ticket}. */
        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Optional<Kind> fromId(String id) {
            return Arrays.stream(values()).filter(k -> k.id().equals(id)).findFirst();
        }
    }
}
