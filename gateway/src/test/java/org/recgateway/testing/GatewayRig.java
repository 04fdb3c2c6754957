package org.recgateway.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import org.recgateway.Gateway;
import org.recgateway.GatewayMain;
import org.recgateway.prompts.ManifestPromptLibrary;
import org.recgateway.prompts.NoticePrompt;
import org.recgateway.recording.Recording;
import org.recgateway.recording.RecordingQuery;
import org.recgateway.recording.RecordingStatus;

/**
 * The real Asterisk 22 and the real gateway, started from a configuration file the way
 * {@code ./run gateway} starts it, with the policy the test gives. Each end-to-end class has its own
 * output directory under {@code target/e2e/<name>} and its own store; recordings from earlier runs
 * are removed first.
 */
public final class GatewayRig implements AutoCloseable {
    /** API tokens of the rig's gateway: an administrator, and the provider {@code kpn} of the diagnostic tickets. */
    public static final String ADMIN_TOKEN = "e2e-administrator-token-0123456789";
    public static final String PROVIDER_TOKEN = "e2e-provider-kpn-token-0123456789";
    /** The agent's token: its name is the device the shipped dialplan dials, PJSIP/agents. */
    public static final String AGENT_TOKEN = "e2e-agent-agents-token-0123456789";
    /** The HTTP API of the rig's gateway (a free port, see {@link RigPorts}). */
    public static final int HTTP_PORT = RigPorts.at(1);
    /** The HTTP API of a second gateway, where a test starts one (FastAGI on {@link AsteriskRig#AGI2_PORT}). */
    public static final int HTTP2_PORT = RigPorts.at(5);

    private final Path out;
    private final AsteriskRig asterisk;
    private Gateway gateway;
    private final ManifestPromptLibrary prompts;

    private GatewayRig(Path out, AsteriskRig asterisk, Gateway gateway, ManifestPromptLibrary prompts) {
        this.out = out;
        this.asterisk = asterisk;
        this.gateway = gateway;
        this.prompts = prompts;
    }

    public static GatewayRig start(String name, String policyYaml) throws Exception {
        return start(name, policyYaml, "", out -> { });
    }

    /** Work done before the gateway starts, e.g. mounting a small file system where its store goes. */
    @FunctionalInterface
    public interface BeforeGateway {
        void prepare(Path out) throws Exception;
    }

    /**
     * @param recordingsKeys more keys of the {@code recordings} section, each line indented by two spaces
     * @param before         run with the output directory once Asterisk runs and before the gateway starts
     */
    public static GatewayRig start(String name, String policyYaml, String recordingsKeys, BeforeGateway before) throws Exception {
        Path out = Path.of("target", "e2e", name).toAbsolutePath();
        delete(out);
        Files.createDirectories(out);
        AsteriskRig asterisk = AsteriskRig.start(out.resolve("asterisk.log"));
        System.out.println("End-to-end tests (" + name + ") against: " + asterisk.version());
        delete(asterisk.recordingsDirectory());
        Path config = out.resolve("gateway.yaml");
        Files.writeString(config, config(asterisk, out, policyYaml).replace("  localDirectory: " + asterisk.recordingsDirectory() + "\n",
                "  localDirectory: " + asterisk.recordingsDirectory() + "\n" + recordingsKeys));
        Gateway gateway;
        try {
            before.prepare(out);
            gateway = GatewayMain.start(config);
        } catch (Exception e) {
            asterisk.close();
            throw e;
        }
        Path repo = AsteriskRig.repo();
        ManifestPromptLibrary prompts = ManifestPromptLibrary.load(repo.resolve("notice-prompts/manifest.json"),
                repo.resolve("notice-prompts/sounds"), "recording-gateway");
        return new GatewayRig(out, asterisk, gateway, prompts);
    }

    private static String config(AsteriskRig rig, Path out, String policyYaml) {
        return config(rig, AsteriskRig.AGI_PORT, HTTP_PORT, "  path: " + out.resolve("store/recordings.db") + "\n", "", policyYaml);
    }

    /**
     * The rig's gateway configuration: FastAGI on {@code agiPort} and HTTP on {@code httpPort} (loopback), AMI to the
     * rig's Asterisk, the rig's tokens, recordings and prompts.
     *
     * @param storeKeys the keys of the {@code store} section, each line indented by two spaces
     * @param moreYaml  more top-level sections (e.g. {@code keys}), written before the policy
     */
    public static String config(AsteriskRig rig, int agiPort, int httpPort, String storeKeys, String moreYaml, String policyYaml) {
        Path repo = AsteriskRig.repo();
        return """
                agi:
                  bind: 127.0.0.1
                  port: %d
                ami:
                  host: 127.0.0.1
                  port: %d
                  username: recgateway
                  password: change-me
                  pingInterval: 2s
                http:
                  bind: 127.0.0.1
                  port: %d
                  tokens:
                    - {name: e2e-admin, role: administrator, sha256: %s}
                    - {name: kpn, role: provider, sha256: %s}
                    - {name: PJSIP/agents, role: agent, sha256: %s}
                diagnostics:
                  agents: [PJSIP/agent, PJSIP/agent2, PJSIP/agents]
                store:
                %srecordings:
                  asteriskDirectory: %s
                  localDirectory: %s
                prompts:
                  manifest: %s
                  sounds: %s
                  playbackPrefix: recording-gateway
                  asteriskSounds: %s
                """.formatted(agiPort, AsteriskRig.AMI_PORT, httpPort,
                org.recgateway.http.ApiTokens.sha256Hex(ADMIN_TOKEN), org.recgateway.http.ApiTokens.sha256Hex(PROVIDER_TOKEN),
                org.recgateway.http.ApiTokens.sha256Hex(AGENT_TOKEN), storeKeys,
                AsteriskRig.RECORDINGS, rig.recordingsDirectory(), repo.resolve("notice-prompts/manifest.json"),
                repo.resolve("notice-prompts/sounds"), rig.chrootDirectory().resolve("usr/share/asterisk/sounds")) + moreYaml + policyYaml;
    }

    public Gateway gateway() {
        return gateway;
    }

    /** Stops the gateway and starts a new one on the same configuration and store; Asterisk and its calls go on. */
    public void restartGateway() throws Exception {
        gateway.close();
        gateway = GatewayMain.start(out.resolve("gateway.yaml"));
    }

    public AsteriskRig asterisk() {
        return asterisk;
    }

    public Path out() {
        return out;
    }

    public Path sippLogs() {
        return out.resolve("sipp");
    }

    public NoticePrompt prompt(String id, String language) {
        return prompts.find(id, language).orElseThrow(() -> new IllegalArgumentException("no prompt " + id + " " + language));
    }

    /** How long a prompt plays, in milliseconds. */
    public long millis(String id, String language) {
        return prompt(id, language).durationSamples() / 8;
    }

    /** The newest recording whose caller or called number is {@code number}. */
    public Optional<Recording> byNumber(String number) {
        return gateway.store().find(new RecordingQuery(Optional.empty(), Optional.empty(), Optional.of(number),
                Optional.empty(), Optional.empty(), Optional.empty(), 10)).stream().findFirst();
    }

    /** Waits until the recording of {@code number} has left the active state, and returns it. */
    public Recording ended(String number) throws InterruptedException {
        if (!AsteriskRig.eventually(Duration.ofSeconds(20), () -> byNumber(number)
                .filter(r -> r.status() != RecordingStatus.ACTIVE).isPresent())) {
            throw new AssertionError("no ended recording for " + number + "; have " + byNumber(number));
        }
        return byNumber(number).orElseThrow();
    }

    public List<Recording> all() {
        return gateway.store().find(RecordingQuery.all(1000));
    }

    /** A request to the rig's HTTP API with {@code token}; {@code body} null for GET. */
    public static java.net.http.HttpResponse<byte[]> http(String method, String path, String token, String body) throws Exception {
        return http(HTTP_PORT, method, path, token, body);
    }

    /** A request to the HTTP API on {@code port} of loopback with {@code token}; {@code body} null for GET. */
    public static java.net.http.HttpResponse<byte[]> http(int port, String method, String path, String token, String body) throws Exception {
        var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Bearer " + token);
        request = body == null ? request.GET() : request.header("Content-Type", "application/json")
                .method(method, java.net.http.HttpRequest.BodyPublishers.ofString(body));
        return java.net.http.HttpClient.newHttpClient().send(request.build(), java.net.http.HttpResponse.BodyHandlers.ofByteArray());
    }

    public static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }

    /** A filed recording's audio as it was recorded: decrypted (and authenticated) through the gateway's vault. */
    public byte[] audio(Recording r) throws Exception {
        try (java.nio.channels.SeekableByteChannel in = gateway.vault().open(r.id(), Path.of(r.filePath()));
             java.io.InputStream stream = java.nio.channels.Channels.newInputStream(in)) {
            return stream.readAllBytes();
        }
    }

    /** SHA-256 of a filed recording's audio as it was recorded. */
    public String audioSha256(Recording r) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(audio(r)));
    }

    /**
     * Every file under {@code roots} that holds plaintext audio (starts with a RIFF/WAVE header), except
     * the notice prompts the gateway installs: after filing there must be none.
     */
    public static List<Path> plaintextAudio(Path... roots) throws IOException {
        List<Path> found = new java.util.ArrayList<>();
        for (Path root : roots) {
            if (!Files.isDirectory(root)) {
                continue;
            }
            try (Stream<Path> walk = Files.walk(root)) {
                for (Path f : walk.filter(Files::isRegularFile).toList()) {
                    byte[] head = new byte[12];
                    try (java.io.InputStream in = Files.newInputStream(f)) {
                        if (in.readNBytes(head, 0, 12) == 12 && new String(head, 0, 4, java.nio.charset.StandardCharsets.US_ASCII)
                                .equals("RIFF") && new String(head, 8, 4, java.nio.charset.StandardCharsets.US_ASCII).equals("WAVE")) {
                            found.add(f);
                        }
                    }
                }
            }
        }
        return found;
    }

    /** Deletes everything under {@code dir}, keeping {@code dir} itself. */
    public static void delete(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                if (!p.equals(dir)) {
                    Files.delete(p);
                }
            }
        }
    }

    @Override
    public void close() throws Exception {
        gateway.close();
        asterisk.close();
    }
}
