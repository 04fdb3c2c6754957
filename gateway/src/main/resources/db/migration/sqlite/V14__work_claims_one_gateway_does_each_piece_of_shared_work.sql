-- Issue #17: work that exactly one gateway does although every gateway could (filing at hangup, deleting audio,
-- stopping for a new party, quarantining a file). A row is a claim; it ends when its holder deletes it or at expires
-- (fixed-width ISO-8601 UTC text, like every timestamp here), after which another gateway may take it over.
CREATE TABLE IF NOT EXISTS work_claims (
  work TEXT NOT NULL,
  subject TEXT NOT NULL,
  holder TEXT NOT NULL,
  expires TEXT NOT NULL,
  PRIMARY KEY (work, subject)
);
