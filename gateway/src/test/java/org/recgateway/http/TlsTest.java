package org.recgateway.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recgateway.store.JdbcRecordingStore;

/** The API over HTTPS with a PEM certificate and key, as a deployment configures with http.tls. */
class TlsTest {

    @TempDir
    Path dir;

    @Test
    void theApiAnswersOverHttpsWithTheConfiguredCertificate() throws Exception {
        Path cert = dir.resolve("cert.pem");
        Path key = dir.resolve("key.pem");
        Process openssl = new ProcessBuilder("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
                "-subj", "/CN=localhost", "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", key.toString(),
                "-out", cert.toString()).redirectErrorStream(true).redirectOutput(dir.resolve("openssl.log").toFile()).start();
        assertEquals(true, openssl.waitFor(60, TimeUnit.SECONDS), "openssl did not finish");
        assertEquals(0, openssl.exitValue(), "openssl (Debian package openssl) could not make a test certificate: "
                + Files.readString(dir.resolve("openssl.log")));
        String token = ApiTokens.newToken();
        try (JdbcRecordingStore store = JdbcRecordingStore.open(dir.resolve("r.db"));
             HttpApiServer server = new HttpApiServer("127.0.0.1", 0,
                     List.of(new ApiToken("admin", "administrator", ApiTokens.sha256Hex(token))),
                     ApiServices.readOnly(store, store.auditTrail(Clock.systemUTC()), Clock.systemUTC()),
                     new HttpApiServer.Tls(cert, key))) {
            int port = server.start();
            KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
            trust.load(null, null);
            try (InputStream in = Files.newInputStream(cert)) {
                trust.setCertificateEntry("gateway", CertificateFactory.getInstance("X.509").generateCertificate(in));
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            SSLContext ssl = SSLContext.getInstance("TLS");
            ssl.init(null, tmf.getTrustManagers(), null);
            try (HttpClient client = HttpClient.newBuilder().sslContext(ssl).build()) {
                HttpResponse<String> response = client.send(HttpRequest.newBuilder(
                        URI.create("https://127.0.0.1:" + port + "/api/recordings"))
                        .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
                assertEquals(200, response.statusCode());
                assertEquals("{\"recordings\":[]}", response.body());
            }
            try (HttpClient plain = HttpClient.newHttpClient()) {
                assertThrows(java.io.IOException.class, () -> plain.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/health")).build(), HttpResponse.BodyHandlers.ofString()));
            }
        }
    }

    @Test
    void aKeyThatIsNotPemIsRefusedWithTheFiles() throws Exception {
        Path cert = Files.writeString(dir.resolve("cert.pem"), "not a certificate");
        Path key = Files.writeString(dir.resolve("key.pem"), "not a key");

        IllegalStateException e = assertThrows(IllegalStateException.class, () -> new HttpApiServer.Tls(cert, key).context());
        assertEquals(true, e.getMessage().contains("cert.pem") && e.getMessage().contains("PKCS#8"), e.getMessage());
    }
}
