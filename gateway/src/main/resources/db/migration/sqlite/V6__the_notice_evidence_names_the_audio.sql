-- converted from Schema.java MIGRATIONS[5] by tools/schema-to-flyway.py
ALTER TABLE recordings ADD COLUMN notice_played_format TEXT;

ALTER TABLE recordings ADD COLUMN notice_played_sha256 TEXT;

ALTER TABLE recordings ADD COLUMN notice_audio_files TEXT;
