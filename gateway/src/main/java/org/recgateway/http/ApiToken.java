package org.recgateway.http;

import java.time.Instant;
import java.util.HexFormat;
import java.util.Objects;

/**
 * A configured API token: who holds it, their role, and the SHA-256 (hex) of the token itself;
 * the token is never stored.
 *
 * @param name   who or what holds the token, for logs and the audit trail
 * @param role   the holder's role, e.g. {@code administrator} or {@code privacy-officer}
 * @param sha256 lowercase or uppercase hex SHA-256 of the token, 64 characters
 * @param expires when the token stops being accepted, or null for never (revoke by removing it)
 */
public record ApiToken(String name, String role, String sha256, Instant expires) {

    /**
     * The role of a token that is no longer accepted but is still recognised, so that its holder is told why: the
     * generated administrator token once {@code http.tokens} is configured.
     */
    public static final String RETIRED = "retired";

    /** A token that does not expire. */
    public ApiToken(String name, String role, String sha256) {
        this(name, role, sha256, null);
    }

    public ApiToken {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(sha256, "sha256");
        if (sha256.length() != 64 || !sha256.chars().allMatch(HexFormat::isHexDigit)) {
            throw new IllegalArgumentException("API token '" + name + "' has sha256 '" + sha256
                    + "', expected 64 hex characters; compute it with ApiTokens.sha256Hex(token)");
        }
    }

    byte[] hashBytes() {
        return HexFormat.of().parseHex(sha256);
    }
}
