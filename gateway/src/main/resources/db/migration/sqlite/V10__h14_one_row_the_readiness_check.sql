-- converted from Schema.java MIGRATIONS[9] by tools/schema-to-flyway.py
CREATE TABLE IF NOT EXISTS health_probe (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  at TEXT NOT NULL
);
