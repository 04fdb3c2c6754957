-- converted from Schema.java MIGRATIONS[12] by tools/schema-to-flyway.py
CREATE TABLE IF NOT EXISTS recorded_parties (
  recording_id TEXT NOT NULL REFERENCES recordings (id),
  channel TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('caller', 'answered', 'joined')),
  joined TEXT NOT NULL,
  notice TEXT NOT NULL,
  played_to_end INTEGER NOT NULL CHECK (played_to_end IN (0, 1)),
  PRIMARY KEY (recording_id, channel)
);
