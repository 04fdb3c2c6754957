package org.recgateway.config;

import java.util.Objects;
import org.recgateway.policy.Role;

/**
 * An HTTP API token: only its SHA-256 is configured, so the file holds no secret.
 *
 * @param name   who holds the token, for the audit trail
 * @param sha256 lower-case hex SHA-256 of the token's UTF-8 bytes (64 characters)
 */
public record ApiToken(String name, Role role, String sha256) {
    public ApiToken {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(sha256, "sha256");
    }
}
