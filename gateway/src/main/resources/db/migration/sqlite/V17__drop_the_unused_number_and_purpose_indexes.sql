-- Issue 13: every recording's insert and filing update kept three indexes that no query uses. Searches by number go
-- through caller_key and called_key (V11: every notation of a number has one key), searches by purpose through
-- recording_purposes (V2: any purpose in force, not only the main one), and no query joins or sorts on these columns.
-- The only query that names caller_number or called_number is the start-up fill of missing keys, and there each
-- stands beside "caller_key IS NULL" or "called_key IS NULL", which the key indexes serve. The columns stay (display,
-- evidence, older readers); only their indexes go.
DROP INDEX IF EXISTS recordings_caller_number;

DROP INDEX IF EXISTS recordings_called_number;

DROP INDEX IF EXISTS recordings_purpose;
