-- converted from Schema.java MIGRATIONS[1] by tools/schema-to-flyway.py
ALTER TABLE recordings ADD COLUMN sample_percent BIGINT;

ALTER TABLE recordings ADD COLUMN sample_draw BIGINT;

ALTER TABLE recordings ADD COLUMN objection_offered BIGINT;

ALTER TABLE recordings ADD COLUMN objected_at TEXT;

CREATE TABLE recording_purposes (
  recording_id TEXT NOT NULL,
  position BIGINT NOT NULL,
  purpose TEXT NOT NULL,
  legal_basis TEXT NOT NULL,
  retention_days BIGINT NOT NULL,
  PRIMARY KEY (recording_id, position)
);

CREATE INDEX recording_purposes_purpose ON recording_purposes (purpose);

CREATE TABLE consent_evidence (
  recording_id TEXT NOT NULL,
  position BIGINT NOT NULL,
  purpose TEXT NOT NULL,
  question_prompt_id TEXT NOT NULL,
  language TEXT,
  text_version BIGINT,
  audio_sha256 TEXT,
  asked TEXT NOT NULL,
  answered TEXT NOT NULL,
  key_pressed TEXT NOT NULL,
  given BIGINT NOT NULL,
  PRIMARY KEY (recording_id, position)
);

INSERT INTO recording_purposes (recording_id, position, purpose, legal_basis, retention_days)
SELECT id, 0, purpose, legal_basis, retention_days FROM recordings
WHERE purpose IS NOT NULL AND legal_basis IS NOT NULL;
