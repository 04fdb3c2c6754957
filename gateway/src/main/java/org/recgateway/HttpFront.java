package org.recgateway;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

import org.recgateway.config.GatewayConfig;
import org.recgateway.http.ApiServices;
import org.recgateway.http.ApiToken;
import org.recgateway.http.ApiTokens;
import org.recgateway.http.HttpApiServer;
import org.recgateway.http.Operations;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The HTTP API as the configuration asks for it: its tokens, TLS and limits. */
final class HttpFront {
    private static final Logger LOG = LoggerFactory.getLogger(HttpFront.class);

    private HttpFront() {
    }

    /**
     * Starts the HTTP API (added to {@code resources} to be closed at stop) and returns its port.
     *
     * @throws IOException when the port cannot be bound, the TLS files not read, or the generated token not written
     */
    static int start(GatewayConfig config, ApiServices services, Operations operations, List<AutoCloseable> resources)
            throws IOException {
        var http = config.http();
        HttpApiServer.Tls tls = http.tlsCertificate() == null ? null
                : new HttpApiServer.Tls(http.tlsCertificate(), http.tlsPrivateKey());
        HttpApiServer server = new HttpApiServer(http.bind(), http.port(), tokens(config), services, tls,
                new HttpApiServer.Limits(http.maxConnections(), http.idleTimeout(), http.requestTimeout()), operations);
        resources.add(server);
        int port = server.start();
        LOG.info("HTTP API listening on {}://{}:{} (listening page at /listen/)", tls == null ? "http" : "https",
                http.bind(), port);
        return port;
    }

    /** The configured tokens; with none, a new administrator token is made once and written to a file beside the store. */
    private static List<ApiToken> tokens(GatewayConfig config) throws IOException {
        List<ApiToken> tokens = new ArrayList<>();
        config.http().tokens().forEach(t -> tokens.add(new ApiToken(t.name(), t.role().id(), t.sha256())));
        Path file = config.store().path().toAbsolutePath().getParent().resolve("admin.token");
        if (!tokens.isEmpty()) {
            if (Files.exists(file)) {
                LOG.warn("the generated administrator token in {} is no longer accepted: http.tokens is configured, and only "
                        + "those tokens are; add an administrator token there (./run hash-token) and delete the file", file);
                // recognised, never accepted: a request with it is told why (401) instead of "not valid"
                tokens.add(new ApiToken(file.toString(), ApiToken.RETIRED, ApiTokens.sha256Hex(Files.readString(file).trim())));
            }
            return tokens;
        }
        String token;
        if (Files.exists(file)) {
            token = Files.readString(file).trim();
        } else {
            token = ApiTokens.newToken();
            Files.createDirectories(file.getParent());
            Files.writeString(file, token + "\n");
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException ignored) {
                // not a POSIX file system; the directory's permissions protect it
            }
        }
        LOG.warn("http.tokens is empty: the API accepts the administrator token in {} (send it as Authorization: Bearer <token>); "
                + "configure your own tokens with ./run hash-token", file);
        tokens.add(new ApiToken("generated-admin", "administrator", ApiTokens.sha256Hex(token)));
        return tokens;
    }
}
