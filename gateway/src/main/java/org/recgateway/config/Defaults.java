package org.recgateway.config;

import java.time.Duration;
import java.util.List;
import org.recgateway.policy.ConsentStep;
import org.recgateway.policy.ObjectionStep;

/**
 * Every default of the configuration, in one place; config/gateway.yaml shows the same values and
 * README.md ("Configuration reference") explains them. A key that a file leaves out takes the value written here.
 */
public final class Defaults {

    public static final String AGI_BIND = "127.0.0.1";
    public static final int AGI_PORT = 4573;
    public static final List<String> AGI_ALLOWED_CLIENTS = List.of("127.0.0.1", "::1");
    public static final int AGI_MAX_SESSIONS = 10_000;
    /** Sessions plus connections still sending their header, per client address. */
    public static final int AGI_MAX_CONNECTIONS_PER_CLIENT = 12_000;
    public static final Duration AGI_HEADER_TIMEOUT = Duration.ofSeconds(5);
    public static final Duration AGI_REPLY_TIMEOUT = Duration.ofMinutes(5);

    public static final boolean AMI_ENABLED = true;
    public static final String AMI_HOST = "127.0.0.1";
    /** The name of the one Asterisk server when {@code ami.name} is not set (stored with each recording). */
    public static final String AMI_SERVER_NAME = "asterisk";
    public static final int AMI_PORT = 5038;
    public static final String AMI_USERNAME = "recgateway";
    /** The environment variable the AMI password is read from when the file sets no {@code password}. */
    public static final String AMI_PASSWORD_ENV = "RECGATEWAY_AMI_PASSWORD";
    public static final Duration AMI_PING_INTERVAL = Duration.ofSeconds(10);

    public static final boolean HTTP_ENABLED = true;
    public static final String HTTP_BIND = "127.0.0.1";
    public static final int HTTP_PORT = 8480;
    public static final int HTTP_MAX_CONNECTIONS = 1_000;
    public static final java.time.Duration HTTP_IDLE_TIMEOUT = java.time.Duration.ofSeconds(60);
    public static final java.time.Duration HTTP_REQUEST_TIMEOUT = java.time.Duration.ofSeconds(10);

    public static final String STORE_PATH = "data/recordings.db";
    /** The environment variable that holds the PostgreSQL store's user (store.userEnv). */
    public static final String STORE_USER_ENV = "RECGATEWAY_DB_USER";
    /** The environment variable that holds the PostgreSQL store's password (store.passwordEnv). */
    public static final String STORE_PASSWORD_ENV = "RECGATEWAY_DB_PASSWORD";

    /** Numbers written without a country code are Dutch unless {@code privacy.defaultRegion} says otherwise. */
    public static final String PRIVACY_DEFAULT_REGION = "NL";
    public static final Duration PRIVACY_SWEEP_INTERVAL = Duration.ofMinutes(1);
    /** The pseudonym key's file name, in the store's directory unless {@code privacy.pseudonymKey} says otherwise. */
    public static final String PRIVACY_PSEUDONYM_KEY = "pseudonym.key";
    /** Seal filed recordings (encryption at rest). */
    public static final boolean KEYS_ENCRYPT_AUDIO = true;
    /** Key files, relative to the directory that holds the store's directory (data/recordings.db: the working directory). */
    public static final String KEYS_MASTER_KEY_FILE = "keys/master-key.json";
    public static final String KEYS_AUDIT_KEY_FILE = "keys/audit-chain.key";
    /** The audit head checkpoint, in the store's directory. */
    public static final String KEYS_AUDIT_HEAD_FILE_NAME = "audit-head.json";

    public static final String RECORDINGS_ASTERISK_DIRECTORY = "/var/spool/asterisk/recording-gateway";
    public static final RecordingFormat RECORDINGS_FORMAT = RecordingFormat.WAV;

    public static final String PROMPTS_MANIFEST = "notice-prompts/manifest.json";
    public static final String PROMPTS_SOUNDS = "notice-prompts/sounds";
    public static final String PROMPTS_PLAYBACK_PREFIX = "recording-gateway";
    /** Debian's Asterisk package: astdatadir /usr/share/asterisk. */
    public static final String PROMPTS_ASTERISK_SOUNDS = "/usr/share/asterisk/sounds";
    public static final long RECORDINGS_MIN_FREE_MEGABYTES = 1024;
    /** How often live channels, rows and files are reconciled (also on every AMI reconnect). */
    public static final Duration RECORDINGS_RECONCILE_INTERVAL = Duration.ofSeconds(30);

    public static final String POLICY_DEFAULT_LANGUAGE = "nl";
    /** Without a policy nothing is recorded: a recording needs a purpose and a notice someone chose. */
    public static final String POLICY_DEFAULT_DO_NOT_RECORD_REASON = "no policy rule matched this call";
    /** {@code record.sample}: the share of matched calls recorded; every call unless the rule says otherwise. */
    public static final int RECORD_SAMPLE_PERCENT = 100;
    /** {@code consent: {}}: the question, the key that means yes and how long silence lasts before it means no. */
    public static final String CONSENT_QUESTION = ConsentStep.DEFAULT_QUESTION;
    public static final String CONSENT_KEY = ConsentStep.DEFAULT_KEY;
    public static final Duration CONSENT_TIMEOUT = ConsentStep.DEFAULT_TIMEOUT;
    /** The longest {@code consent.timeout}, as {@link ConsentStep} allows it. */
    public static final Duration CONSENT_MAX_TIMEOUT = Duration.ofSeconds(60);
    /** {@code objection: {}}: the offer played after the notice, the key that objects and the window after the offer. */
    public static final String OBJECTION_OFFER = ObjectionStep.DEFAULT_OFFER;
    public static final String OBJECTION_KEY = ObjectionStep.DEFAULT_KEY;
    public static final Duration OBJECTION_WINDOW = ObjectionStep.DEFAULT_WINDOW;
    /** {@code objection.during}: {@code offer} after the notice, or {@code call} (the in-call code *9, announced in the notice). */
    public static final String OBJECTION_DURING = "offer";
    /** The longest {@code objection.window}, as {@link ObjectionStep} allows it. */
    public static final Duration OBJECTION_MAX_WINDOW = Duration.ofSeconds(30);

    /** {@code transfers.newParty}: a party who joins a recorded call by transfer stops the recording (the safe choice). */
    public static final org.recgateway.policy.NewPartyRule TRANSFERS_NEW_PARTY = org.recgateway.policy.NewPartyRule.STOP_RECORDING;
    /** {@code transfers.noticeTimeout}: how long the notice to a new party may take. */
    public static final Duration TRANSFERS_NOTICE_TIMEOUT = Duration.ofSeconds(30);

    private Defaults() {
    }
}
