-- converted from Schema.java MIGRATIONS[4] by tools/schema-to-flyway.py
CREATE TABLE IF NOT EXISTS listening_windows (
  id TEXT PRIMARY KEY NOT NULL,
  ticket_id TEXT NOT NULL,
  provider TEXT NOT NULL,
  from_at TEXT NOT NULL,
  until_at TEXT NOT NULL,
  plays_per_sample BIGINT NOT NULL,
  before_millis BIGINT NOT NULL,
  after_millis BIGINT NOT NULL,
  without_markers_millis BIGINT NOT NULL,
  granted_by TEXT NOT NULL,
  granted_at TEXT NOT NULL
);

CREATE INDEX IF NOT EXISTS listening_windows_ticket ON listening_windows (ticket_id);

CREATE TABLE IF NOT EXISTS listening_plays (
  window_id TEXT NOT NULL,
  recording_id TEXT NOT NULL,
  provider TEXT NOT NULL,
  at TEXT NOT NULL,
  start_millis BIGINT NOT NULL,
  length_millis BIGINT NOT NULL
);

CREATE INDEX IF NOT EXISTS listening_plays_window_recording ON listening_plays (window_id, recording_id);

CREATE TABLE IF NOT EXISTS diagnostic_deletions (
  recording_id TEXT PRIMARY KEY NOT NULL,
  deleted_at TEXT NOT NULL,
  reason TEXT NOT NULL
);
