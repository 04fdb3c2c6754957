-- converted from Schema.java MIGRATIONS[6] by tools/schema-to-flyway.py
ALTER TABLE diagnostic_tickets ADD COLUMN max_markers INTEGER NOT NULL DEFAULT 3;

ALTER TABLE diagnostic_tickets ADD COLUMN max_audible_millis INTEGER NOT NULL DEFAULT 60000;

ALTER TABLE diagnostic_tickets ADD COLUMN administrator_may_switch INTEGER NOT NULL DEFAULT 0;

ALTER TABLE diagnostic_recordings ADD COLUMN switched_by TEXT NOT NULL DEFAULT '';

ALTER TABLE diagnostic_recordings ADD COLUMN switched_how TEXT NOT NULL DEFAULT '';

ALTER TABLE fault_markers ADD COLUMN how TEXT NOT NULL DEFAULT '';

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
);

CREATE UNIQUE INDEX diagnostic_slots_one_per_call ON diagnostic_slots (linked_id) WHERE state <> 'released';

CREATE INDEX diagnostic_slots_ticket ON diagnostic_slots (ticket_id, state);

CREATE INDEX diagnostic_slots_stop ON diagnostic_slots (state, stop_by);

INSERT INTO diagnostic_slots (id, ticket_id, linked_id, state, reserved_at, confirmed_at, recording_id,
                              stop_by, stop_confirmed_at)
SELECT d.recording_id, d.ticket_id, 'before-slots:' || d.recording_id, 'recording', t.opened, t.opened,
       d.recording_id, t.opened, t.opened
FROM diagnostic_recordings d JOIN diagnostic_tickets t ON t.id = d.ticket_id;

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
END;

CREATE TRIGGER diagnostic_slots_confirm_within_ticket BEFORE UPDATE OF state ON diagnostic_slots
WHEN NEW.state <> OLD.state
BEGIN
  SELECT RAISE(ABORT, 'diagnostic slot refused: a released slot stays released')
    WHERE OLD.state = 'released' OR (OLD.state = 'recording' AND NEW.state = 'reserved');
  SELECT RAISE(ABORT, 'diagnostic slot refused: the ticket closed or its deadline passed during the notice')
    WHERE NEW.state = 'recording' AND (NEW.confirmed_at IS NULL OR NOT EXISTS (
      SELECT 1 FROM diagnostic_tickets WHERE id = NEW.ticket_id AND closed_at IS NULL
        AND NEW.confirmed_at < record_until));
END;

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
);

CREATE INDEX diagnostic_line_quality_recording ON diagnostic_line_quality (recording_id, at);

CREATE TRIGGER fault_markers_within_cap BEFORE INSERT ON fault_markers
BEGIN
  SELECT RAISE(ABORT, 'fault marker refused: the recording has every marker its ticket allows')
    WHERE (SELECT COUNT(*) FROM fault_markers WHERE recording_id = NEW.recording_id)
          >= COALESCE((SELECT t.max_markers FROM diagnostic_recordings d
             JOIN diagnostic_tickets t ON t.id = d.ticket_id WHERE d.recording_id = NEW.recording_id), 0);
END;
