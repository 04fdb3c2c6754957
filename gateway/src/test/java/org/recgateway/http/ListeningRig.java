package org.recgateway.http;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.recgateway.audit.AuditTrail;
import org.recgateway.diagnostics.DiagnosticRecording;
import org.recgateway.diagnostics.DiagnosticSwitch;
import org.recgateway.diagnostics.DiagnosticTicket;
import org.recgateway.diagnostics.FaultMarker;
import org.recgateway.listening.DiagnosticAudioDeletion;
import org.recgateway.listening.ListeningDesk;
import org.recgateway.listening.ListeningWindow;
import org.recgateway.listening.MutableClock;
import org.recgateway.listening.TestAudio;
import org.recgateway.listening.TicketDesk;
import org.recgateway.metrics.GatewayMetrics;
import org.recgateway.policy.LegalBasis;
import org.recgateway.policy.Purpose;
import org.recgateway.recording.AudioVault;
import org.recgateway.recording.AuditNotes;
import org.recgateway.recording.FiledAudio;
import org.recgateway.recording.Recorder;
import org.recgateway.recording.Recording;
import org.recgateway.recording.FileHashes;
import org.recgateway.recording.RecordingFiler;
import org.recgateway.recording.RecordingStatus;
import org.recgateway.recording.StopAndDelete;
import org.recgateway.store.JdbcDataKeys;
import org.recgateway.store.JdbcDiagnosticsStore;
import org.recgateway.store.JdbcListeningStore;
import org.recgateway.store.JdbcRecordingStore;
import org.recgateway.vault.TinkAudioVault;
import org.recgateway.recording.Evidence;
import org.recgateway.recording.PurposeSet;
import org.recgateway.recording.RecordedCall;

/**
 * A real HTTP API over a real SQLite store with a clock the test moves: provider kpn's open ticket
 * with a filed 120 s diagnostic sample (fault marker at 60 s, agent PJSIP/agent) and a running one,
 * vodafone's ticket with a sample, a filed recording for every other purpose, and a listening window
 * for kpn from now for one hour, two plays per sample.
 */
final class ListeningRig implements AutoCloseable {
    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    /** A response body as JSON. */
    static com.fasterxml.jackson.databind.JsonNode json(java.net.http.HttpResponse<byte[]> response) throws Exception {
        return JSON.readTree(response.body());
    }

    static final Instant NOW = Instant.parse("2025-06-02T10:00:00Z");
    static final Map<String, String> TOKENS = new LinkedHashMap<>();
    static final String ADMIN = ApiTokens.newToken();
    static final String OFFICER = ApiTokens.newToken();
    static final String SUPERVISOR = ApiTokens.newToken();
    static final String AGENT = ApiTokens.newToken();
    static final String PROVIDER = ApiTokens.newToken();
    static final String OTHER_PROVIDER = ApiTokens.newToken();
    static final String EXPIRED = ApiTokens.newToken();

    static {
        TOKENS.put("administrator", ADMIN);
        TOKENS.put("privacy-officer", OFFICER);
        TOKENS.put("supervisor", SUPERVISOR);
        TOKENS.put("agent", AGENT);
        TOKENS.put("provider", PROVIDER);
    }

    final MutableClock clock = new MutableClock(NOW);
    final JdbcRecordingStore store;
    final JdbcDiagnosticsStore diagnostics;
    final JdbcListeningStore listening;
    final AuditTrail trail;
    final DiagnosticAudioDeletion deletion;
    final TicketDesk tickets;
    final HttpApiServer server;
    final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    final String base;
    final DiagnosticTicket ticket;
    final DiagnosticTicket otherTicket;
    final Recording sample;
    final Recording running;
    final Recording otherSample;
    final Map<Purpose, Recording> byPurpose = new EnumMap<>(Purpose.class);
    /** The linkedid of the call agent PJSIP/agent is in now (the rig's call locator says so). */
    static final String AGENTS_CALL = "linked-c1";
    /** A running quality recording of the call the agent is in. */
    final Recording agentsCall;
    final ListeningWindow window;
    final List<String> stopped = new ArrayList<>();
    final DiagnosticSwitch diagnosticSwitch;
    final org.recgateway.recording.AudioEraser audioDeletion;

    private org.recgateway.privacy.PrivacyOffice privacyOffice() {
        var numbers = org.recgateway.recording.PhoneNumbers.withDefaultRegion("NL");
        var pseudonyms = new org.recgateway.recording.Pseudonyms(new byte[32], numbers);
        var holds = store.legalHolds();
        return new org.recgateway.privacy.PrivacyOffice(new org.recgateway.privacy.HoldDesk(holds, trail, pseudonyms, clock),
                new org.recgateway.privacy.Erasure(store, audioDeletion, trail, pseudonyms, clock),
                new org.recgateway.privacy.SubjectAccess(store, trail, pseudonyms, vault, id -> java.util.Optional.empty()), pseudonyms,
                () -> java.util.Map.of("title", "Record of processing <test>", "activities", java.util.List.of()),
                new org.recgateway.privacy.QuarantineDesk(store, audioDeletion, trail, clock));
    }
    private final Path dir;

    final AudioVault vault;
    final RecordingFiler filer;

    ListeningRig(Path dir) throws IOException {
        this(dir, false, GatewayMetrics.NOOP);
    }

    /**
     * @param sealed  seal every filed recording with Tink (master key in {@code dir/keys}); the
     *                originals stay in {@code dir/originals} for comparison
     * @param metrics what the desk counts (e.g. tampered audio)
     */
    ListeningRig(Path dir, boolean sealed, GatewayMetrics metrics) throws IOException {
        store = JdbcRecordingStore.open(dir.resolve("recordings.db"), org.recgateway.recording.PhoneNumbers.withDefaultRegion("NL"));
        diagnostics = store.diagnostics();
        listening = JdbcListeningStore.of(store);
        trail = store.auditTrail(clock);
        this.dir = dir;
        vault = sealed ? TinkAudioVault.open(dir.resolve("keys/master-key.json"), JdbcDataKeys.of(store)) : AudioVault.plaintext();
        AuditNotes notes = new AuditNotes(trail);
        filer = new RecordingFiler(store, clock, metrics, Duration.ZERO, notes, vault);
        deletion = new DiagnosticAudioDeletion(store, diagnostics, listening, trail, clock, filer.eraser());
        audioDeletion = filer.eraser();
        tickets = new TicketDesk(diagnostics, listening, deletion, trail, clock);
        ticket = ticket("t-kpn", "KPN-4711", "kpn");
        otherTicket = ticket("t-vodafone", "VF-1", "vodafone");
        sample = recording("d1", Purpose.PROVIDER_DIAGNOSTICS, TestAudio.wav(dir.resolve("d1.wav"), 120), true);
        link(sample, ticket, "PJSIP/agent");
        diagnostics.addMarker(new FaultMarker("d1", 60_000, NOW.minusSeconds(3540), "agent:PJSIP/agent"));
        diagnostics.addLineQuality(org.recgateway.diagnostics.LineQuality.parse("d1", "caller", NOW.minusSeconds(3500), "alaw",
                "ssrc=1;themssrc=2;lp=12;rxjitter=0.004000;rxcount=588;txjitter=0.001000;txcount=600;rlp=2;rtt=0.052000")
                .orElseThrow());
        running = recording("d2", Purpose.PROVIDER_DIAGNOSTICS, dir.resolve("d2.wav"), false);
        link(running, ticket, "PJSIP/agent");
        otherSample = recording("v1", Purpose.PROVIDER_DIAGNOSTICS, TestAudio.wav(dir.resolve("v1.wav"), 40), true);
        link(otherSample, otherTicket, "PJSIP/other");
        byPurpose.put(Purpose.PROVIDER_DIAGNOSTICS, sample);
        agentsCall = recording("c1", Purpose.QUALITY, dir.resolve("c1.wav"), false);
        recording("other-call", Purpose.QUALITY, dir.resolve("other-call.wav"), false);
        for (Purpose p : Purpose.values()) {
            if (p != Purpose.PROVIDER_DIAGNOSTICS) {
                byPurpose.put(p, recording("r-" + p.id(), p, dir.resolve(p.id() + ".wav"), true));
            }
        }
        window = ((TicketDesk.Outcome.Done<ListeningWindow>) tickets.grant(ticket.id(), new TicketDesk.NewWindow(NOW,
                NOW.plusSeconds(3600), 2, Duration.ofSeconds(15), Duration.ofSeconds(15), Duration.ofSeconds(30)),
                "token:admin")).value();
        Recorder recorder = new Recorder() {
            @Override
            public String start(String channel, String file) {
                return "0x7f00diag";
            }

            @Override
            public void stop(String channel, String mixMonitorId) {
                stopped.add(channel + " " + mixMonitorId);
            }
        };
        StopAndDelete stopAndDelete = new StopAndDelete(store, filer, recorder, clock, GatewayMetrics.NOOP, Duration.ZERO);
        diagnosticSwitch = new DiagnosticSwitch(diagnostics, store, null, filer,
                new org.recgateway.diagnostics.AsteriskSide(recorder, null, agent -> java.util.Optional.empty(), null), null,
                null, clock, GatewayMetrics.NOOP, Duration.ofSeconds(30),
                new org.recgateway.diagnostics.AgentDevices(java.util.Set.of("PJSIP/agent")), Runnable::run);
        ApiServices services = new ApiServices(store, trail, clock, diagnostics, listening,
                new ListeningDesk(store, diagnostics, listening, trail, clock, new FiledAudio(vault, metrics, notes)), tickets,
                stopAndDelete, diagnosticSwitch,
                () -> java.util.Map.of("gateway.agi.sessions", 0.0), privacyOffice(),
                agent -> agent.equals("PJSIP/agent") ? java.util.Optional.of(new org.recgateway.diagnostics.CallLocator.AgentCall(
                        "PJSIP/agent-000009", "u-agent", AGENTS_CALL, "PJSIP/caller-000008", "nl", "+31201111111", "200")) : java.util.Optional.empty());
        List<ApiToken> tokens = List.of(
                new ApiToken("admin", "administrator", ApiTokens.sha256Hex(ADMIN)),
                new ApiToken("dpo", "privacy-officer", ApiTokens.sha256Hex(OFFICER)),
                new ApiToken("lead", "supervisor", ApiTokens.sha256Hex(SUPERVISOR)),
                new ApiToken("PJSIP/agent", "agent", ApiTokens.sha256Hex(AGENT)),
                new ApiToken("kpn", "provider", ApiTokens.sha256Hex(PROVIDER)),
                new ApiToken("vodafone", "provider", ApiTokens.sha256Hex(OTHER_PROVIDER)),
                new ApiToken("kpn-old", "provider", ApiTokens.sha256Hex(EXPIRED), NOW.minusSeconds(1)));
        server = new HttpApiServer("127.0.0.1", 0, tokens, services, null);
        base = "http://127.0.0.1:" + server.start();
    }

    private DiagnosticTicket ticket(String id, String reference, String provider) {
        DiagnosticTicket t = new DiagnosticTicket(id, reference, provider, "line drops", 3, Duration.ofSeconds(120),
                NOW.plusSeconds(86_400), NOW.minusSeconds(7200), null);
        diagnostics.insertTicket(t);
        return t;
    }

    /** A recording that started an hour ago; filed ones lasted 120 s. */
    private Recording recording(String id, Purpose purpose, Path file, boolean filed) {
        return recording(id, "+31201111111", purpose, file, filed);
    }

    /** A filed recording of {@code seconds} of real audio from {@code caller} (as written), sealed when the rig seals. */
    Recording callerRecording(String id, String caller, Purpose purpose, int seconds) throws IOException {
        return recording(id, caller, purpose, TestAudio.wav(dir.resolve(id + ".wav"), seconds), true);
    }

    private Recording recording(String id, String caller, Purpose purpose, Path file, boolean filed) {
        Instant started = NOW.minusSeconds(3600);
        LegalBasis basis = purpose.defaultBasis();
        Recording r = Recording.active(id, new RecordedCall("u-" + id, "linked-" + id, "PJSIP/agent-000001", caller, "200"), new Evidence("rule", null, null), new PurposeSet(purpose, basis, java.time.Duration.ofDays(30), null, List.of()), file.toString(), started);
        store.insert(r);
        store.mixMonitorStarted(id, "mm-" + id);
        if (filed) {
            String hash;
            long size;
            try {  // filed as the filer does: the file's real hash and size (served audio is checked against them)
                hash = java.nio.file.Files.exists(file) ? FileHashes.sha256(file) : "c".repeat(64);
                size = java.nio.file.Files.exists(file) ? java.nio.file.Files.size(file) : 1_920_044L;
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            r = r.filed(started.plusSeconds(120), size, hash, RecordingStatus.FILED);
            if (vault.encrypts() && java.nio.file.Files.exists(file)) {
                try {
                    java.nio.file.Files.createDirectories(dir.resolve("originals"));
                    java.nio.file.Files.copy(file, dir.resolve("originals").resolve(file.getFileName()));
                    r = r.keptIn(vault.seal(id, file, size).file().toString());
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }
            store.update(r);
        }
        return r;
    }

    private void link(Recording r, DiagnosticTicket t, String agent) {
        diagnostics.linkRecording(new DiagnosticRecording(r.id(), t.id(), agent, "PJSIP/agent-000001",
                "PJSIP/caller-000002", List.of("PJSIP/agent-000001", "PJSIP/caller-000002")));
    }

    HttpResponse<byte[]> send(String method, String path, String token, String json) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        if (json != null) {
            b.header("Content-Type", "application/json");
        }
        return client.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    HttpResponse<byte[]> get(String path, String token) throws IOException, InterruptedException {
        return send("GET", path, token, null);
    }

    @Override
    public void close() {
        client.close();
        server.close();
        store.close();
    }
}
