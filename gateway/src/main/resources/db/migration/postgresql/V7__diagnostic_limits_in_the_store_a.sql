-- Schema.java MIGRATIONS[6], by hand: the SQLite triggers in PL/pgSQL.
ALTER TABLE diagnostic_tickets ADD COLUMN max_markers BIGINT NOT NULL DEFAULT 3;

ALTER TABLE diagnostic_tickets ADD COLUMN max_audible_millis BIGINT NOT NULL DEFAULT 60000;

ALTER TABLE diagnostic_tickets ADD COLUMN administrator_may_switch BIGINT NOT NULL DEFAULT 0;

ALTER TABLE diagnostic_recordings ADD COLUMN switched_by TEXT NOT NULL DEFAULT '';

ALTER TABLE diagnostic_recordings ADD COLUMN switched_how TEXT NOT NULL DEFAULT '';

ALTER TABLE fault_markers ADD COLUMN how TEXT NOT NULL DEFAULT '';

CREATE TABLE diagnostic_slots (
  id TEXT PRIMARY KEY NOT NULL,
  ticket_id TEXT NOT NULL,
  linked_id TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('reserved', 'recording', 'released')),
  reserved_at TEXT NOT NULL,
  confirmed_at TEXT,
  recording_id TEXT UNIQUE,
  stop_by TEXT,
  stop_confirmed_at TEXT,
  stop_attempts BIGINT NOT NULL DEFAULT 0,
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

CREATE TABLE diagnostic_line_quality (
  recording_id TEXT NOT NULL,
  leg TEXT NOT NULL,
  at TEXT NOT NULL,
  codec TEXT NOT NULL,
  rx_packets BIGINT NOT NULL,
  tx_packets BIGINT NOT NULL,
  lost_packets BIGINT NOT NULL,
  remote_lost_packets BIGINT NOT NULL,
  rx_jitter_millis DOUBLE PRECISION NOT NULL,
  tx_jitter_millis DOUBLE PRECISION NOT NULL,
  rtt_millis DOUBLE PRECISION NOT NULL
);

CREATE INDEX diagnostic_line_quality_recording ON diagnostic_line_quality (recording_id, at);

-- The limits as PL/pgSQL triggers. Each locks the ticket's row (FOR UPDATE) before counting, so
-- gateways racing for a ticket's last slot are serialised by PostgreSQL: one wins, the other is refused.
CREATE FUNCTION diagnostic_slots_within_ticket() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  ticket diagnostic_tickets%ROWTYPE;
BEGIN
  SELECT * INTO ticket FROM diagnostic_tickets WHERE id = NEW.ticket_id FOR UPDATE;
  IF NOT FOUND OR ticket.closed_at IS NOT NULL THEN
    RAISE EXCEPTION 'diagnostic slot refused: the ticket is closed or unknown';
  END IF;
  IF NEW.reserved_at >= ticket.record_until THEN
    RAISE EXCEPTION 'diagnostic slot refused: the ticket is past its recording deadline';
  END IF;
  IF NEW.state <> 'released' AND (SELECT COUNT(*) FROM diagnostic_slots
        WHERE ticket_id = NEW.ticket_id AND state <> 'released') >= ticket.max_recordings THEN
    RAISE EXCEPTION 'diagnostic slot refused: the ticket has all its recordings';
  END IF;
  RETURN NEW;
END $$;

CREATE TRIGGER diagnostic_slots_within_ticket BEFORE INSERT ON diagnostic_slots
  FOR EACH ROW EXECUTE FUNCTION diagnostic_slots_within_ticket();

CREATE FUNCTION diagnostic_slots_confirm_within_ticket() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.state = 'released' OR (OLD.state = 'recording' AND NEW.state = 'reserved') THEN
    RAISE EXCEPTION 'diagnostic slot refused: a released slot stays released';
  END IF;
  IF NEW.state = 'recording' AND (NEW.confirmed_at IS NULL OR NOT EXISTS (
      SELECT 1 FROM diagnostic_tickets WHERE id = NEW.ticket_id AND closed_at IS NULL
        AND NEW.confirmed_at < record_until)) THEN
    RAISE EXCEPTION 'diagnostic slot refused: the ticket closed or its deadline passed during the notice';
  END IF;
  RETURN NEW;
END $$;

CREATE TRIGGER diagnostic_slots_confirm_within_ticket BEFORE UPDATE OF state ON diagnostic_slots
  FOR EACH ROW WHEN (NEW.state <> OLD.state) EXECUTE FUNCTION diagnostic_slots_confirm_within_ticket();

CREATE FUNCTION fault_markers_within_cap() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM 1 FROM recordings WHERE id = NEW.recording_id FOR UPDATE;
  IF (SELECT COUNT(*) FROM fault_markers WHERE recording_id = NEW.recording_id)
      >= COALESCE((SELECT t.max_markers FROM diagnostic_recordings d
         JOIN diagnostic_tickets t ON t.id = d.ticket_id WHERE d.recording_id = NEW.recording_id), 0) THEN
    RAISE EXCEPTION 'fault marker refused: the recording has every marker its ticket allows';
  END IF;
  RETURN NEW;
END $$;

CREATE TRIGGER fault_markers_within_cap BEFORE INSERT ON fault_markers
  FOR EACH ROW EXECUTE FUNCTION fault_markers_within_cap();
