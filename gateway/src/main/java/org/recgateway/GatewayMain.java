package org.recgateway;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import org.recgateway.cli.AuditCommand;
import org.recgateway.cli.PrivacyCommand;
import org.recgateway.cli.KeysCommand;
import org.recgateway.cli.RecordingsCommand;
import org.recgateway.config.ConfigException;
import org.recgateway.config.ConfigLoader;
import org.recgateway.config.ConfigProblem;
import org.recgateway.config.GatewayConfig;
import org.recgateway.config.PolicyPromptCheck;
import org.recgateway.http.ApiTokens;
import org.recgateway.prompts.ManifestPromptLibrary;
import org.recgateway.prompts.PromptLibraryException;
import org.recgateway.metrics.GatewayMetrics;
import org.recgateway.privacy.ProcessingRecord;
import org.recgateway.recording.AudioEraser;
import org.recgateway.recording.AudioVault;
import org.recgateway.recording.AuditNotes;
import org.recgateway.recording.Pseudonyms;
import org.recgateway.recording.RetentionSweep;
import org.recgateway.store.JdbcAuditTrail;
import org.recgateway.vault.TinkAudioVault;
import org.recgateway.store.Database;
import org.recgateway.store.StoreException;
import org.recgateway.vault.VaultException;

/**
 * The command line: {@code run}, {@code check-config}, {@code recordings}, {@code audit}, {@code hash-token}.
 * Configuration and prompt library are validated completely before any port opens; every problem
 * is printed with its file, line and reason.
 */
public final class GatewayMain {
    static final Path DEFAULT_CONFIG = Path.of("config", "gateway.yaml");
    private static final int USAGE = 2;

    private GatewayMain() {
    }

    public static void main(String[] args) throws Exception {
        System.exit(run(Arrays.asList(args), System.out, System.err));
    }

    static int run(List<String> args, PrintStream out, PrintStream err) throws Exception {
        String command = args.isEmpty() ? "run" : args.getFirst();
        List<String> rest = args.isEmpty() ? List.of() : args.subList(1, args.size());
        switch (command) {
            case "run" -> {
                Path config = configPath(rest);
                Gateway gateway;
                try {
                    gateway = start(config);
                } catch (InvalidSetupException | VaultException | StoreException e) {
                    err.println(e.getMessage());
                    return USAGE;
                }
                CountDownLatch stopped = new CountDownLatch(1);
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    gateway.close();
                    stopped.countDown();
                }));
                out.printf("recording gateway running: FastAGI port %d, HTTP port %d (config %s); Ctrl-C stops it%n",
                        gateway.agiPort(), gateway.httpPort(), config);
                stopped.await();
                return 0;
            }
            case "check-config" -> {
                Path config = rest.isEmpty() ? DEFAULT_CONFIG : Path.of(rest.getFirst());
                try {
                    validate(config);
                    out.println(config + ": valid");
                    return 0;
                } catch (InvalidSetupException e) {
                    err.println(e.getMessage());
                    return USAGE;
                }
            }
            case "privacy" -> {
                return withStore(rest, err, (store, config, options) -> {
                    Clock clock = Clock.systemUTC();
                    JdbcAuditTrail trail = trail(store, config);
                    AudioVault vault;
                    Pseudonyms pseudonyms;
                    try {
                        vault = config.keys().encryptAudio()
                                ? TinkAudioVault.open(config.keys().masterKeyFile(), store.dataKeys()) : AudioVault.plaintext();
                        pseudonyms = Pseudonyms.load(config.privacy().pseudonymKey(), store.numbers());
                    } catch (java.io.IOException e) {
                        err.println("gateway privacy: " + e.getMessage());
                        return 1;
                    }
                    AuditNotes notes = new AuditNotes(trail);
                    AudioEraser deletion = new AudioEraser(store.recordings(), vault, GatewayMetrics.NOOP, notes, clock, store.claims());
                    java.util.function.Supplier<java.util.Map<String, Object>> record = () -> {
                        try {
                            return ProcessingRecord.of(config.policy(), ManifestPromptLibrary.load(config.prompts().manifest(),
                                    config.prompts().sounds(), config.prompts().playbackPrefix()), clock.instant());
                        } catch (PromptLibraryException e) {
                            throw new IllegalStateException("the prompt library could not be read: " + e.getMessage(), e);
                        }
                    };
                    return PrivacyCommand.run(options, Gateway.office(store, trail, deletion, vault, pseudonyms, clock, record),
                            new RetentionSweep(store.recordings(), deletion, notes, clock, store.claims()), out, err);
                });
            }
            case "recordings" -> {
                return withStore(rest, err, (store, config, options) -> {
                    java.util.function.UnaryOperator<String> pseudonym;
                    try {
                        pseudonym = Pseudonyms.load(config.privacy().pseudonymKey(), store.numbers())::of;
                    } catch (java.io.IOException e) {
                        err.println("gateway recordings: " + e.getMessage());
                        return 1;
                    }
                    return RecordingsCommand.run(options, store.recordings(), trail(store, config), pseudonym, out, err);
                });
            }
            case "audit" -> {
                return withStore(rest, err, (store, config, options) -> {
                    JdbcAuditTrail trail = trail(store, config);
                    return AuditCommand.run(options, trail, () -> RecordingChecks.findings(store, trail, config), out, err);
                });
            }
            case "keys" -> {
                return withStore(rest, err, (store, config, options) ->
                        KeysCommand.run(options, config.keys().masterKeyFile(), store.dataKeys(),
                                trail(store, config), out, err));
            }
            case "hash-token" -> {
                String token = ApiTokens.newToken();
                out.println("token:  " + token + "   (give this to the client; it is not stored)");
                out.println("sha256: " + ApiTokens.sha256Hex(token) + "   (put this in http.tokens[].sha256)");
                return 0;
            }
            default -> {
                err.println("unknown command '" + command + "'; commands: run [--config FILE], check-config [FILE], "
                        + "recordings [--config FILE] [OPTIONS], audit [--config FILE] verify [--recordings]|list [OPTIONS], "
                        + "privacy [--config FILE] access|export|erase|holds|hold|lift|sweep|record [OPTIONS], "
                        + "keys [--config FILE] status|rotate|retire-old, hash-token");
                return USAGE;
            }
        }
    }

    /** Takes {@code --config FILE} out of the options, opens that configuration's store and runs the command. */
    private static int withStore(List<String> rest, PrintStream err, StoreCommand command) {
        List<String> options = new ArrayList<>(rest);
        Path config = DEFAULT_CONFIG;
        int at = options.indexOf("--config");
        if (at >= 0 && at + 1 < options.size()) {
            config = Path.of(options.get(at + 1));
            options.subList(at, at + 2).clear();
        }
        GatewayConfig loaded;
        try {
            loaded = ConfigLoader.load(config);
        } catch (ConfigException e) {
            err.println(e.getMessage());
            return USAGE;
        }
        // Says which store it read, on stderr so that stdout stays the command's own output (JSON, for jq).
        try (Database store = Gateway.database(loaded)) {
            err.println("reading database " + store.where() + " (configuration " + config.toAbsolutePath()
                    + (at < 0 ? ", the default; give --config FILE for another" : "") + ")");
            return command.run(store, loaded, options);
        } catch (VaultException | StoreException e) {
            err.println(e.getMessage());
            return 1;
        }
    }

    /** The audit trail as the configuration keys it (key file and head file outside the database). */
    private static JdbcAuditTrail trail(Database store, GatewayConfig config) {
        return store.auditTrail(Clock.systemUTC(), config.keys().auditKeyFile(), config.keys().auditHeadFile());
    }

    @FunctionalInterface
    private interface StoreCommand {
        int run(Database store, GatewayConfig config, List<String> options);
    }

    private static Path configPath(List<String> args) {
        int at = args.indexOf("--config");
        return at >= 0 && at + 1 < args.size() ? Path.of(args.get(at + 1)) : DEFAULT_CONFIG;
    }

    /** Loads and validates everything, then starts the gateway. */
    public static Gateway start(Path config) throws Exception {
        Validated v = validate(config);
        return Gateway.start(v.config(), v.prompts(), Clock.systemUTC());
    }

    record Validated(GatewayConfig config, ManifestPromptLibrary prompts) { }

    static Validated validate(Path configFile) throws InvalidSetupException {
        if (!Files.exists(configFile)) {
            throw new InvalidSetupException(configFile + ": no such configuration file; copy config/gateway.yaml and adapt it");
        }
        GatewayConfig config;
        try {
            config = ConfigLoader.load(configFile);
        } catch (ConfigException e) {
            throw new InvalidSetupException(e.getMessage());
        }
        ManifestPromptLibrary prompts;
        try {
            prompts = ManifestPromptLibrary.load(config.prompts().manifest(), config.prompts().sounds(),
                    config.prompts().playbackPrefix());
        } catch (PromptLibraryException e) {
            throw new InvalidSetupException(e.getMessage());
        }
        List<ConfigProblem> problems = PolicyPromptCheck.check(config.policy(), prompts);
        if (!problems.isEmpty()) {
            throw new InvalidSetupException(new ConfigException(problems).getMessage());
        }
        return new Validated(config, prompts);
    }

    /** The configuration or prompt library is not usable; the message lists every problem. */
    static final class InvalidSetupException extends Exception {
        InvalidSetupException(String message) {
            super(message);
        }
    }
}
