package org.recgateway.http;

import java.security.MessageDigest;
import java.time.Clock;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Checks an {@code Authorization: Bearer <token>} header against the configured token hashes. The
 * presented token is hashed and compared with every configured hash in constant time, so neither
 * timing nor the order of tokens tells an attacker how close a guess was.
 */
final class Authenticator {

    /** RFC 6750 b64token characters, with a length cap so a huge header is not hashed. */
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9\\-._~+/]{1,512}=*");
    private static final String SCHEME = "bearer ";

    private final List<ApiToken> tokens;
    private final List<byte[]> hashes;

    private final Clock clock;

    Authenticator(List<ApiToken> tokens) {
        this(tokens, Clock.systemUTC());
    }

    Authenticator(List<ApiToken> tokens, Clock clock) {
        this.clock = clock;
        this.tokens = List.copyOf(tokens);
        this.hashes = this.tokens.stream().map(ApiToken::hashBytes).toList();
    }

    /** What the header proves: an authenticated token holder, or why it does not. */
    sealed interface Result {
        record Authenticated(ApiToken token) implements Result {
        }

        record Rejected(String reason) implements Result {
        }
    }

    Result authenticate(String header) {
        if (header == null || header.isBlank()) {
            return new Result.Rejected("authentication required");
        }
        if (header.length() <= SCHEME.length() || !header.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            return new Result.Rejected("the Authorization header must use the Bearer scheme");
        }
        String token = header.substring(SCHEME.length()).strip();
        if (!TOKEN.matcher(token).matches()) {
            return new Result.Rejected("the bearer token is malformed");
        }
        byte[] presented = ApiTokens.sha256(token);
        ApiToken match = null;
        for (int i = 0; i < hashes.size(); i++) {
            if (MessageDigest.isEqual(presented, hashes.get(i)) && match == null) {
                match = tokens.get(i);
            }
        }
        if (match == null) {
            return new Result.Rejected("the bearer token is not valid");
        }
        if (ApiToken.RETIRED.equals(match.role())) {
            return new Result.Rejected("this is the generated administrator token (" + match.name() + "), which is no longer"
                    + " accepted because http.tokens is configured: only those tokens are; add an administrator token there"
                    + " (./run hash-token) and delete the generated token's file");
        }
        if (match.expires() != null && !clock.instant().isBefore(match.expires())) {
            return new Result.Rejected("the bearer token expired at " + match.expires() + "; ask an administrator for a new one");
        }
        return new Result.Authenticated(match);
    }
}
