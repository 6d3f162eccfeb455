#!/usr/bin/env python3
"""The store-alone bound of two reads (issue 18): the statements Campus sends for one signed-in lesson read and
for one read of an attempt in progress, run by the store without Campus, over the same rows.

    read_bound.py sqlite PATH SECONDS LESSON_JSON ATTEMPT_ID
    read_bound.py postgresql PSQL_URL SCHEMA SECONDS CLIENTS LESSON_JSON ATTEMPT_ID

LESSON_JSON is `{"user_id", "course_id", "lesson_id", "practice_ids"}` (the benchmark learner and lesson); either
argument may be `-` to skip that read (the learning and quiz suites run on different databases). The
lesson read is one statement (the enrollment, the lesson's progress and the passed exercises together; the
course row and the lesson come from the per-instance cache); the attempt read is two (the attempt row, then its
details document). SQLite replays them on one connection, as Campus uses one, preparing each statement every
time as SQLiteNIO does; PostgreSQL runs them as pgbench custom scripts with prepared statements (Campus
prepares the lesson statement by name; the attempt statements it sends unnamed, so its bound is generous).
Prints "lesson_bound N" and "attempt_bound N" (reads per second).
"""
import json
import os
import subprocess
import sys
import tempfile
import time

ENROLLMENT = ["id", "user_id", "course_id", "status", "enrolled_at", "completed_at", "created_at", "updated_at", "deleted_at",
              "created_by", "updated_by"]
PROGRESS = ["id", "user_id", "course_id", "lesson_content_id", "status", "completed_at", "bookmarked", "note", "time_spent_seconds",
            "last_heartbeat_at", "heartbeats", "created_at", "updated_at", "deleted_at", "created_by", "updated_by"]
ATTEMPT = ("id, user_id, course_id, quiz_content_id, attempt_no, status, started_at, expires_at, submitted_at, score, max_score, "
           "passed, level, time_spent_seconds, category_scores, details_ref, seed, guest_token_hash, guest_name, guest_experience, "
           "created_at, updated_at, created_by, updated_by")
COLUMNS = ", ".join([f"e.{c} AS {c}" for c in ENROLLMENT] + [f"p.{c} AS p_{c}" for c in PROGRESS])


def lesson_sqlite(practices):
    passed = "".join(f", EXISTS (SELECT 1 FROM practice_attempts WHERE user_id = e.user_id AND practice_content_id = ? "
                     f"AND passed = ? AND deleted_at IS NULL) AS passed_{i}" for i in range(len(practices)))
    return (f"SELECT {COLUMNS}{passed} FROM enrollments e LEFT JOIN lesson_progress p ON p.user_id = e.user_id "
            "AND p.lesson_content_id = ? AND p.deleted_at IS NULL WHERE e.user_id = ? AND e.course_id = ? AND e.deleted_at IS NULL LIMIT 1")


def rate(seconds, once):
    done, end = 0, time.monotonic() + seconds
    while time.monotonic() < end:
        once()
        done += 1
    return done / seconds


def sqlite(path, seconds, lesson, attempt_id):
    import sqlite3
    # cached_statements=0: SQLiteNIO prepares every statement afresh, and so does this replay.
    db = sqlite3.connect(path, isolation_level=None, cached_statements=0)
    if lesson:
        user, course = lesson["user_id"].upper(), lesson["course_id"].upper()
        sql = lesson_sqlite(lesson["practice_ids"])
        args = [a for p in lesson["practice_ids"] for a in (p, 1)] + [lesson["lesson_id"], user, course]

        def read_lesson():
            row = db.execute(sql, args).fetchone()
            assert row is not None, "the benchmark learner is not enrolled"
        print(f"lesson_bound {rate(seconds, read_lesson):.0f}")
    if not attempt_id:
        return
    ref = db.execute("SELECT details_ref FROM quiz_attempts WHERE id = ?", [attempt_id.upper()]).fetchone()[0]

    def read_attempt():
        row = db.execute(f"SELECT {ATTEMPT} FROM quiz_attempts WHERE deleted_at IS NULL AND id = ?", [attempt_id.upper()]).fetchone()
        assert row is not None
        body = db.execute("SELECT id, body FROM content_documents WHERE collection = ? AND id IN (?)", ["attempt_details", ref]).fetchone()
        assert body is not None   # Campus also parses it; the bound counts only the store's work

    print(f"attempt_bound {rate(seconds, read_attempt):.0f}")


def pgbench(url, script, seconds, clients):
    with tempfile.NamedTemporaryFile("w", suffix=".sql", delete=False, dir="/tmp") as out:
        out.write(script)
    os.chmod(out.name, 0o644)
    bindir = subprocess.run(["pg_config", "--bindir"], capture_output=True, text=True).stdout.strip()
    result = subprocess.run(["runuser", "-u", "postgres", "--", f"{bindir}/pgbench", "-n", "-M", "prepared", "-f", out.name,
                             "-c", str(clients), "-j", "2", "-T", str(seconds), url], capture_output=True, text=True)
    os.unlink(out.name)
    for line in result.stdout.splitlines():
        if line.startswith("tps = "):
            return float(line.split()[2])
    sys.exit(f"read_bound: pgbench failed: {result.stderr[-500:]}")


def postgresql(url, schema, seconds, clients, lesson, attempt_id):
    def quote(text):
        # pgbench reads ":name" as one of its variables, and the ids hold colons (lesson:…, practice:…).
        return "'" + text.replace("'", "''").replace(":", "' || chr(58) || '") + "'"
    if lesson:
        print(f"lesson_bound {pgbench(url, lesson_statement(schema, lesson, quote), seconds, clients):.0f}")
    if attempt_id:
        print(f"attempt_bound {pgbench(url, attempt_statements(url, schema, attempt_id, quote), seconds, clients):.0f}")


def lesson_statement(schema, lesson, quote):
    ids = "ARRAY[" + ", ".join(quote(p) for p in lesson["practice_ids"]) + "]::text[]"
    lesson_sql = (f"SELECT {COLUMNS}, ARRAY(SELECT DISTINCT practice_content_id FROM {schema}.practice_attempts WHERE user_id = "
                  f"{quote(lesson['user_id'])}::uuid AND passed AND deleted_at IS NULL AND practice_content_id = ANY({ids})) AS passed_ids "
                  f"FROM {schema}.enrollments e LEFT JOIN {schema}.lesson_progress p ON p.user_id = e.user_id AND p.lesson_content_id = "
                  f"{quote(lesson['lesson_id'])} AND p.deleted_at IS NULL WHERE e.user_id = {quote(lesson['user_id'])}::uuid "
                  f"AND e.course_id = {quote(lesson['course_id'])}::uuid AND e.deleted_at IS NULL LIMIT 1;\n")
    return lesson_sql


def attempt_statements(url, schema, attempt_id, quote):
    psql = [os.path.join(subprocess.run(["pg_config", "--bindir"], capture_output=True, text=True).stdout.strip(), "psql")]
    ref = subprocess.run(["runuser", "-u", "postgres", "--", *psql, "-tAc",
                          f"SELECT details_ref FROM {schema}.quiz_attempts WHERE id = {quote(attempt_id)}::uuid", url],
                         capture_output=True, text=True).stdout.strip()
    attempt_sql = (f"SELECT {ATTEMPT} FROM {schema}.quiz_attempts WHERE deleted_at IS NULL AND id = {quote(attempt_id)}::uuid;\n"
                   f"SELECT id, body::text AS body FROM {schema}.content_documents WHERE collection = 'attempt_details' "
                   f"AND id IN ({quote(ref)});\n")
    return attempt_sql


if __name__ == "__main__":
    def given(text):
        return None if text == "-" else text
    if sys.argv[1] == "sqlite":
        sqlite(sys.argv[2], float(sys.argv[3]), given(sys.argv[4]) and json.loads(sys.argv[4]), given(sys.argv[5]))
    else:
        postgresql(sys.argv[2], sys.argv[3], int(sys.argv[4]), int(sys.argv[5]), given(sys.argv[6]) and json.loads(sys.argv[6]),
                   given(sys.argv[7]))
