package org.recgateway;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.recgateway.agi.FastAgiServer;
import org.recgateway.agi.GatewayScripts;
import org.recgateway.ami.AmiWatcher;
import org.recgateway.audit.AuditTrail;
import org.recgateway.config.GatewayConfig;
import org.recgateway.diagnostics.BothPartiesNotice;
import org.recgateway.diagnostics.AgentDevices;
import org.recgateway.diagnostics.AsteriskSide;
import org.recgateway.diagnostics.LineQualityProbe;
import org.recgateway.diagnostics.CallLocator;
import org.recgateway.diagnostics.DiagnosticStop;
import org.recgateway.diagnostics.DiagnosticSwitch;
import org.recgateway.diagnostics.DiagnosticsStore;
import org.recgateway.http.ApiServices;
import org.recgateway.http.ApiToken;
import org.recgateway.http.ApiTokens;
import org.recgateway.http.HttpApiServer;
import org.recgateway.http.Operations;
import org.recgateway.health.DiskFloor;
import org.recgateway.health.PromptsInstalled;
import org.recgateway.health.Readiness;
import org.recgateway.prompts.ManifestPromptLibrary;
import org.recgateway.listening.DiagnosticAudioDeletion;
import org.recgateway.listening.ListeningDesk;
import org.recgateway.listening.ListeningStore;
import org.recgateway.listening.TicketDesk;
import org.recgateway.metrics.MicrometerGatewayMetrics;
import org.recgateway.privacy.Erasure;
import org.recgateway.privacy.HoldDesk;
import org.recgateway.privacy.PrivacyOffice;
import org.recgateway.privacy.ProcessingRecord;
import org.recgateway.privacy.QuarantineDesk;
import org.recgateway.privacy.SubjectAccess;
import org.recgateway.prompts.PromptLibrary;
import org.recgateway.recording.AgentNotice;
import org.recgateway.recording.AsteriskChannels;
import org.recgateway.recording.AudioVault;
import org.recgateway.recording.AuditNotes;
import org.recgateway.recording.FiledAudio;
import org.recgateway.recording.AudioEraser;
import org.recgateway.recording.LegalHolds;
import org.recgateway.recording.Pseudonyms;
import org.recgateway.recording.RetentionSweep;
import org.recgateway.recording.DiskAudit;
import org.recgateway.recording.NoticeThenRecord;
import org.recgateway.recording.RecordingFiler;
import org.recgateway.recording.RecordingFiles;
import org.recgateway.recording.Recorder;
import org.recgateway.recording.RecordingStore;
import org.recgateway.recording.StopAndDelete;
import org.recgateway.recording.TransferStop;
import org.recgateway.recording.NewParties;
import org.recgateway.recording.PartyNotice;
import org.recgateway.store.Database;
import org.recgateway.store.SqliteAuditTrail;
import org.recgateway.vault.TinkAudioVault;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running gateway: the one place where objects are wired, servers started and stopped.
 * Start order: store, disk audit, AMI (in the background), HTTP, and FastAGI last, so a call is
 * only accepted when everything that files it is in place.
 */
public final class Gateway implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Gateway.class);

    private final List<AutoCloseable> resources = new ArrayList<>();
    private final Database database;
    private final RecordingStore store;
    private final AuditTrail audit;
    private final MicrometerGatewayMetrics metrics;
    private StopAndDelete stopAndDelete;
    private DiagnosticSwitch diagnostics;
    private DiagnosticsStore diagnosticsStore;
    private LegalHolds legalHolds;
    private Pseudonyms pseudonyms;
    private RetentionSweep retention;
    private PrivacyOffice privacy;
    private CallLocator callLocator = agent -> {
        throw new IllegalStateException("AMI is disabled (ami.enabled: false), so the gateway cannot find an agent's call");
    };
    private final ExecutorService switchWork = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("switch-", 0).factory());
    private int agiPort;
    private int httpPort;
    private AudioVault vault = AudioVault.plaintext();

    private Gateway(Database database, AuditTrail audit, MicrometerGatewayMetrics metrics) {
        this.database = database;
        this.store = database.recordings();
        this.audit = audit;
        this.metrics = metrics;
        resources.add(switchWork::shutdownNow);
    }

    /** Starts every part the configuration enables; the configuration and prompt library are already validated. */
    public static Gateway start(GatewayConfig config, PromptLibrary prompts, Clock clock) throws Exception {
        MicrometerGatewayMetrics metrics = MicrometerGatewayMetrics.withPrometheus();
        Database database = database(config);
        RecordingStore store = database.recordings();
        Gateway gateway;
        AudioVault vault;
        try {
            SqliteAuditTrail trail = database.auditTrail(clock, config.keys().auditKeyFile(), config.keys().auditHeadFile());
            trail.checkKey(config.keys().auditKeyFile());
            vault = config.keys().encryptAudio()
                    ? TinkAudioVault.open(config.keys().masterKeyFile(), database.dataKeys())
                    : AudioVault.plaintext();
            gateway = new Gateway(database, trail, metrics);
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
        LOG.info("metadata store: {}", database.where());
        LOG.info("audio at rest: {}; audit chain keyed by {}, head checkpointed in {}",
                vault.encrypts() ? "sealed per recording, data keys wrapped by " + config.keys().masterKeyFile() : "plaintext (keys.encryptAudio: false)",
                config.keys().auditKeyFile(), config.keys().auditHeadFile());
        gateway.vault = vault;
        gateway.resources.add(database);
        gateway.resources.add(() -> {
            int active = store.active().size();
            if (active > 0) {
                LOG.info("stopping with {} recordings still active; the next start's reconciliation files them once their calls end", active);
            }
        });
        try {
            gateway.startParts(config, prompts, clock);
        } catch (Exception e) {
            gateway.close();
            throw e;
        }
        return gateway;
    }

    private void startParts(GatewayConfig config, PromptLibrary prompts, Clock clock) throws Exception {
        var rec = config.recordings();
        RecordingFiles files = new RecordingFiles(rec.asteriskDirectory(), rec.localDirectory().toAbsolutePath().normalize(), rec.format().id());
        AuditNotes notes = new AuditNotes(this.audit);
        RecordingFiler filer = new RecordingFiler(store, clock, metrics, Duration.ofMillis(250), notes, vault,
                database.callClaims(), database.claims());
        DiskAudit audit = new DiskAudit(store, files.localDirectory(), metrics, notes, database.claims());
        int quarantined = audit.run().size();
        LOG.info("disk audit of {}: {} unaccounted files quarantined", files.localDirectory(), quarantined);

        ScheduledExecutorService reconciling = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("reconciliation").daemon(true).factory());
        resources.add(reconciling::shutdownNow);
        BothPartiesNotice bothParties = (channel, prompt, timeout) -> new BothPartiesNotice.Result(false, List.of(),
                clock.instant(), clock.instant(), "AMI is disabled (ami.enabled: false): the notice cannot reach both parties");
        AsteriskChannels channels = AsteriskChannels.unavailable("AMI is disabled (ami.enabled: false), so the gateway cannot "
                + "check which channel a FastAGI session runs on; feature codes do nothing");
        LineQualityProbe lineQuality = LineQualityProbe.NONE;
        Recorder recorder = Recorder.unavailable("AMI is disabled (ami.enabled: false), so the gateway cannot start or stop a recording outside a call's AGI session");
        java.util.function.BooleanSupplier amiUp = () -> false;
        filer.firstServer(config.ami().servers().getFirst().name());
        if (config.ami().enabled()) {
            // One AMI connection per Asterisk server (issue #17 item 3); each one's events touch only its recordings.
            List<AmiWatcher> watchers = new ArrayList<>();
            for (org.recgateway.config.AmiConfig.Server server : config.ami().servers()) {
                AmiWatcher watcher = new AmiWatcher(server.name(), server.host(), server.port(), server.username(),
                        server.password(), config.ami().pingInterval(), Duration.ofSeconds(5), filer);
                resources.add(watcher);
                watcher.start();
                Recorder serverRecorder = watcher.recorder();
                PartyNotice partyNotice = (channel, prompt, timeout) -> {
                    BothPartiesNotice.Result r = watcher.bothPartiesNotice().play(channel, prompt, timeout);
                    return new PartyNotice.Heard(r.playedToEnd(), r.heardBy(), r.detail());
                };
                watcher.newParties(new NewParties(store, store.parties(), new TransferStop(store, filer, serverRecorder),
                        serverRecorder, partyNotice, prompts, files, filer, metrics, config.transfers().newParty(),
                        config.transfers().noticeTimeout(), clock));
                long every = rec.reconcileInterval().toMillis();
                reconciling.scheduleWithFixedDelay(watcher::reconcile, every, every, TimeUnit.MILLISECONDS);
                watchers.add(watcher);
            }
            // The in-call features (feature codes, diagnostics from the API, stop-and-delete) act over the first server's AMI.
            AmiWatcher ami = watchers.getFirst();
            recorder = Recorder.anyOf(watchers.stream().map(AmiWatcher::recorder).toList());
            channels = ami.channels();
            amiUp = () -> watchers.stream().allMatch(AmiWatcher::loggedIn);
            bothParties = ami.bothPartiesNotice();
            callLocator = ami.callLocator();
            lineQuality = ami.lineQuality();
        } else {
            LOG.warn("AMI is disabled: recordings stay active until AMI is enabled; nothing files them");
        }
        legalHolds = database.legalHolds();
        pseudonyms = Pseudonyms.load(config.privacy().pseudonymKey(), database.numbers());
        AudioEraser audioDeletion = filer.eraser();
        stopAndDelete = new StopAndDelete(store, filer, recorder, clock, metrics, Duration.ofMillis(250));
        ScheduledExecutorService housekeeping = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("housekeeping").daemon(true).factory());
        resources.add(housekeeping::shutdownNow);
        diagnosticsStore = database.diagnostics();
        ScheduledExecutorService stops = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("diagnostic-stops").daemon(true).factory());
        resources.add(stops::shutdownNow);
        diagnostics = new DiagnosticSwitch(diagnosticsStore, store, files, filer,
                new AsteriskSide(recorder, bothParties, callLocator, lineQuality), prompts, stops, clock, metrics,
                Duration.ofSeconds(30), new AgentDevices(config.diagnostics().agents()), switchWork);
        // The stop-by times are in the store: this sweep (at start, then every second) stops what is due,
        // also what was running when the gateway last stopped.
        DiagnosticStop stopper = diagnostics.stopper();
        stops.scheduleWithFixedDelay(stopper::sweep, 0, 1, TimeUnit.SECONDS);
        stops.scheduleWithFixedDelay(diagnostics.lineQuality()::sampleRunning, 2, 5, TimeUnit.SECONDS);
        housekeeping.scheduleWithFixedDelay(() -> runAudit(audit), 10, 10, TimeUnit.MINUTES);
        ListeningStore listeningStore = database.listening();
        DiagnosticAudioDeletion deletion = new DiagnosticAudioDeletion(store, diagnosticsStore, listeningStore, this.audit, clock,
                filer.eraser());
        housekeeping.scheduleWithFixedDelay(() -> runDeletion(deletion), 0, 1, TimeUnit.MINUTES);
        retention = new RetentionSweep(store, audioDeletion, notes, clock, database.callClaims());
        long sweepMillis = config.privacy().sweepInterval().toMillis();
        housekeeping.scheduleWithFixedDelay(() -> runSweep(retention), 0, sweepMillis, TimeUnit.MILLISECONDS);
        ApiServices services = new ApiServices(store, this.audit, clock, diagnosticsStore, listeningStore,
                new ListeningDesk(store, diagnosticsStore, listeningStore, this.audit, clock, new FiledAudio(vault, metrics, notes)),
                new TicketDesk(diagnosticsStore, listeningStore, deletion, this.audit, clock), stopAndDelete, diagnostics,
                metrics::snapshot, privacyOffice(audioDeletion, clock, () -> ProcessingRecord.of(config.policy(), prompts, clock.instant())),
                callLocator);

        java.util.function.BooleanSupplier amiLoggedIn = amiUp;
        DiskFloor disk = new DiskFloor(files.localDirectory(), rec.minFreeMegabytes() * 1_048_576);
        RecordingGate gate = new RecordingGate(database.recordings(), disk, clock);
        database.recordings().commitTimes(metrics::storeCommitTime);
        metrics.gauge("gateway.store.writable", () -> database.recordings().unavailable().isEmpty() ? 1 : 0);
        metrics.gauge("gateway.ami.logged.in", () -> amiLoggedIn.getAsBoolean() ? 1 : 0);
        metrics.gauge("gateway.recordings.disk.free.bytes", () -> {
            try {
                return disk.freeBytes();
            } catch (IOException e) {
                return -1;
            }
        });
        Readiness readiness = new Readiness(List.of(
                new Readiness.Named("store-writable", () -> {
                    database.probeWrite(clock.instant());
                    return java.util.Optional.empty();
                }),
                new Readiness.Named("ami", () -> config.ami().enabled() && !amiLoggedIn.getAsBoolean()
                        ? java.util.Optional.of("not logged in to every Asterisk server (" + String.join(", ",
                        config.ami().servers().stream().map(s -> s.name() + " at " + s.host() + ":" + s.port()).toList())
                        + "); check that Asterisk runs and the AMI user and password match") : java.util.Optional.empty()),
                new Readiness.Named("prompts-installed", prompts instanceof ManifestPromptLibrary library
                        ? new PromptsInstalled(library.prompts(), config.prompts().sounds(), config.prompts().asteriskSounds())
                        : () -> java.util.Optional.empty()),
                new Readiness.Named("recordings-disk", disk)));
        Operations operations = new Operations() {
            @Override
            public List<String> notReady() {
                return readiness.problems();
            }

            @Override
            public String prometheus() {
                return metrics.prometheus();
            }
        };
        if (config.http().enabled()) {
            List<ApiToken> tokens = tokens(config);
            HttpApiServer.Tls tls = config.http().tlsCertificate() == null ? null
                    : new HttpApiServer.Tls(config.http().tlsCertificate(), config.http().tlsPrivateKey());
            HttpApiServer http = new HttpApiServer(config.http().bind(), config.http().port(), tokens, services, tls,
                    new HttpApiServer.Limits(config.http().maxConnections(), config.http().idleTimeout(),
                            config.http().requestTimeout()), operations);
            resources.add(http);
            httpPort = http.start();
            LOG.info("HTTP API listening on {}://{}:{} (listening page at /listen/)", tls == null ? "http" : "https",
                    config.http().bind(), httpPort);
        }

        // An agent's own phone running AGI(record) is an agent calling out: the notice would reach the agent.
        AgentDevices agentPhones = new AgentDevices(config.diagnostics().agents());
        NoticeThenRecord lifecycle = new NoticeThenRecord(call -> config.policy().decide(call, agentPhones::knows), prompts,
                store, files, filer, clock, metrics,
                new java.security.SecureRandom(), gate);
        Set<InetAddress> allowed = new LinkedHashSet<>();
        for (String client : config.agi().allowedClients()) {
            allowed.add(InetAddress.getByName(client));
        }
        FastAgiServer agi = new FastAgiServer(new InetSocketAddress(config.agi().bind(), config.agi().port()), allowed,
                config.agi().maxSessions(), config.agi().maxConnectionsPerClient(), config.agi().headerTimeout(), config.agi().replyTimeout(),
                GatewayScripts.of(lifecycle, stopAndDelete, diagnostics, prompts, channels,
                        new AgentNotice(store, prompts, notes, clock, store.parties()), servers(config.ami())),
                GatewayScripts.busy(), metrics);
        resources.add(agi);
        agiPort = agi.start();
        checkDescriptors(org.recgateway.config.DescriptorBudget.of(config));
    }

    /**
     * The Asterisk server a FastAGI peer address belongs to: the only server for every peer; with several, the one whose
     * {@code fastAgiFrom} lists the address (null when none does: the recording then counts as the first server's).
     */
    static java.util.function.Function<InetAddress, String> servers(org.recgateway.config.AmiConfig ami) {
        if (ami.servers().size() == 1) {
            String only = ami.servers().getFirst().name();
            return peer -> only;
        }
        java.util.Map<String, String> byAddress = new java.util.HashMap<>();
        for (org.recgateway.config.AmiConfig.Server server : ami.servers()) {
            for (String address : server.fastAgiFrom()) {
                try {
                    byAddress.put(InetAddress.getByName(address).getHostAddress(), server.name());
                } catch (IOException e) {
                    throw new IllegalStateException("ami.servers: " + address + " is not an IP address", e);
                }
            }
        }
        return peer -> byAddress.get(peer.getHostAddress());
    }

    /** Logs the open-file limit against what the configuration may hold, and warns when it is too low. */
    private static void checkDescriptors(org.recgateway.config.DescriptorBudget budget) {
        long limit = java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                instanceof com.sun.management.UnixOperatingSystemMXBean unix ? unix.getMaxFileDescriptorCount() : -1;
        budget.shortOf(limit).ifPresentOrElse(problem -> LOG.warn("{}", problem),
                () -> LOG.info("open-file limit {}; this configuration may hold up to {} descriptors", limit, budget.total()));
    }

    private PrivacyOffice privacyOffice(AudioEraser audioDeletion, Clock clock,
                                        java.util.function.Supplier<java.util.Map<String, Object>> processingRecord) {
        privacy = office(database, audit, audioDeletion, vault, pseudonyms, clock, processingRecord);
        return privacy;
    }

    /** The privacy officer's tools over {@code store}, for the gateway and the command line. */
    static PrivacyOffice office(Database database, AuditTrail audit, AudioEraser deletion, AudioVault vault,
                                Pseudonyms pseudonyms,
                                Clock clock, java.util.function.Supplier<java.util.Map<String, Object>> processingRecord) {
        RecordingStore store = database.recordings();
        DiagnosticsStore d = database.diagnostics();
        LegalHolds holds = database.legalHolds();
        return new PrivacyOffice(new HoldDesk(holds, audit, pseudonyms, clock),
                new Erasure(store, deletion, audit, pseudonyms, clock),
                new SubjectAccess(store, audit, pseudonyms, vault, id -> d.linkOf(id).flatMap(l -> d.ticket(l.ticketId()))
                        .map(t -> t.reference())), pseudonyms, processingRecord,
                new QuarantineDesk(store, deletion, audit, clock));
    }

    /**
     * The database the configuration names: a shared PostgreSQL database when {@code store.url} is set,
     * else the embedded SQLite file at {@code store.path}; migrated before it is returned.
     */
    static Database database(GatewayConfig config) {
        return config.store().postgresql()
                .map(pg -> Database.postgresql(pg.url(), pg.user(), pg.password(), pg.poolSize(), config.privacy().numbers()))
                .orElseGet(() -> Database.sqlite(config.store().path(), config.privacy().numbers()));
    }

    /** The privacy officer's tools: holds, erasure, subject access. */
    public PrivacyOffice privacy() {
        return privacy;
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
                Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException ignored) {
                // not a POSIX file system; the directory's permissions protect it
            }
        }
        LOG.warn("http.tokens is empty: the API accepts the administrator token in {} (send it as Authorization: Bearer <token>); "
                + "configure your own tokens with ./run hash-token", file);
        tokens.add(new ApiToken("generated-admin", "administrator", ApiTokens.sha256Hex(token)));
        return tokens;
    }

    private static void runDeletion(DiagnosticAudioDeletion deletion) {
        try {
            DiagnosticAudioDeletion.Deletions done = deletion.deleteDue();
            if (!done.deleted().isEmpty()) {
                LOG.info("diagnostic audio deleted (window ended or ticket closed): {}", done.deleted());
            }
            done.problems().forEach(p -> LOG.warn("could not delete diagnostic audio, retrying in a minute: {}", p));
        } catch (RuntimeException e) {
            LOG.warn("deleting diagnostic audio failed, retrying in a minute: {}", e.toString());
        }
    }

    private static void runSweep(RetentionSweep sweep) {
        try {
            RetentionSweep.Sweep done = sweep.run();
            done.problems().forEach(p -> LOG.warn("retention sweep could not finish a deletion, retrying next run: {}", p));
        } catch (RuntimeException e) {
            LOG.warn("retention sweep failed, retrying next run: {}", e.toString());
        }
    }

    private static void runAudit(DiskAudit audit) {
        try {
            audit.run();
            audit.checkFiled();
        } catch (Exception e) {
            LOG.warn("disk audit failed: {}", e.toString());
        }
    }

    /** The agent's diagnostic switch. */
    public DiagnosticSwitch diagnostics() {
        return diagnostics;
    }

    /** The diagnostic switch for an agent device from outside the call, pressed by {@code by}, e.g. the HTTP API. */
    public DiagnosticSwitch.Outcome toggleDiagnostic(String agent, String ticketId, org.recgateway.diagnostics.SwitchedBy by) {
        return diagnostics.toggleFor(agent, ticketId, by);
    }

    /** Fault tickets, diagnostic links and markers. */
    public DiagnosticsStore diagnosticsStore() {
        return diagnosticsStore;
    }

    /** Stops and deletes a running recording at the caller's request. */
    public StopAndDelete stopAndDelete() {
        return stopAndDelete;
    }

    /** Legal holds. */
    public LegalHolds legalHolds() {
        return legalHolds;
    }

    /** The retention sweep (it also runs on its own schedule). */
    public RetentionSweep retentionSweep() {
        return retention;
    }

    /** Keyed pseudonyms of phone numbers, for audit details. */
    public Pseudonyms pseudonyms() {
        return pseudonyms;
    }

    public RecordingStore store() {
        return store;
    }

    /** Where filed audio rests (sealed, or plaintext when encryption is off). */
    public AudioVault vault() {
        return vault;
    }

    /** The hash-chained audit trail, in the same database as the recordings. */
    public AuditTrail audit() {
        return audit;
    }

    public MicrometerGatewayMetrics metrics() {
        return metrics;
    }

    public int agiPort() {
        return agiPort;
    }

    public int httpPort() {
        return httpPort;
    }

    @Override
    public void close() {
        for (int i = resources.size() - 1; i >= 0; i--) {
            try {
                resources.get(i).close();
            } catch (Exception e) {
                LOG.warn("while stopping: {}", e.toString());
            }
        }
        resources.clear();
    }
}
