#!/usr/bin/env python3
"""Piles up stored public-test results for the flatness check of issue 20, straight in the database.

    preload_results.py sqlite PATH TOTAL
    preload_results.py postgresql PSQL_URL SCHEMA TOTAL

Copies the newest guest result (its `quiz_attempts` row and its `attempt_details` document, about 110 KB of
JSON) until the quiz has TOTAL stored results. Each copy gets its own id, result-token hash and details id,
and an older id time than the original, as a history would have. The work is done inside the database
(a recursive CTE on SQLite, generate_series on PostgreSQL), in one transaction; Campus should be stopped.
"""
import subprocess
import sys

COLUMNS = ("user_id, course_id, quiz_content_id, attempt_no, status, started_at, expires_at, submitted_at, score, "
           "max_score, passed, level, time_spent_seconds, category_scores, seed, guest_name, guest_experience, "
           "created_at, updated_at, deleted_at, created_by, updated_by")


def sqlite(path: str, total: int) -> None:
    import sqlite3
    db = sqlite3.connect(path)
    have = db.execute("SELECT COUNT(*) FROM quiz_attempts").fetchone()[0]
    missing = total - have
    if missing <= 0:
        print(f"preload: {have} results already")
        return
    source = db.execute("SELECT id, details_ref FROM quiz_attempts WHERE guest_token_hash IS NOT NULL "
                        "ORDER BY id DESC LIMIT 1").fetchone()
    if source is None:
        sys.exit("preload: no guest result to copy")
    source_id, details_ref = source
    # Ids as sqlite-kit writes them (upper-case text); the first group counts down from the source's time
    # prefix so the copies sort before it.
    db.executescript("BEGIN")
    db.execute(f"""
        WITH RECURSIVE n(i) AS (SELECT ? UNION ALL SELECT i + 1 FROM n WHERE i < ?)
        INSERT INTO quiz_attempts (id, {COLUMNS}, details_ref, guest_token_hash)
        SELECT printf('%08X-%04X-7%03X-8%03X-%012X', ? - i, i % 65536, i % 4096, (i / 4096) % 4096, i),
               {COLUMNS}, printf('attempt:%08x-%04x-7%03x-8%03x-%012x', ? - i, i % 65536, i % 4096, (i / 4096) % 4096, i),
               printf('preload%057d', i)
        FROM quiz_attempts, n WHERE quiz_attempts.id = ?
        """, (have + 1, total, int(source_id[:8], 16), int(source_id[:8], 16), source_id))
    db.execute("""
        WITH RECURSIVE n(i) AS (SELECT ? UNION ALL SELECT i + 1 FROM n WHERE i < ?)
        INSERT INTO content_documents (collection, id, body, updated_at)
        SELECT collection, printf('attempt:%08x-%04x-7%03x-8%03x-%012x', ? - i, i % 65536, i % 4096, (i / 4096) % 4096, i),
               body, updated_at
        FROM content_documents, n WHERE collection = 'attempt_details' AND content_documents.id = ?
        """, (have + 1, total, int(source_id[:8], 16), details_ref))
    db.commit()
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    print(f"preload: {have} → {total} results")


def postgresql(url: str, schema: str, total: int) -> None:
    script = f"""
\\set ON_ERROR_STOP on
SET search_path = {schema};
BEGIN;
CREATE TEMP TABLE source AS
  SELECT * FROM quiz_attempts WHERE guest_token_hash IS NOT NULL ORDER BY id DESC LIMIT 1;
CREATE TEMP TABLE copies AS
  SELECT i, (lpad(to_hex((('x' || substr(replace(source.id::text, '-', ''), 1, 8))::bit(32)::bigint - i)), 8, '0')
             || '-' || lpad(to_hex(i % 65536), 4, '0') || '-7' || lpad(to_hex(i % 4096), 3, '0')
             || '-8' || lpad(to_hex((i / 4096) % 4096), 3, '0') || '-' || lpad(to_hex(i), 12, '0'))::uuid AS id
  FROM source, generate_series((SELECT COUNT(*) FROM quiz_attempts) + 1, {total}) AS i;
INSERT INTO quiz_attempts (id, {COLUMNS}, details_ref, guest_token_hash)
  SELECT copies.id, {', '.join('source.' + c.strip() for c in COLUMNS.split(','))}, 'attempt:' || copies.id::text,
         'preload' || lpad(copies.i::text, 57, '0')
  FROM source, copies;
INSERT INTO content_documents (collection, id, body, updated_at)
  SELECT 'attempt_details', 'attempt:' || copies.id::text, d.body, d.updated_at
  FROM source JOIN content_documents d ON d.collection = 'attempt_details' AND d.id = source.details_ref, copies;
COMMIT;
VACUUM ANALYZE quiz_attempts;
VACUUM ANALYZE content_documents;
SELECT 'preload: ' || COUNT(*) || ' results' FROM quiz_attempts;
"""
    subprocess.run(["psql", "-q", "-t", "-A", url], input=script, text=True, check=True)


if __name__ == "__main__":
    if sys.argv[1] == "sqlite":
        sqlite(sys.argv[2], int(sys.argv[3]))
    elif sys.argv[1] == "postgresql":
        postgresql(sys.argv[2], sys.argv[3], int(sys.argv[4]))
    else:
        sys.exit(__doc__)
