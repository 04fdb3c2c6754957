-- converted from Schema.java MIGRATIONS[7] by tools/schema-to-flyway.py
CREATE TABLE IF NOT EXISTS recording_calls (
  recording_id TEXT PRIMARY KEY NOT NULL REFERENCES recordings (id),
  mixmonitor_id TEXT,
  bridged_at TEXT,
  end_reason TEXT
);
