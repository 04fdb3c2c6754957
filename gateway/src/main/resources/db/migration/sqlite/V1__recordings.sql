-- converted from Schema.java MIGRATIONS[0] by tools/schema-to-flyway.py
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
);

CREATE INDEX recordings_unique_id ON recordings (unique_id);

CREATE INDEX recordings_linked_id ON recordings (linked_id);

CREATE INDEX recordings_caller_number ON recordings (caller_number);

CREATE INDEX recordings_called_number ON recordings (called_number);

CREATE INDEX recordings_purpose ON recordings (purpose);

CREATE INDEX recordings_started ON recordings (started);

CREATE INDEX recordings_status ON recordings (status);

CREATE INDEX recordings_file_path ON recordings (file_path);
