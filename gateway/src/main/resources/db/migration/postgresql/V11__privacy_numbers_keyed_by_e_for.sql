-- Schema.java MIGRATIONS[10], by hand: the deadline computed with PostgreSQL date functions.
ALTER TABLE recordings ADD COLUMN caller_key TEXT;

ALTER TABLE recordings ADD COLUMN called_key TEXT;

CREATE INDEX IF NOT EXISTS recordings_caller_key ON recordings (caller_key);

CREATE INDEX IF NOT EXISTS recordings_called_key ON recordings (called_key);

ALTER TABLE recordings ADD COLUMN retention_seconds BIGINT;

UPDATE recordings SET retention_seconds = retention_days * 86400;

ALTER TABLE recordings ADD COLUMN deletion_at TEXT;

ALTER TABLE recordings ADD COLUMN deletion_reason TEXT;

ALTER TABLE recordings ADD COLUMN deletion_by TEXT;

ALTER TABLE recordings ADD COLUMN deletion_done BIGINT;

CREATE INDEX IF NOT EXISTS recordings_deletion_pending ON recordings (deletion_done) WHERE deletion_done = 0;

ALTER TABLE recording_purposes ADD COLUMN retention_seconds BIGINT;

UPDATE recording_purposes SET retention_seconds = retention_days * 86400;

ALTER TABLE recording_purposes ADD COLUMN due TEXT;

ALTER TABLE recording_purposes ADD COLUMN ended_at TEXT;

ALTER TABLE recording_purposes ADD COLUMN end_reason TEXT;

UPDATE recording_purposes p SET due = to_char(substr(r.ended, 1, 19)::timestamp + p.retention_days * interval '1 day',
         'YYYY-MM-DD"T"HH24:MI:SS') || substr(r.ended, 20)
FROM recordings r WHERE r.id = p.recording_id AND r.ended IS NOT NULL;

UPDATE recording_purposes SET ended_at = (SELECT COALESCE(r.ended, r.started) FROM recordings r
  WHERE r.id = recording_purposes.recording_id), end_reason = 'audio deleted'
WHERE recording_id IN (SELECT id FROM recordings WHERE status = 'deleted');

CREATE INDEX IF NOT EXISTS recording_purposes_due ON recording_purposes (due) WHERE ended_at IS NULL;

CREATE TABLE IF NOT EXISTS legal_holds (
  id TEXT PRIMARY KEY NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('recording', 'number', 'ticket')),
  target TEXT NOT NULL,
  reason TEXT NOT NULL,
  set_by TEXT NOT NULL,
  set_at TEXT NOT NULL,
  lifted_by TEXT,
  lifted_at TEXT
);

CREATE INDEX IF NOT EXISTS legal_holds_target ON legal_holds (kind, target) WHERE lifted_at IS NULL;
