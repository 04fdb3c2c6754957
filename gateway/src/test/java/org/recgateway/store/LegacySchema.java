package org.recgateway.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * A frozen copy of the hand-written migration runner the gateway used before Flyway (tools/schema-to-flyway.py
 * writes it): tests build databases exactly as older gateways left them and check that they upgrade.
 */
final class LegacySchema {

    /** Index i holds the statements that take the schema from version i to version i + 1. */
    private static final List<List<String>> MIGRATIONS = List.of(
            List.of("""
                    CREATE TABLE recordings (
                      id TEXT PRIMARY KEY NOT NULL,
                      unique_id TEXT,
                      linked_id TEXT,
                      channel TEXT,
                      caller_number TEXT,
                      called_number TEXT,
                      purpose TEXT,
                      legal_basis TEXT,
                      rule_name TEXT,
                      retention_days INTEGER NOT NULL,
                      notice_prompt_id TEXT,
                      notice_language TEXT,
                      notice_text_version INTEGER,
                      notice_text_sha256 TEXT,
                      notice_audio_sha256 TEXT,
                      notice_started TEXT,
                      notice_ended TEXT,
                      notice_played_to_end INTEGER,
                      notice_end_position INTEGER,
                      notice_expected_samples INTEGER,
                      started TEXT,
                      ended TEXT,
                      retention_until TEXT,
                      file_path TEXT,
                      size_bytes INTEGER,
                      sha256 TEXT,
                      status TEXT NOT NULL
                    )""",
                    "CREATE INDEX recordings_unique_id ON recordings (unique_id)",
                    "CREATE INDEX recordings_linked_id ON recordings (linked_id)",
                    "CREATE INDEX recordings_caller_number ON recordings (caller_number)",
                    "CREATE INDEX recordings_called_number ON recordings (called_number)",
                    "CREATE INDEX recordings_purpose ON recordings (purpose)",
                    "CREATE INDEX recordings_started ON recordings (started)",
                    "CREATE INDEX recordings_status ON recordings (status)",
                    "CREATE INDEX recordings_file_path ON recordings (file_path)"),
            // 2: several purposes per recording, each on its own basis and retention; the caller's choices.
            List.of("ALTER TABLE recordings ADD COLUMN sample_percent INTEGER",
                    "ALTER TABLE recordings ADD COLUMN sample_draw INTEGER",
                    "ALTER TABLE recordings ADD COLUMN objection_offered INTEGER",
                    "ALTER TABLE recordings ADD COLUMN objected_at TEXT",
                    """
                    CREATE TABLE recording_purposes (
                      recording_id TEXT NOT NULL REFERENCES recordings (id),
                      position INTEGER NOT NULL,
                      purpose TEXT NOT NULL,
                      legal_basis TEXT NOT NULL,
                      retention_days INTEGER NOT NULL,
                      PRIMARY KEY (recording_id, position)
                    )""",
                    "CREATE INDEX recording_purposes_purpose ON recording_purposes (purpose)",
                    """
                    CREATE TABLE consent_evidence (
                      recording_id TEXT NOT NULL REFERENCES recordings (id),
                      position INTEGER NOT NULL,
                      purpose TEXT NOT NULL,
                      question_prompt_id TEXT NOT NULL,
                      language TEXT,
                      text_version INTEGER,
                      audio_sha256 TEXT,
                      asked TEXT NOT NULL,
                      answered TEXT NOT NULL,
                      key_pressed TEXT NOT NULL,
                      given INTEGER NOT NULL,
                      PRIMARY KEY (recording_id, position)
                    )""",
                    """
                    INSERT INTO recording_purposes (recording_id, position, purpose, legal_basis, retention_days)
                    SELECT id, 0, purpose, legal_basis, retention_days FROM recordings
                    WHERE purpose IS NOT NULL AND legal_basis IS NOT NULL"""),
            // 3: provider diagnostics: fault tickets, which recording belongs to which ticket, fault markers.
            List.of("""
                    CREATE TABLE diagnostic_tickets (
                      id TEXT PRIMARY KEY NOT NULL,
                      reference TEXT NOT NULL,
                      provider TEXT NOT NULL,
                      description TEXT NOT NULL,
                      max_recordings INTEGER NOT NULL,
                      max_length_millis INTEGER NOT NULL,
                      record_until TEXT NOT NULL,
                      opened TEXT NOT NULL,
                      closed_at TEXT
                    )""",
                    """
                    CREATE TABLE diagnostic_recordings (
                      recording_id TEXT PRIMARY KEY NOT NULL REFERENCES recordings (id),
                      ticket_id TEXT NOT NULL REFERENCES diagnostic_tickets (id),
                      agent TEXT NOT NULL,
                      agent_channel TEXT NOT NULL,
                      caller_channel TEXT NOT NULL,
                      notice_heard_by TEXT NOT NULL,
                      position INTEGER NOT NULL
                    )""",
                    "CREATE INDEX diagnostic_recordings_ticket ON diagnostic_recordings (ticket_id)",
                    """
                    CREATE TABLE fault_markers (
                      recording_id TEXT NOT NULL REFERENCES recordings (id),
                      offset_millis INTEGER NOT NULL,
                      at TEXT NOT NULL,
                      by_whom TEXT NOT NULL
                    )""",
                    "CREATE INDEX fault_markers_recording ON fault_markers (recording_id)"),
            // 4: the hash-chained audit trail. The triggers refuse casual edits; the hash chain
            // (JdbcAuditTrail.verify) is what proves that nobody dropped them and edited anyway.
            List.of("""
                    CREATE TABLE audit_events (
                      sequence INTEGER PRIMARY KEY NOT NULL,
                      at TEXT NOT NULL,
                      actor TEXT NOT NULL,
                      action TEXT NOT NULL,
                      recording_id TEXT,
                      details TEXT NOT NULL,
                      previous_hash TEXT NOT NULL,
                      hash TEXT NOT NULL
                    )""",
                    "CREATE INDEX audit_events_recording_id ON audit_events (recording_id)",
                    """
                    CREATE TRIGGER audit_events_no_update BEFORE UPDATE ON audit_events
                    BEGIN SELECT RAISE(ABORT, 'audit events are append-only'); END""",
                    """
                    CREATE TRIGGER audit_events_no_delete BEFORE DELETE ON audit_events
                    BEGIN SELECT RAISE(ABORT, 'audit events are append-only'); END"""),
            // listening windows: a provider's grant on a ticket, every play counted, and when the
            // gateway deleted a diagnostic recording's audio (JdbcListeningStore).
            List.of("""
                    CREATE TABLE IF NOT EXISTS listening_windows (
                      id TEXT PRIMARY KEY NOT NULL,
                      ticket_id TEXT NOT NULL REFERENCES diagnostic_tickets (id),
                      provider TEXT NOT NULL,
                      from_at TEXT NOT NULL,
                      until_at TEXT NOT NULL,
                      plays_per_sample INTEGER NOT NULL,
                      before_millis INTEGER NOT NULL,
                      after_millis INTEGER NOT NULL,
                      without_markers_millis INTEGER NOT NULL,
                      granted_by TEXT NOT NULL,
                      granted_at TEXT NOT NULL
                    )""",
                    "CREATE INDEX IF NOT EXISTS listening_windows_ticket ON listening_windows (ticket_id)",
                    """
                    CREATE TABLE IF NOT EXISTS listening_plays (
                      window_id TEXT NOT NULL REFERENCES listening_windows (id),
                      recording_id TEXT NOT NULL REFERENCES recordings (id),
                      provider TEXT NOT NULL,
                      at TEXT NOT NULL,
                      start_millis INTEGER NOT NULL,
                      length_millis INTEGER NOT NULL
                    )""",
                    "CREATE INDEX IF NOT EXISTS listening_plays_window_recording ON listening_plays (window_id, recording_id)",
                    """
                    CREATE TABLE IF NOT EXISTS diagnostic_deletions (
                      recording_id TEXT PRIMARY KEY NOT NULL REFERENCES recordings (id),
                      deleted_at TEXT NOT NULL,
                      reason TEXT NOT NULL
                    )"""),
            // The notice evidence names the audio file Asterisk played (by the channel's codec) and every format.
            List.of("ALTER TABLE recordings ADD COLUMN notice_played_format TEXT",
                    "ALTER TABLE recordings ADD COLUMN notice_played_sha256 TEXT",
                    "ALTER TABLE recordings ADD COLUMN notice_audio_files TEXT"),
            // diagnostic limits in the store: a slot per switch, reserved at the key press; the triggers
            // make a closed ticket, a passed deadline, a full ticket or a second switch in one call
            // impossible, not just unlikely. The stop-by time is persisted for the sweep. Marker cap,
            // audible-seconds cap, who switched on and how, how each marker was set.
            List.of("ALTER TABLE diagnostic_tickets ADD COLUMN max_markers INTEGER NOT NULL DEFAULT 3",
                    "ALTER TABLE diagnostic_tickets ADD COLUMN max_audible_millis INTEGER NOT NULL DEFAULT 60000",
                    "ALTER TABLE diagnostic_tickets ADD COLUMN administrator_may_switch INTEGER NOT NULL DEFAULT 0",
                    "ALTER TABLE diagnostic_recordings ADD COLUMN switched_by TEXT NOT NULL DEFAULT ''",
                    "ALTER TABLE diagnostic_recordings ADD COLUMN switched_how TEXT NOT NULL DEFAULT ''",
                    "ALTER TABLE fault_markers ADD COLUMN how TEXT NOT NULL DEFAULT ''",
                    """
                    CREATE TABLE diagnostic_slots (
                      id TEXT PRIMARY KEY NOT NULL,
                      ticket_id TEXT NOT NULL REFERENCES diagnostic_tickets (id),
                      linked_id TEXT NOT NULL,
                      state TEXT NOT NULL CHECK (state IN ('reserved', 'recording', 'released')),
                      reserved_at TEXT NOT NULL,
                      confirmed_at TEXT,
                      recording_id TEXT UNIQUE,
                      stop_by TEXT,
                      stop_confirmed_at TEXT,
                      stop_attempts INTEGER NOT NULL DEFAULT 0,
                      released_why TEXT
                    )""",
                    "CREATE UNIQUE INDEX diagnostic_slots_one_per_call ON diagnostic_slots (linked_id) WHERE state <> 'released'",
                    "CREATE INDEX diagnostic_slots_ticket ON diagnostic_slots (ticket_id, state)",
                    "CREATE INDEX diagnostic_slots_stop ON diagnostic_slots (state, stop_by)",
                    """
                    INSERT INTO diagnostic_slots (id, ticket_id, linked_id, state, reserved_at, confirmed_at, recording_id,
                                                  stop_by, stop_confirmed_at)
                    SELECT d.recording_id, d.ticket_id, 'before-slots:' || d.recording_id, 'recording', t.opened, t.opened,
                           d.recording_id, t.opened, t.opened
                    FROM diagnostic_recordings d JOIN diagnostic_tickets t ON t.id = d.ticket_id""",
                    """
                    CREATE TRIGGER diagnostic_slots_within_ticket BEFORE INSERT ON diagnostic_slots
                    BEGIN
                      SELECT RAISE(ABORT, 'diagnostic slot refused: the ticket is closed or unknown')
                        WHERE NOT EXISTS (SELECT 1 FROM diagnostic_tickets WHERE id = NEW.ticket_id AND closed_at IS NULL);
                      SELECT RAISE(ABORT, 'diagnostic slot refused: the ticket is past its recording deadline')
                        WHERE NEW.reserved_at >= (SELECT record_until FROM diagnostic_tickets WHERE id = NEW.ticket_id);
                      SELECT RAISE(ABORT, 'diagnostic slot refused: the ticket has all its recordings')
                        WHERE NEW.state <> 'released' AND (SELECT COUNT(*) FROM diagnostic_slots
                                WHERE ticket_id = NEW.ticket_id AND state <> 'released')
                              >= (SELECT max_recordings FROM diagnostic_tickets WHERE id = NEW.ticket_id);
                    END""",
                    """
                    CREATE TRIGGER diagnostic_slots_confirm_within_ticket BEFORE UPDATE OF state ON diagnostic_slots
                    WHEN NEW.state <> OLD.state
                    BEGIN
                      SELECT RAISE(ABORT, 'diagnostic slot refused: a released slot stays released')
                        WHERE OLD.state = 'released' OR (OLD.state = 'recording' AND NEW.state = 'reserved');
                      SELECT RAISE(ABORT, 'diagnostic slot refused: the ticket closed or its deadline passed during the notice')
                        WHERE NEW.state = 'recording' AND (NEW.confirmed_at IS NULL OR NOT EXISTS (
                          SELECT 1 FROM diagnostic_tickets WHERE id = NEW.ticket_id AND closed_at IS NULL
                            AND NEW.confirmed_at < record_until));
                    END""",
                    """
                    CREATE TABLE diagnostic_line_quality (
                      recording_id TEXT NOT NULL REFERENCES recordings (id),
                      leg TEXT NOT NULL,
                      at TEXT NOT NULL,
                      codec TEXT NOT NULL,
                      rx_packets INTEGER NOT NULL,
                      tx_packets INTEGER NOT NULL,
                      lost_packets INTEGER NOT NULL,
                      remote_lost_packets INTEGER NOT NULL,
                      rx_jitter_millis REAL NOT NULL,
                      tx_jitter_millis REAL NOT NULL,
                      rtt_millis REAL NOT NULL
                    )""",
                    "CREATE INDEX diagnostic_line_quality_recording ON diagnostic_line_quality (recording_id, at)",
                    """
                    CREATE TRIGGER fault_markers_within_cap BEFORE INSERT ON fault_markers
                    BEGIN
                      SELECT RAISE(ABORT, 'fault marker refused: the recording has every marker its ticket allows')
                        WHERE (SELECT COUNT(*) FROM fault_markers WHERE recording_id = NEW.recording_id)
                              >= COALESCE((SELECT t.max_markers FROM diagnostic_recordings d
                                 JOIN diagnostic_tickets t ON t.id = d.ticket_id WHERE d.recording_id = NEW.recording_id), 0);
                    END"""),
            // the call behind a recording: the id of the MixMonitor the gateway started (every stop names
            // it), when the recorded call was first bridged to another party, and why a recording ended
            // the way it did (e.g. its audio deleted because the call never reached a person).
            List.of("""
                    CREATE TABLE IF NOT EXISTS recording_calls (
                      recording_id TEXT PRIMARY KEY NOT NULL REFERENCES recordings (id),
                      mixmonitor_id TEXT,
                      bridged_at TEXT,
                      end_reason TEXT
                    )"""),
            // data keys of sealed recordings, wrapped by the master key (JdbcDataKeys); deleting a row
            // is crypto-shredding, and secure_delete (StoreConnections) overwrites the freed bytes.
            List.of("""
                    CREATE TABLE IF NOT EXISTS recording_keys (
                      id TEXT PRIMARY KEY NOT NULL,
                      wrapped BLOB NOT NULL
                    )"""),
            // h14: one row the readiness check rewrites, through the same writer as every recording
            List.of("""
                    CREATE TABLE IF NOT EXISTS health_probe (
                      id INTEGER PRIMARY KEY CHECK (id = 1),
                      at TEXT NOT NULL
                    )"""),
            // 6 (privacy): numbers keyed by E.164 for search; retention at the resolution configured;
            // each purpose's deadline and end; the audio's deletion (begun, done); legal holds.
            List.of("ALTER TABLE recordings ADD COLUMN caller_key TEXT",
                    "ALTER TABLE recordings ADD COLUMN called_key TEXT",
                    // the keys of older rows are filled in by the store when it opens (NumberKeys), with libphonenumber
                    "CREATE INDEX IF NOT EXISTS recordings_caller_key ON recordings (caller_key)",
                    "CREATE INDEX IF NOT EXISTS recordings_called_key ON recordings (called_key)",
                    "ALTER TABLE recordings ADD COLUMN retention_seconds INTEGER",
                    "UPDATE recordings SET retention_seconds = retention_days * 86400",
                    "ALTER TABLE recordings ADD COLUMN deletion_at TEXT",
                    "ALTER TABLE recordings ADD COLUMN deletion_reason TEXT",
                    "ALTER TABLE recordings ADD COLUMN deletion_by TEXT",
                    "ALTER TABLE recordings ADD COLUMN deletion_done INTEGER",
                    "CREATE INDEX IF NOT EXISTS recordings_deletion_pending ON recordings (deletion_done) WHERE deletion_done = 0",
                    "ALTER TABLE recording_purposes ADD COLUMN retention_seconds INTEGER",
                    "UPDATE recording_purposes SET retention_seconds = retention_days * 86400",
                    "ALTER TABLE recording_purposes ADD COLUMN due TEXT",
                    "ALTER TABLE recording_purposes ADD COLUMN ended_at TEXT",
                    "ALTER TABLE recording_purposes ADD COLUMN end_reason TEXT",
                    // a filed recording's deadline: its end plus the retention (text timestamps are fixed-width).
                    """
                    UPDATE recording_purposes SET due = (
                      SELECT strftime('%Y-%m-%dT%H:%M:%S', substr(r.ended, 1, 19), '+' || recording_purposes.retention_days
                             || ' days') || substr(r.ended, 20)
                      FROM recordings r WHERE r.id = recording_purposes.recording_id AND r.ended IS NOT NULL)""",
                    """
                    UPDATE recording_purposes SET ended_at = (SELECT COALESCE(r.ended, r.started) FROM recordings r
                      WHERE r.id = recording_purposes.recording_id), end_reason = 'audio deleted'
                    WHERE recording_id IN (SELECT id FROM recordings WHERE status = 'deleted')""",
                    "CREATE INDEX IF NOT EXISTS recording_purposes_due ON recording_purposes (due) WHERE ended_at IS NULL",
                    """
                    CREATE TABLE IF NOT EXISTS legal_holds (
                      id TEXT PRIMARY KEY NOT NULL,
                      kind TEXT NOT NULL CHECK (kind IN ('recording', 'number', 'ticket')),
                      target TEXT NOT NULL,
                      reason TEXT NOT NULL,
                      set_by TEXT NOT NULL,
                      set_at TEXT NOT NULL,
                      lifted_by TEXT,
                      lifted_at TEXT
                    )""",
                    "CREATE INDEX IF NOT EXISTS legal_holds_target ON legal_holds (kind, target) WHERE lifted_at IS NULL"),
            // The consent evidence names the question file Asterisk played (by the channel's codec).
            List.of("ALTER TABLE consent_evidence ADD COLUMN played_format TEXT",
                    "ALTER TABLE consent_evidence ADD COLUMN played_sha256 TEXT"),
            // Every party a recording holds and the notice each heard (issue #11: transfers, conference joins).
            List.of("""
                    CREATE TABLE IF NOT EXISTS recorded_parties (
                      recording_id TEXT NOT NULL REFERENCES recordings (id),
                      channel TEXT NOT NULL,
                      role TEXT NOT NULL CHECK (role IN ('caller', 'answered', 'joined')),
                      joined TEXT NOT NULL,
                      notice TEXT NOT NULL,
                      played_to_end INTEGER NOT NULL CHECK (played_to_end IN (0, 1)),
                      PRIMARY KEY (recording_id, channel)
                    )"""));

    private LegacySchema() {
    }

    /** The version a fully migrated database has. */
    static int latestVersion() {
        return MIGRATIONS.size();
    }

    /** Brings the database up to {@link #latestVersion()}; refuses a database from a newer gateway. */
    static void migrate(Connection connection) throws SQLException {
        migrate(connection, latestVersion());
    }

    /** Brings the database up to {@code target} (tests build a database as an older gateway left it). */
    static void migrate(Connection connection, int target) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)");
        }
        connection.setAutoCommit(false);
        try {
            int current = currentVersion(connection);
            if (current > latestVersion()) {
                throw new StoreException("the database has schema version " + current
                        + " but this gateway knows only up to " + latestVersion()
                        + "; run the gateway version that wrote it, or a newer one");
            }
            for (int version = current; version < target; version++) {
                try (Statement statement = connection.createStatement()) {
                    for (String sql : MIGRATIONS.get(version)) {
                        if (!addsExistingColumn(connection, sql)) {
                            statement.execute(sql);
                        }
                    }
                }
                try (PreparedStatement record = connection.prepareStatement(
                        "INSERT INTO schema_version (version) VALUES (?)")) {
                    record.setInt(1, version + 1);
                    record.executeUpdate();
                }
            }
            connection.commit();
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(true);
        }
    }

    private static final java.util.regex.Pattern ADD_COLUMN =
            java.util.regex.Pattern.compile("ALTER TABLE (\\w+) ADD COLUMN (\\w+) .*");

    /** True for an {@code ADD COLUMN} of a column the table has (a migration re-run over a repaired database). */
    private static boolean addsExistingColumn(Connection connection, String sql) throws SQLException {
        java.util.regex.Matcher m = ADD_COLUMN.matcher(sql);
        if (!m.matches()) {
            return false;
        }
        try (PreparedStatement s = connection.prepareStatement("SELECT 1 FROM pragma_table_info(?) WHERE name = ?")) {
            s.setString(1, m.group(1));
            s.setString(2, m.group(2));
            try (ResultSet rows = s.executeQuery()) {
                return rows.next();
            }
        }
    }

    static int currentVersion(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT COALESCE(MAX(version), 0) FROM schema_version")) {
            return rows.next() ? rows.getInt(1) : 0;
        }
    }
}
