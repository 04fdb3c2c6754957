#!/usr/bin/env python3
"""Converts the hand-written migrations of store/Schema.java (the append-only MIGRATIONS list the
gateway used before Flyway) into Flyway migration files, one version per list entry:

    entry i (0-based) of MIGRATIONS  ->  V<i+1>__<description>.sql  in
        gateway/src/main/resources/db/migration/sqlite/      (the statements as they are)
        gateway/src/main/resources/db/migration/postgresql/  (translated: INTEGER -> BIGINT,
                                                              REAL -> DOUBLE PRECISION, BLOB -> BYTEA,
                                                              REFERENCES dropped: SQLite never enforced them)

Versions that already have a file are left alone (their SQL is compared and a difference reported),
so running it twice changes nothing. A statement that cannot be translated mechanically for
PostgreSQL (CREATE TRIGGER, strftime, INSERT OR ..., INDEXED BY, pragma) is refused: the script then
writes the SQLite file, writes no PostgreSQL file for that version, names the statement and exits 1;
write that PostgreSQL version by hand (see V4 and V7 for triggers in PL/pgSQL).

It also sets Schema.LEGACY_LAST (the Flyway Schema.java in the work tree) to the number of hand-written
migrations, so a database an older gateway migrated by hand to any of them is baselined there, and
refreshes the frozen copy of the hand-written runner the upgrade tests use (store/LegacySchema.java in
the test sources) from the given Schema.java.

Usage (after `git merge main` when another branch appended migrations to Schema.java):
    tools/schema-to-flyway.py SCHEMA_JAVA
    tools/schema-to-flyway.py --git REV      # reads REV:gateway/src/main/java/org/recgateway/store/Schema.java
e.g. during a merge that conflicts on the deleted Schema.java:  tools/schema-to-flyway.py --git MERGE_HEAD
"""
import os
import re
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SCHEMA = "gateway/src/main/java/org/recgateway/store/Schema.java"
OUT = os.path.join(ROOT, "gateway/src/main/resources/db/migration")

UNTRANSLATABLE = [
    (re.compile(r"\bCREATE\s+TRIGGER\b", re.I), "a SQLite trigger (write it in PL/pgSQL)"),
    (re.compile(r"\bstrftime\s*\(|\bjulianday\s*\(|\bdatetime\s*\(", re.I), "a SQLite date function"),
    (re.compile(r"\bINSERT\s+OR\b|\bREPLACE\s+INTO\b", re.I), "INSERT OR ... (use ON CONFLICT)"),
    (re.compile(r"\bINDEXED\s+BY\b|\bpragma", re.I), "a SQLite-only clause"),
    (re.compile(r"\bAUTOINCREMENT\b", re.I), "AUTOINCREMENT"),
]


def read_source(args):
    if len(args) == 2 and args[0] == "--git":
        return subprocess.run(["git", "-C", ROOT, "show", args[1] + ":" + SCHEMA], check=True,
                              capture_output=True, text=True).stdout
    if len(args) == 1:
        with open(args[0], encoding="utf-8") as f:
            return f.read()
    sys.exit(__doc__)


def text_block(body):
    """The value of a Java text block body (after the opening line): common indentation removed."""
    lines = body.split("\n")
    closing = lines[-1]
    significant = [l for l in lines[:-1] if l.strip()] + ([closing] if closing.strip() == "" else [])
    indent = min((len(l) - len(l.lstrip(" ")) for l in significant), default=0)
    if closing.strip() == "":
        lines = lines[:-1]
        value = "\n".join(l[indent:].rstrip() for l in lines) + "\n"
    else:
        value = "\n".join(l[indent:].rstrip() for l in lines)
    return value.replace('\\"', '"').replace("\\\\", "\\")


def plain(body):
    return bytes(body, "utf-8").decode("unicode_escape").encode("latin-1").decode("utf-8")


def parse(source):
    """The migrations as [(comment, [statement, ...]), ...] in list order."""
    start = source.index("MIGRATIONS = List.of(")
    i = start + len("MIGRATIONS = List.of(")
    depth, migrations, current, comment = 1, [], None, []
    while depth > 0:
        if source.startswith("//", i):
            end = source.index("\n", i)
            if depth == 1:
                comment.append(source[i + 2:end].strip())
            i = end + 1
        elif source.startswith('"""', i):
            body_start = source.index("\n", i) + 1
            end = source.index('"""', body_start)
            current.append(text_block(source[body_start:end]))
            i = end + 3
        elif source[i] == '"':
            j = i + 1
            while source[j] != '"':
                j += 2 if source[j] == "\\" else 1
            current.append(plain(source[i + 1:j]))
            i = j + 1
        elif source.startswith("List.of(", i) and depth == 1:
            current = []
            depth += 1
            i += len("List.of(")
        elif source[i] == "(":
            depth += 1
            i += 1
        elif source[i] == ")":
            depth -= 1
            if depth == 1:
                migrations.append((" ".join(comment), current))
                comment = []
            i += 1
        else:
            i += 1
    return migrations


def slug(comment, version):
    words = re.findall(r"[a-z0-9]+", comment.lower())
    words = [w for w in words if not w.isdigit()][:6]
    return "_".join(words) if words else "migration_%d" % version


def sql_file(statements):
    return "".join(s.strip() + ";\n\n" for s in statements).rstrip("\n") + "\n"


def to_postgres(statement):
    for pattern, what in UNTRANSLATABLE:
        if pattern.search(statement):
            return None, what
    # SQLite never enforced the REFERENCES clauses (PRAGMA foreign_keys is off): PostgreSQL keeps that behaviour
    s = re.sub(r"\s+REFERENCES\s+\w+\s*\(\s*\w+\s*\)", "", statement)
    s = re.sub(r"\bINTEGER\b", "BIGINT", s)
    s = re.sub(r"\bREAL\b", "DOUBLE PRECISION", s)
    s = re.sub(r"\bBLOB\b", "BYTEA", s)
    return s, None


def existing(directory, version):
    if not os.path.isdir(directory):
        return None
    for name in os.listdir(directory):
        if name.startswith("V%d__" % version) and name.endswith(".sql"):
            return os.path.join(directory, name)
    return None


def legacy_bookkeeping(source, count):
    flyway = os.path.join(ROOT, SCHEMA)
    with open(flyway, encoding="utf-8") as f:
        text = f.read()
    if "LEGACY_LAST = " not in text:
        sys.exit("%s is not the Flyway version (no LEGACY_LAST); resolve it to the s17 side first" % SCHEMA)
    text = re.sub(r"static final int LEGACY_LAST = \d+;", "static final int LEGACY_LAST = %d;" % count, text)
    with open(flyway, "w", encoding="utf-8") as f:
        f.write(text)
    legacy = source.replace("final class Schema {", "final class LegacySchema {").replace(
        "private Schema()", "private LegacySchema()")
    legacy = re.sub(r"/\*\*\n \* The versioned schema:.*?\*/", "/**\n * A frozen copy of the hand-written migration runner the "
                    "gateway used before Flyway (tools/schema-to-flyway.py\n * writes it): tests build databases exactly as "
                    "older gateways left them and check that they upgrade.\n */", legacy, count=1, flags=re.S)
    with open(os.path.join(ROOT, "gateway/src/test/java/org/recgateway/store/LegacySchema.java"), "w", encoding="utf-8") as f:
        f.write(legacy)
    print("Schema.LEGACY_LAST = %d; test LegacySchema.java refreshed" % count)


def main(args):
    source = read_source(args)
    migrations = parse(source)
    legacy_bookkeeping(source, len(migrations))
    refused = []
    for index, (comment, statements) in enumerate(migrations):
        version = index + 1
        name = "V%d__%s.sql" % (version, slug(comment, version))
        lite_dir, pg_dir = os.path.join(OUT, "sqlite"), os.path.join(OUT, "postgresql")
        lite = existing(lite_dir, version)
        text = sql_file(statements)
        if lite is None:
            os.makedirs(lite_dir, exist_ok=True)
            with open(os.path.join(lite_dir, name), "w", encoding="utf-8") as f:
                f.write("-- converted from Schema.java MIGRATIONS[%d] by tools/schema-to-flyway.py\n" % index + text)
            print("wrote sqlite/" + name)
        else:
            with open(lite, encoding="utf-8") as f:
                have = f.read()
            if text.strip() not in have:
                print("warning: %s differs from Schema.java MIGRATIONS[%d]; a shipped migration was edited?"
                      % (os.path.relpath(lite, ROOT), index), file=sys.stderr)
        if existing(pg_dir, version) is None:
            translated = []
            for statement in statements:
                pg, why = to_postgres(statement)
                if pg is None:
                    refused.append("V%d: %s in: %s" % (version, why, statement.strip().splitlines()[0]))
                    translated = None
                    break
                translated.append(pg)
            if translated is not None:
                os.makedirs(pg_dir, exist_ok=True)
                with open(os.path.join(pg_dir, name), "w", encoding="utf-8") as f:
                    f.write("-- converted from Schema.java MIGRATIONS[%d] by tools/schema-to-flyway.py\n" % index
                            + sql_file(translated))
                print("wrote postgresql/" + name)
    if refused:
        print("not translated for PostgreSQL (write these versions by hand in db/migration/postgresql/):",
              file=sys.stderr)
        for line in refused:
            print("  " + line, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
