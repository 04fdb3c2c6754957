package org.recgateway.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.recgateway.policy.Role;

/**
 * The HTTP API for recordings, subject requests and diagnostics.
 *
 * @param tokens         the API tokens; when empty the gateway creates an administrator token on first start
 * @param tlsCertificate PEM certificate chain for HTTPS ({@code tls.certificate}), or null for plain HTTP
 * @param tlsPrivateKey  its PKCS#8 PEM private key ({@code tls.privateKey}); set exactly when the certificate is
 * @param maxConnections at most this many open connections; beyond it the oldest one not being answered is closed
 * @param idleTimeout    a connection that starts no request for this long is closed
 * @param requestTimeout a request must arrive whole within this, from its first byte
 */
public record HttpConfig(boolean enabled, String bind, int port, List<ApiToken> tokens, Path tlsCertificate,
                         Path tlsPrivateKey, int maxConnections, java.time.Duration idleTimeout,
                         java.time.Duration requestTimeout) {
    public HttpConfig {
        tokens = List.copyOf(tokens);
    }

    /** With the default connection limits. */
    public HttpConfig(boolean enabled, String bind, int port, List<ApiToken> tokens, Path tlsCertificate, Path tlsPrivateKey) {
        this(enabled, bind, port, tokens, tlsCertificate, tlsPrivateKey, Defaults.HTTP_MAX_CONNECTIONS,
                Defaults.HTTP_IDLE_TIMEOUT, Defaults.HTTP_REQUEST_TIMEOUT);
    }

    /** Plain HTTP. */
    public HttpConfig(boolean enabled, String bind, int port, List<ApiToken> tokens) {
        this(enabled, bind, port, tokens, null, null);
    }

    static HttpConfig read(Section s) {
        boolean enabled = s.bool("enabled", Defaults.HTTP_ENABLED);
        String bind = Checks.bindAddress(s, Defaults.HTTP_BIND);
        int port = s.port("port", Defaults.HTTP_PORT);
        List<ApiToken> tokens = new ArrayList<>();
        Map<String, String> names = new HashMap<>();
        Map<String, String> hashes = new HashMap<>();
        for (Section t : s.sections("tokens")) {
            token(t).ifPresent(token -> {
                String earlierName = names.putIfAbsent(token.name(), t.path());
                String earlierHash = hashes.putIfAbsent(token.sha256(), t.path());
                if (earlierName != null) {
                    t.problem("name", "duplicate token name; " + earlierName + " already uses it");
                } else if (earlierHash != null) {
                    t.problem("sha256", "the same hash as " + earlierHash + "; every holder needs a token of their own");
                } else {
                    tokens.add(token);
                }
            });
        }
        Section tls = s.section("tls");
        int before = tls.problems().count();
        Path certificate = readable(tls, "certificate");
        Path key = readable(tls, "privateKey");
        if ((certificate == null) != (key == null) && tls.problems().count() == before) {
            tls.problem(certificate == null ? "certificate" : "privateKey",
                    "HTTPS needs both tls.certificate and tls.privateKey (PEM files); give both or neither");
        }
        tls.finish();
        int maxConnections = s.integer("maxConnections", Defaults.HTTP_MAX_CONNECTIONS, 1, 1_000_000);
        java.time.Duration idle = s.duration("idleTimeout", Defaults.HTTP_IDLE_TIMEOUT);
        java.time.Duration request = s.duration("requestTimeout", Defaults.HTTP_REQUEST_TIMEOUT);
        s.finish();
        return new HttpConfig(enabled, bind, port, tokens, certificate, key, maxConnections, idle, request);
    }

    private static Optional<ApiToken> token(Section t) {
        int before = t.problems().count();
        Optional<Located> name = t.text("name");
        Optional<Located> role = t.text("role");
        Optional<Located> sha = t.text("sha256");
        if (name.isEmpty() || name.get().value().isBlank()) {
            t.problem("name", "required: who holds this token, as the audit trail will show it");
        }
        Optional<Role> parsedRole = role.flatMap(r -> Role.fromId(r.value()));
        if (role.isEmpty()) {
            t.problem("role", "required; roles: " + roles());
        } else if (parsedRole.isEmpty()) {
            t.problem("role", "unknown role " + Problems.show(role.get().value()) + "; roles: " + roles());
        }
        if (sha.isEmpty()) {
            t.problem("sha256", "required: the SHA-256 (hex) of the token, e.g. from `printf %s TOKEN | sha256sum`");
        } else if (!sha.get().value().matches("[0-9a-fA-F]{64}")) {
            t.problem("sha256", "must be 64 hexadecimal characters (the SHA-256 of the token, not the token itself);"
                    + " compute it with `printf %s TOKEN | sha256sum`");
        }
        t.finish();
        if (t.problems().count() > before) {
            return Optional.empty();
        }
        return Optional.of(new ApiToken(name.get().value(), parsedRole.get(), sha.get().value().toLowerCase()));
    }

    private static Path readable(Section tls, String key) {
        return tls.text(key).map(t -> {
            Path p = Path.of(t.value()).toAbsolutePath().normalize();
            if (!Files.isReadable(p)) {
                tls.problem(key, "cannot read " + Problems.show(t.value()) + "; give the path of a PEM file the gateway may read");
                return null;
            }
            return p;
        }).orElse(null);
    }

    private static String roles() {
        return Arrays.stream(Role.values()).map(Role::id).collect(Collectors.joining(", "));
    }
}
