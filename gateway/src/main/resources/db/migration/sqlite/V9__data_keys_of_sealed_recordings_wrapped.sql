-- converted from Schema.java MIGRATIONS[8] by tools/schema-to-flyway.py
CREATE TABLE IF NOT EXISTS recording_keys (
  id TEXT PRIMARY KEY NOT NULL,
  wrapped BLOB NOT NULL
);
