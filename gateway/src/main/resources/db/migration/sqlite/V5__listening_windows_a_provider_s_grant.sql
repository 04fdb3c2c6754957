-- converted from Schema.java MIGRATIONS[4] by tools/schema-to-flyway.py
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
);

CREATE INDEX IF NOT EXISTS listening_windows_ticket ON listening_windows (ticket_id);

CREATE TABLE IF NOT EXISTS listening_plays (
  window_id TEXT NOT NULL REFERENCES listening_windows (id),
  recording_id TEXT NOT NULL REFERENCES recordings (id),
  provider TEXT NOT NULL,
  at TEXT NOT NULL,
  start_millis INTEGER NOT NULL,
  length_millis INTEGER NOT NULL
);

CREATE INDEX IF NOT EXISTS listening_plays_window_recording ON listening_plays (window_id, recording_id);

CREATE TABLE IF NOT EXISTS diagnostic_deletions (
  recording_id TEXT PRIMARY KEY NOT NULL REFERENCES recordings (id),
  deleted_at TEXT NOT NULL,
  reason TEXT NOT NULL
);
