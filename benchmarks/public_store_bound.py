#!/usr/bin/env python3
"""The store-alone bound of `POST /results` (issue 20): the statements one public-test submit sends, run
by the store without Campus, with the same row and document sizes.

    public_store_bound.py sqlite PATH SECONDS
    public_store_bound.py postgresql PSQL_URL SCHEMA SECONDS CLIENTS

A submit writes two things: its details document (an upsert of about 110 KB of JSON text into
`content_documents`) and its finished `quiz_attempts` row (one insert). Both are copied from the newest
guest result in the database, each replay with a new id and token hash. SQLite replays them on one
connection as Campus does (WAL, synchronous=NORMAL, each statement its own transaction); PostgreSQL runs
them as a pgbench custom script (the JSON sent as text, parsed to jsonb by the server, as Campus sends it).
Prints "writes/s".
"""
import os
import subprocess
import sys
import tempfile
import time
import uuid

ROW_COLUMNS = ["user_id", "course_id", "quiz_content_id", "attempt_no", "status", "started_at", "expires_at",
               "submitted_at", "score", "max_score", "passed", "level", "time_spent_seconds", "category_scores", "seed",
               "guest_name", "guest_experience", "created_at", "updated_at", "created_by", "updated_by"]


def sqlite(path: str, seconds: float) -> None:
    import sqlite3
    db = sqlite3.connect(path, isolation_level=None)
    db.execute("PRAGMA journal_mode = WAL")
    db.execute("PRAGMA synchronous = NORMAL")
    row = db.execute(f"SELECT {', '.join(ROW_COLUMNS)}, details_ref FROM quiz_attempts "
                     "WHERE guest_token_hash IS NOT NULL ORDER BY id DESC LIMIT 1").fetchone()
    body = db.execute("SELECT body FROM content_documents WHERE collection = 'attempt_details' AND id = ?",
                      (row[-1],)).fetchone()[0]
    values = list(row[:-1])
    placeholders = ", ".join("?" * (len(ROW_COLUMNS) + 3))
    insert = (f"INSERT INTO quiz_attempts (id, {', '.join(ROW_COLUMNS)}, details_ref, guest_token_hash) "
              f"VALUES ({placeholders})")
    upsert = ("INSERT INTO content_documents (collection, id, body, updated_at) VALUES ('attempt_details', ?, ?, ?) "
              "ON CONFLICT (collection, id) DO UPDATE SET body = excluded.body, updated_at = excluded.updated_at")
    done = 0
    start = time.monotonic()
    while time.monotonic() - start < seconds:
        attempt = str(uuid.uuid4())
        db.execute(upsert, ("attempt:" + attempt, body, time.time()))
        db.execute(insert, [attempt.upper(), *values, "attempt:" + attempt, uuid.uuid4().hex + uuid.uuid4().hex])
        done += 1
    print(f"{done / (time.monotonic() - start):.0f} writes/s (SQLite, one connection, {len(body.encode())} bytes of JSON each)")


def postgresql(url: str, schema: str, seconds: int, clients: int) -> None:
    def psql(sql: str) -> str:
        return subprocess.run(["psql", "-q", "-t", "-A", url, "-c", sql], text=True, check=True,
                              capture_output=True).stdout.strip()
    source = (f"(SELECT * FROM {schema}.quiz_attempts WHERE guest_token_hash IS NOT NULL ORDER BY id DESC LIMIT 1)")
    body = psql(f"SELECT d.body::text FROM {schema}.content_documents d JOIN {source} s "
                f"ON d.collection = 'attempt_details' AND d.id = s.details_ref")
    literals = psql("SELECT " + " || ',' || ".join(f"quote_nullable(s.{c}::text)" for c in ROW_COLUMNS) + f" FROM {source} s")
    casts = psql("SELECT string_agg(format_type(atttypid, atttypmod), ',' ORDER BY attnum) FROM pg_attribute "
                 f"WHERE attrelid = '{schema}.quiz_attempts'::regclass AND attname IN ({', '.join(repr(c) for c in ROW_COLUMNS)})")
    names = psql("SELECT string_agg(attname, ',' ORDER BY attnum) FROM pg_attribute "
                 f"WHERE attrelid = '{schema}.quiz_attempts'::regclass AND attname IN ({', '.join(repr(c) for c in ROW_COLUMNS)})")
    typed = dict(zip(names.split(","), casts.split(",")))
    row_values = dict(zip(ROW_COLUMNS, _split_literals(literals)))
    values = ", ".join(f"{row_values[c]}::{typed[c]}" for c in ROW_COLUMNS)
    quoted = body.replace("'", "''")
    script = (
        "\\set n random(1, 2000000000)\n"
        f"INSERT INTO {schema}.content_documents (collection, id, body, updated_at) VALUES ('attempt_details', "
        f"'bound:' || :n || ':' || md5(random()::text), '{quoted}'::jsonb, now()) "
        "ON CONFLICT (collection, id) DO UPDATE SET body = excluded.body, updated_at = excluded.updated_at;\n"
        f"INSERT INTO {schema}.quiz_attempts (id, {', '.join(ROW_COLUMNS)}, details_ref, guest_token_hash) "
        f"VALUES (gen_random_uuid(), {values}, 'bound:' || :n, md5(random()::text) || md5(random()::text));\n"
    )
    with tempfile.NamedTemporaryFile("w", suffix=".sql", delete=False) as handle:
        handle.write(script)
    os.chmod(handle.name, 0o644)
    try:
        bindir = subprocess.run(["pg_config", "--bindir"], text=True, capture_output=True).stdout.strip()
        output = subprocess.run(["runuser", "-u", "postgres", "--", f"{bindir}/pgbench", "-n", "-f", handle.name,
                                 "-c", str(clients), "-j", "2", "-T", str(seconds), url],
                                text=True, capture_output=True, check=True).stdout
    finally:
        os.unlink(handle.name)
    tps = next(line for line in output.splitlines() if line.startswith("tps"))
    print(f"{float(tps.split()[2]):.0f} writes/s (PostgreSQL pgbench, {clients} clients, {len(body.encode())} bytes of JSON each)")


def _split_literals(text: str) -> list:
    """quote_nullable values joined by commas: NULL or '...' with '' inside."""
    values, i = [], 0
    while i < len(text):
        if text.startswith("NULL", i):
            values.append("NULL")
            i += 4
        else:
            j = i + 1
            while True:
                j = text.index("'", j)
                if j + 1 < len(text) and text[j + 1] == "'":
                    j += 2
                    continue
                break
            values.append(text[i:j + 1])
            i = j + 1
        i += 1  # the comma
    return values


if __name__ == "__main__":
    if sys.argv[1] == "sqlite":
        sqlite(sys.argv[2], float(sys.argv[3]))
    elif sys.argv[1] == "postgresql":
        postgresql(sys.argv[2], sys.argv[3], int(sys.argv[4]), int(sys.argv[5]))
    else:
        sys.exit(__doc__)
