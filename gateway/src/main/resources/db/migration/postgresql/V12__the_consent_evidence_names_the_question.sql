-- converted from Schema.java MIGRATIONS[11] by tools/schema-to-flyway.py
ALTER TABLE consent_evidence ADD COLUMN played_format TEXT;

ALTER TABLE consent_evidence ADD COLUMN played_sha256 TEXT;
