-- converted from Schema.java MIGRATIONS[2] by tools/schema-to-flyway.py
CREATE TABLE diagnostic_tickets (
  id TEXT PRIMARY KEY NOT NULL,
  reference TEXT NOT NULL,
  provider TEXT NOT NULL,
  description TEXT NOT NULL,
  max_recordings BIGINT NOT NULL,
  max_length_millis BIGINT NOT NULL,
  record_until TEXT NOT NULL,
  opened TEXT NOT NULL,
  closed_at TEXT
);

CREATE TABLE diagnostic_recordings (
  recording_id TEXT PRIMARY KEY NOT NULL,
  ticket_id TEXT NOT NULL,
  agent TEXT NOT NULL,
  agent_channel TEXT NOT NULL,
  caller_channel TEXT NOT NULL,
  notice_heard_by TEXT NOT NULL,
  position BIGINT NOT NULL
);

CREATE INDEX diagnostic_recordings_ticket ON diagnostic_recordings (ticket_id);

CREATE TABLE fault_markers (
  recording_id TEXT NOT NULL,
  offset_millis BIGINT NOT NULL,
  at TEXT NOT NULL,
  by_whom TEXT NOT NULL
);

CREATE INDEX fault_markers_recording ON fault_markers (recording_id);
