package org.recgateway;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.recgateway.agi.GatewayScripts;
import org.recgateway.audit.AuditTrail;
import org.recgateway.config.DescriptorBudget;
import org.recgateway.config.GatewayConfig;
import org.recgateway.diagnostics.AgentDevices;
import org.recgateway.diagnostics.AsteriskSide;
import org.recgateway.diagnostics.DiagnosticStop;
import org.recgateway.diagnostics.DiagnosticSwitch;
import org.recgateway.diagnostics.DiagnosticsStore;
import org.recgateway.diagnostics.SwitchedBy;
import org.recgateway.health.DiskFloor;
import org.recgateway.health.Readiness;
import org.recgateway.http.ApiServices;
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
import org.recgateway.recording.AudioEraser;
import org.recgateway.recording.AudioVault;
import org.recgateway.recording.AuditNotes;
import org.recgateway.recording.DiskAudit;
import org.recgateway.recording.FiledAudio;
import org.recgateway.recording.LegalHolds;
import org.recgateway.recording.NoticeThenRecord;
import org.recgateway.recording.Pseudonyms;
import org.recgateway.recording.RecordingFiler;
import org.recgateway.recording.RecordingFiles;
import org.recgateway.recording.RecordingStore;
import org.recgateway.recording.RetentionSweep;
import org.recgateway.recording.StopAndDelete;
import org.recgateway.store.Database;
import org.recgateway.store.JdbcAuditTrail;
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
            JdbcAuditTrail trail = database.auditTrail(clock, config.keys().auditKeyFile(), config.keys().auditHeadFile());
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

    /**
     * Wires and starts the parts in order: filing and the disk audit, AMI (in the background), the diagnostic
     * switch and its stop sweep, housekeeping, the HTTP API, and FastAGI last.
     */
    private void startParts(GatewayConfig config, PromptLibrary prompts, Clock clock) throws Exception {
        var rec = config.recordings();
        RecordingFiles files = new RecordingFiles(rec.asteriskDirectory(), rec.localDirectory().toAbsolutePath().normalize(), rec.format().id());
        AuditNotes notes = new AuditNotes(this.audit, metrics);
        RecordingFiler filer = new RecordingFiler(store, clock, metrics, Duration.ofMillis(250), notes, vault,
                database.callClaims(), database.claims());
        filer.firstServer(config.ami().servers().getFirst().name());
        DiskAudit diskAudit = new DiskAudit(store, files.localDirectory(), metrics, notes, database.claims());
        // Throws SharedDirectory.Mismatch, and the gateway refuses to start, when the shared directory is mounted at another
        // path than the other gateways on the store use (its audit would quarantine their recordings).
        int quarantined = diskAudit.run().size();
        LOG.info("disk audit of {}: {} unaccounted files quarantined", files.localDirectory(), quarantined);

        ScheduledExecutorService reconciling = daemonScheduler("reconciliation");
        AsteriskLink asterisk = config.ami().enabled()
                ? AsteriskLink.connect(config, store, filer, files, prompts, metrics, clock, reconciling, resources)
                : AsteriskLink.disabled(clock);
        legalHolds = database.legalHolds();
        pseudonyms = Pseudonyms.load(config.privacy().pseudonymKey(), database.numbers());
        AudioEraser eraser = filer.eraser();
        stopAndDelete = new StopAndDelete(store, filer, asterisk.recorder(), clock, metrics, Duration.ofMillis(250));
        ScheduledExecutorService housekeeping = daemonScheduler("housekeeping");
        diagnosticsStore = database.diagnostics();
        ScheduledExecutorService stops = daemonScheduler("diagnostic-stops");
        diagnostics = new DiagnosticSwitch(diagnosticsStore, store, files, filer,
                new AsteriskSide(asterisk.recorder(), asterisk.bothParties(), asterisk.callLocator(), asterisk.lineQuality()),
                prompts, stops, clock, metrics, Duration.ofSeconds(30), new AgentDevices(config.diagnostics().agents()), switchWork);
        // The stop-by times are in the store: this sweep (at start, then every second) stops what is due,
        // also what was running when the gateway last stopped.
        DiagnosticStop stopper = diagnostics.stopper();
        stops.scheduleWithFixedDelay(stopper::sweep, 0, 1, TimeUnit.SECONDS);
        // A slot whose start never confirmed it (its gateway stopped mid-notice, this one before a restart included) is
        // given back once its hold ends: at start-up, then every 5 s.
        stops.scheduleWithFixedDelay(diagnostics.expiredReservations()::release, 0, 5, TimeUnit.SECONDS);
        stops.scheduleWithFixedDelay(diagnostics.lineQuality()::sampleRunning, 2, 5, TimeUnit.SECONDS);
        ListeningStore listeningStore = database.listening();
        DiagnosticAudioDeletion deletion = new DiagnosticAudioDeletion(store, diagnosticsStore, listeningStore, this.audit, clock,
                eraser);
        retention = new RetentionSweep(store, eraser, notes, clock, database.callClaims());
        Housekeeping.schedule(housekeeping, diskAudit, deletion, retention, config.privacy().sweepInterval());
        privacy = office(database, audit, eraser, vault, pseudonyms, clock,
                () -> ProcessingRecord.of(config.policy(), prompts, clock.instant()));
        ApiServices services = new ApiServices(store, this.audit, clock, diagnosticsStore, listeningStore,
                new ListeningDesk(store, diagnosticsStore, listeningStore, this.audit, clock, new FiledAudio(vault, metrics, notes)),
                new TicketDesk(diagnosticsStore, listeningStore, deletion, this.audit, clock), stopAndDelete, diagnostics,
                metrics::snapshot, privacy, asterisk.callLocator());

        DiskFloor disk = new DiskFloor(files.localDirectory(), rec.minFreeMegabytes() * 1_048_576);
        RecordingGate gate = new RecordingGate(database::unavailable, database::probeWrite, disk, clock);
        Monitoring.watch(metrics, database, disk, asterisk.loggedIn());
        Readiness readiness = Monitoring.readiness(config, database, prompts, asterisk.notLoggedIn(), disk, clock);
        if (config.http().enabled()) {
            httpPort = HttpFront.start(config, services, Monitoring.operations(readiness, metrics), resources);
        }

        // An agent's own phone running AGI(record) is an agent calling out: the notice would reach the agent.
        AgentDevices agentPhones = new AgentDevices(config.diagnostics().agents());
        NoticeThenRecord lifecycle = new NoticeThenRecord(call -> config.policy().decide(call, agentPhones::knows), prompts,
                store, files, filer, clock, metrics, new SecureRandom(), gate, asterisk.recorder());
        agiPort = AgiFront.start(config.agi(), GatewayScripts.of(lifecycle, stopAndDelete, diagnostics, prompts,
                asterisk.channels(), new AgentNotice(store, prompts, notes, clock, store.parties()),
                AgiFront.servers(config.ami())), metrics, resources);
        AgiFront.checkDescriptors(DescriptorBudget.of(config));
    }

    /** A single daemon thread named {@code name} for scheduled work, shut down when the gateway stops. */
    private ScheduledExecutorService daemonScheduler(String name) {
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name(name).daemon(true).factory());
        resources.add(executor::shutdownNow);
        return executor;
    }

    /** The privacy officer's tools over {@code store}, for the gateway and the command line. */
    static PrivacyOffice office(Database database, AuditTrail audit, AudioEraser deletion, AudioVault vault,
                                Pseudonyms pseudonyms,
                                Clock clock, Supplier<Map<String, Object>> processingRecord) {
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

    /** The agent's diagnostic switch. */
    public DiagnosticSwitch diagnostics() {
        return diagnostics;
    }

    /** The diagnostic switch for an agent device from outside the call, pressed by {@code by}, e.g. the HTTP API. */
    public DiagnosticSwitch.Outcome toggleDiagnostic(String agent, String ticketId, SwitchedBy by) {
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
