package org.recgateway.http;

import java.util.Optional;
import java.util.Set;

/**
 * Decides whether a token holder may read recording metadata or the audit trail.
 *
 * <p>For now access is by role only: administrators and privacy officers may read the metadata of
 * every recording; every other role is refused. Later issues make access purpose-bound (PRODUCT.md,
 * rule 3): a provider token may reach only provider-diagnostics recordings of its own tickets and
 * only inside their listening window, and a quality recording never reaches a provider. That check
 * needs the recording, so it will take the {@code Recording} (or the query's purpose) as well as the
 * token; keep every read path going through this class so there is one place to add it.
 */
final class RecordingAccess {

    static final Set<String> METADATA_READERS = Set.of("administrator", "privacy-officer");
    /** Who may read and verify the audit trail: it shows every access to every recording. */
    static final Set<String> AUDIT_READERS = Set.of("administrator", "privacy-officer");

    private RecordingAccess() {
    }

    /** Why this token may not read recording metadata, or empty when it may. */
    static Optional<String> denialOfMetadata(ApiToken token) {
        if (METADATA_READERS.contains(token.role())) {
            return Optional.empty();
        }
        return Optional.of("role '" + token.role() + "' may not read recording metadata; roles that may: "
                + String.join(", ", METADATA_READERS.stream().sorted().toList()));
    }

    /** Why this token may not read or verify the audit trail, or empty when it may. */
    static Optional<String> denialOfAudit(ApiToken token) {
        if (AUDIT_READERS.contains(token.role())) {
            return Optional.empty();
        }
        return Optional.of("role '" + token.role() + "' may not read the audit trail; roles that may: "
                + String.join(", ", AUDIT_READERS.stream().sorted().toList()));
    }
}
